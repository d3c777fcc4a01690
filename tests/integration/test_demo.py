"""`corridor demo`: two years of CARES and ZOAST cases through the real API, idempotent,
tokens for every role of every organisation in a file."""

import asyncio
import json
import os

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.cases.presenters import hide_from_payer
from app.cases.schemas import Case
from app.db.engine import create_sessionmaker
from app.demo import ALREADY_LOADED, CORRIDORS, ORGANIZATIONS, ZOAST_BE_POSTCODES, load_demo
from app.main import create_app
from tests.conftest import alembic, drop_database, recreate_database


async def _rows(url: str, query: str) -> list:
    engine = create_async_engine(url, poolclass=NullPool)
    async with engine.connect() as connection:
        rows = (await connection.execute(text(query))).all()
    await engine.dispose()
    return rows


async def test_the_demo_is_realistic_idempotent_and_writes_tokens(
    server_root_url, settings, tmp_path
):
    name = f"corridor_demo_{os.getpid()}"
    url = await asyncio.to_thread(recreate_database, server_root_url, name)
    tokens_file = tmp_path / "tokens.json"
    try:
        await asyncio.to_thread(alembic, url, "upgrade", "heads")
        result = await load_demo(url, settings, cases=40, tokens_file=tokens_file)
        summary = result.summary()
        assert summary.startswith("Loaded 40 cases from ")
        assert str(tokens_file) in summary
        assert len(summary.splitlines()) <= 8  # short, and no token in it
        assert "eyJ" not in summary

        statuses = dict(await _rows(url, "SELECT status, count(*) FROM cases GROUP BY status"))
        assert sum(statuses.values()) == 40
        assert statuses.get("closed", 0) >= 10, statuses  # the older cases are done
        assert len(statuses) >= 4, statuses
        (first, last) = (await _rows(url, "SELECT min(created_at), max(created_at) FROM cases"))[0]
        assert (last - first).days > 300  # spread over the two years
        # Events happen on the case's days, in order.
        disorder = await _rows(
            url,
            "SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id "
            "WHERE e.occurred_at < c.created_at",
        )
        assert disorder[0][0] == 0

        names = {row[0] for row in await _rows(url, "SELECT name FROM organizations")}
        assert {
            "CHU de Martinique",
            "CHU de la Guadeloupe",
            "CH de la Basse-Terre",
            "CH Louis-Constant Fleming, Saint-Martin",
        } <= names
        countries = {row[0] for row in await _rows(url, "SELECT country FROM organizations")}
        assert {"LC", "DM", "GD", "VC", "MQ", "GP", "MF", "BE", "FR"} <= countries

        # Routes match the funding rules: self-pay names no payer; the others name the
        # agreement's payer, and ZOAST patients live in the zone's postal codes.
        coverage = await _rows(
            url,
            "SELECT c.coverage_route, c.payer_organization_id IS NULL, "
            "p.residence->>'postal_code' FROM cases c JOIN patients p ON p.id = c.patient_id",
        )
        for route, no_payer, postal_code in coverage:
            assert no_payer == (route == "self_pay"), (route, no_payer)
            if route == "zoast":
                assert postal_code in ZOAST_BE_POSTCODES or postal_code.startswith("59")
        assert {row[0] for row in coverage} >= {"zoast", "third_party_guarantee"}
        zones = await _rows(url, "SELECT zone FROM agreements WHERE kind = 'zoast'")
        assert any(
            sorted(entry.get("postal_codes", [])) == sorted(ZOAST_BE_POSTCODES)
            for (zone,) in zones
            for entry in zone
        )
        assert len(await _rows(url, "SELECT id FROM agreements")) == len(CORRIDORS)

        # A token for every role of every organisation, and they work.
        tokens = json.loads(tokens_file.read_text())
        assert {org["name"] for org in tokens["organizations"]} == {
            name for name, _, _ in ORGANIZATIONS.values()
        }
        engine = create_async_engine(url, poolclass=NullPool)
        app = create_app(settings, sessionmaker=create_sessionmaker(engine))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://demo"
        ) as api:
            martinique = next(o for o in tokens["organizations"] if o["key"] == "chu_martinique")
            assert {"coordinator", "clinician"} <= set(martinique["tokens"])
            seen = await api.get(
                "/v1/cases",
                headers={"Authorization": f"Bearer {martinique['tokens']['coordinator']}"},
            )
            assert seen.status_code == 200 and seen.json()["items"]
            # A case is rendered from its rows without the schema: every rendering, in the
            # care parties' view and in the payer's, is exactly what the `Case` schema
            # makes of it.
            rendered = 0
            for org in tokens["organizations"]:
                for role in ("coordinator", "payer", "referrer"):
                    if role not in org["tokens"]:
                        continue
                    reader = {"Authorization": f"Bearer {org['tokens'][role]}"}
                    listed = await api.get("/v1/cases", params={"limit": 100}, headers=reader)
                    for item in listed.json()["items"]:
                        body = (await api.get(f"/v1/cases/{item['id']}", headers=reader)).json()
                        again = Case.model_validate(body).model_dump(mode="json")
                        if role == "payer":
                            # A payer reads back only its own funding note.
                            hide_from_payer(again, reader_org=org["id"])
                        assert again == body, item["reference"]
                        rendered += 1
            assert rendered >= 40
            ministry = next(o for o in tokens["organizations"] if o["key"] == "lc_ministry")
            claims = await api.get(
                "/v1/claims", headers={"Authorization": f"Bearer {ministry['tokens']['payer']}"}
            )
            assert claims.status_code == 200
            orgs = await api.get(
                "/v1/organizations", headers={"Authorization": f"Bearer {tokens['admin']}"}
            )
            assert orgs.status_code == 200
            # The observatory of the CARES corridors reads their aggregates, never a case.
            observatory = next(o for o in tokens["organizations"] if o["key"] == "ors_antilles")
            observer = {"Authorization": f"Bearer {observatory['tokens']['coordinator']}"}
            flows = await api.get(
                "/v1/stats/flows", params={"group_by": "origin_country"}, headers=observer
            )
            assert flows.status_code == 200, flows.text
            cells = flows.json()["items"]
            assert {cell["origin_country"] for cell in cells} <= {"LC", "DM", "GD", "VC"}
            assert cells and all(cell["suppressed"] or cell["cases"] >= 5 for cell in cells)
            none = await api.get("/v1/cases", headers=observer)
            assert none.status_code == 200 and none.json()["items"] == []

            # Every feature a newcomer tries has data. The directory, without a residence,
            # lists every receiving hospital's published services, a page at a time.
            receivers = {
                name for name, kind, _ in ORGANIZATIONS.values() if kind == "receiving_facility"
            }
            listed, cursor = [], None
            while True:
                page = await api.get(
                    "/v1/directory", params={"limit": 3, **({"cursor": cursor} if cursor else {})}
                )
                assert page.status_code == 200, page.text
                listed += page.json()["facilities"]
                cursor = page.json()["next_cursor"]
                if cursor is None:
                    break
            assert {facility["name"] for facility in listed} == receivers
            assert len(listed) == len(receivers)  # no facility twice across the pages
            assert all(facility["services"] and facility["agreements"] for facility in listed)
            # ... and a resident of Saint Lucia finds the CARES hospitals.
            lucia = (await api.get("/v1/directory", params={"residence_country": "LC"})).json()
            assert {f["name"] for f in lucia["facilities"]} == {
                "CHU de Martinique",
                "CHU de la Guadeloupe",
                "CH Louis-Constant Fleming, Saint-Martin",
            }
        await engine.dispose()

        # Claims in every state a payer's desk meets: open, contested, partly and fully paid.
        claims_by_status = dict(
            await _rows(url, "SELECT status, count(*) FROM claims GROUP BY status")
        )
        for status in ("submitted", "contested", "partially_paid", "paid"):
            assert claims_by_status.get(status, 0) >= 1, claims_by_status
        # Coordination bodies are named on the agreements they coordinate.
        coordinated = await _rows(
            url,
            "SELECT a.kind, o.name FROM agreements a "
            "JOIN organizations o ON o.id = ANY(a.coordinating_organization_ids)",
        )
        assert {kind for kind, _ in coordinated} == {"bilateral", "zoast"}
        assert summary.count("services in the directory") == 1

        # Idempotent: a second run adds nothing and rewrites the tokens.
        tokens_file.unlink()
        again = await load_demo(url, settings, cases=40, tokens_file=tokens_file)
        assert again.already_loaded and ALREADY_LOADED in again.summary()
        assert (await _rows(url, "SELECT count(*) FROM cases"))[0][0] == 40
        assert tokens_file.exists()
    finally:
        await asyncio.to_thread(drop_database, server_root_url, name)


async def test_the_demo_waits_out_the_rate_limit_instead_of_dying(settings, sessionmaker):
    """The reported failure: `corridor demo` died with 429 `rate_limited` on an idle machine.
    Against the real limiter (2 at once, then one every 3 s) every step now lands, each
    POST once (its Idempotency-Key), after waiting the answers' Retry-After."""
    from datetime import UTC, datetime

    from app.demo import DemoApi

    limited = settings.model_copy(update={"rate_limit_per_minute": 20, "rate_limit_burst": 2})
    app = create_app(limited, sessionmaker=sessionmaker)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://demo"
    ) as client:
        api = DemoApi(client, app.state.tokens)
        admin = api.as_(None, "admin", sub="demo-admin-limited")
        now = datetime.now(UTC)
        names = [f"Limited payer {n} {os.getpid()}" for n in range(4)]
        for name in names:
            body = {"name": name, "kind": "payer", "country": "LC"}
            await api.call("POST", "/v1/organizations", admin, now, body)
        listed = await api.call("GET", "/v1/organizations?limit=200", admin, now)
    assert api.retried[429] >= 2, api.retried  # the limiter refused; the demo waited
    created = [org["name"] for org in listed["items"] if org["name"] in names]
    assert sorted(created) == sorted(names)  # each exactly once
