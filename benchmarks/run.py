"""`make bench`: scale and speed figures, measured side by side in one run.

The machine is shared and noisy, so every figure that matters is a ratio of two
measurements taken in the same run: a deep page against the first page (keyset
pagination must not slow down with depth), a large data set against a small one.
Results are appended to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.main import create_app
from app.platform.embedded import ensure_server
from app.platform.engine import app_url_for, create_sessionmaker
from app.platform.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def _prepare_database(name: str) -> str:
    from tests.conftest import alembic, recreate_database

    home = Path(os.environ.get("CORRIDOR_HOME", ROOT / ".corridor")) / "bench-pg"
    server = ensure_server(home, durable=False)
    url = recreate_database(server.url("postgres"), name)
    alembic(url, "upgrade", "heads")
    return url


SEED_CASES = """
INSERT INTO cases (id, reference, status, version, priority, specialty, referring_organization_id,
                   receiving_organization_id, coverage_route, created_at, updated_at)
SELECT gen_random_uuid(), 'BENCH-' || :batch || '-' || n, 'submitted', 2, 'routine', 'cardiology',
       :referring, :receiving, 'self_pay',
       now() - make_interval(secs => :offset + n), now() - make_interval(secs => :offset + n)
FROM generate_series(1, :count) AS n
"""


async def _timed(client: httpx.AsyncClient, path: str, headers: dict, params: dict, repeat: int):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = await client.get(path, params=params, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text
    return statistics.median(samples), response.json()


async def keyset_depth(url: str, cases: int, repeat: int) -> list[str]:
    """Median latency of the first page and of a page near the end of `cases` cases."""
    engine = create_async_engine(url)  # the owner seeds
    app_engine = create_async_engine(app_url_for(url))  # the API serves under RLS
    home = Path(tempfile.mkdtemp(prefix="corridor-bench-"))
    settings = Settings(environment="test", home=home, database_url=url, rate_limit_per_minute=0)
    app = create_app(settings, sessionmaker=create_sessionmaker(app_engine))
    referring, receiving = uuid.uuid4(), uuid.uuid4()
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO organizations (id, name, kind, country) VALUES "
                "(:a, 'Bench referrer', 'referring_facility', 'LC'), "
                "(:b, 'Bench receiver', 'receiving_facility', 'MQ')"
            ),
            {"a": referring, "b": receiving},
        )
        batch = 0
        while batch * 10_000 < cases:
            await connection.execute(
                text(SEED_CASES),
                {
                    "batch": str(batch),
                    "referring": referring,
                    "receiving": receiving,
                    "count": min(10_000, cases - batch * 10_000),
                    "offset": batch * 10_000,
                },
            )
            batch += 1
        await connection.execute(text("ANALYZE cases"))
    headers = {
        "Authorization": "Bearer "
        + app.state.tokens.issue(sub="bench", roles=["coordinator"], organization_id=receiving)
    }
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        first_ms, _ = await _timed(client, "/v1/cases", headers, {"limit": 50}, repeat)
        # Walk to a deep page: a cursor from the last rows of the table.
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text(
                        "SELECT created_at, id FROM cases ORDER BY created_at, id OFFSET :n LIMIT 1"
                    ),
                    {"n": max(cases - 100, 0)},
                )
            ).one()
        from app.platform.paging import Cursors

        cursors = Cursors(settings.secret_key.get_secret_value())
        cursor = cursors.encode("cases-created", [row.created_at.isoformat(), str(row.id)])
        deep_ms, deep = await _timed(
            client, "/v1/cases", headers, {"limit": 50, "cursor": cursor}, repeat
        )
        assert len(deep["items"]) == 50
    await engine.dispose()
    await app_engine.dispose()
    return [
        f"| keyset pagination, {cases:,} cases, limit 50 | first page {first_ms:.1f} ms | "
        f"page at row {cases - 100:,}: {deep_ms:.1f} ms | deep/first = {deep_ms / first_ms:.2f} |"
    ]


async def lifecycle(url: str, runs: int) -> list[str]:
    """Median time of each lifecycle request, in-process, over `runs` whole cases."""
    engine = create_async_engine(app_url_for(url))  # the API serves under RLS
    home = Path(tempfile.mkdtemp(prefix="corridor-bench-"))
    settings = Settings(environment="test", home=home, database_url=url, rate_limit_per_minute=0)
    app = create_app(settings, sessionmaker=create_sessionmaker(engine))
    tokens = app.state.tokens
    transport = httpx.ASGITransport(app=app)
    timings: dict[str, list[float]] = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as api:
        admin = {
            "Authorization": "Bearer "
            + tokens.issue(sub="a", roles=["admin"], organization_id=None)
        }
        orgs = {}
        for key, kind in (("ref", "referring_facility"), ("rec", "receiving_facility")):
            response = await api.post(
                "/v1/organizations",
                json={"name": key, "kind": kind, "country": "LC"},
                headers=admin,
            )
            orgs[key] = response.json()["id"]

        def bearer(org, role):
            token = tokens.issue(sub=role, roles=[role], organization_id=uuid.UUID(orgs[org]))
            return {"Authorization": f"Bearer {token}"}

        referrer, coordinator = bearer("ref", "referrer"), bearer("rec", "coordinator")

        async def call(name, method, path, body, headers):
            started = time.perf_counter()
            response = await api.request(method, path, json=body, headers=headers)
            timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)
            assert response.status_code < 300, response.text
            return response.json()

        for run in range(runs):
            patient = await call(
                "register patient",
                "POST",
                "/v1/patients",
                {
                    "family_name": "Bench",
                    "residence": {"country": "LC"},
                    "identifiers": [
                        {"system": "passport", "value": f"B{run}-{uuid.uuid4().hex[:8]}"}
                    ],
                },
                referrer,
            )
            case = await call(
                "create case",
                "POST",
                "/v1/cases",
                {
                    "patient_id": patient["id"],
                    "receiving_organization_id": orgs["rec"],
                    "specialty": "cardiology",
                    "clinical_summary": "x",
                    "coverage": {"route": "zoast"},
                    "priority": "emergency",
                },
                referrer,
            )
            path = f"/v1/cases/{case['id']}"
            now = datetime.now(UTC)
            await call("submit", "POST", f"{path}/submit", None, referrer)
            await call("accept", "POST", f"{path}/accept", {"reason": "x"}, coordinator)
            await call(
                "schedule-transfer",
                "POST",
                f"{path}/schedule-transfer",
                {"expected_arrival_at": "2099-01-01T00:00:00Z", "transport": "sea"},
                coordinator,
            )
            await call(
                "admit",
                "POST",
                f"{path}/admit",
                {"admitted_at": now.isoformat(), "unit": "a"},
                coordinator,
            )
            await call(
                "discharge",
                "POST",
                f"{path}/discharge",
                {
                    "discharged_at": datetime.now(UTC).isoformat(),
                    "disposition": "home",
                    "summary": "ok",
                },
                coordinator,
            )
            await call("read case", "GET", path, None, referrer)
    await engine.dispose()
    return [
        f"| {name} | median {statistics.median(values):.1f} ms | p90 "
        f"{sorted(values)[int(len(values) * 0.9) - 1]:.1f} ms | n={len(values)} |"
        for name, values in timings.items()
    ]


async def export_memory(url: str, small: int, large: int) -> list[str]:
    """Peak Python memory and throughput of the billing export, `small` then `large` claims,
    served as the application role (under row-level security)."""
    import tracemalloc

    from app.access.tokens import Principal
    from app.domain.vocabulary import Role
    from app.finance import billing_export as billing
    from app.platform.unit_of_work import UnitOfWork

    owner = create_async_engine(url)
    app_engine = create_async_engine(app_url_for(url))
    sessionmaker = create_sessionmaker(app_engine)
    ids = {name: uuid.uuid4() for name in ("referrer", "hospital", "payer", "case")}
    async with owner.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO organizations (id, name, kind, country) VALUES"
                " (:referrer, 'R', 'referring_facility', 'BE'),"
                " (:hospital, 'H', 'receiving_facility', 'FR'), (:payer, 'P', 'payer', 'BE')"
            ),
            ids,
        )
        await connection.execute(
            text(
                "INSERT INTO cases (id, reference, status, version, priority, specialty,"
                " referring_organization_id, receiving_organization_id, payer_organization_id,"
                " coverage_route, member_number) VALUES (:case, 'BENCH-EXPORT', 'discharged', 9,"
                " 'routine', 'cardiology', :referrer, :hospital, :payer, 'zoast', 'M-1')"
            ),
            ids,
        )

    async def add_claims(start: int, count: int) -> None:
        async with owner.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO claims (id, case_id, number, kind, status, total_amount,"
                    " currency, creditor_organization_id, debtor_organization_id, version)"
                    " SELECT gen_random_uuid(), :case, 'B-' || g, 'interim', 'submitted',"
                    " 100 + g % 1000, 'EUR', :hospital, :payer, 1"
                    " FROM generate_series(CAST(:start AS int), CAST(:end AS int)) g"
                ),
                {**ids, "start": start, "end": start + count - 1},
            )

    payer = Principal(sub="bench", organization_id=ids["payer"], roles=frozenset({Role.PAYER}))

    async def stream() -> tuple[int, float, int]:
        produced = 0
        tracemalloc.start()
        started = time.perf_counter()
        async for chunk in billing.export_chunks(
            UnitOfWork(sessionmaker, payer),
            payer,
            billing.ExportFilters(),
            billing.ExportFormat.CSV,
        ):
            produced += len(chunk)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return peak, elapsed, produced

    await add_claims(1, small)
    small_peak, small_s, small_bytes = await stream()
    await add_claims(small + 1, large - small)
    large_peak, large_s, large_bytes = await stream()
    await owner.dispose()
    await app_engine.dispose()
    return [
        f"| billing export CSV, peak traced memory | {small:,} claims: "
        f"{small_peak / 1e6:.1f} MB | {large:,} claims: {large_peak / 1e6:.1f} MB | "
        f"large/small = {large_peak / small_peak:.2f} |",
        f"| billing export CSV, throughput (with tracemalloc on) | {small / small_s:,.0f} rows/s "
        f"({small_bytes / 1e6:.0f} MB) | {large / large_s:,.0f} rows/s "
        f"({large_bytes / 1e6:.0f} MB) | {(large / large_s) / (small / small_s):.2f} |",
    ]


async def concurrency(url: str, requests: int) -> list[str]:
    """Requests per second against a real uvicorn process (as corridor_app, audit on),
    one client at a time against eight at once: reads of a case, and writes (estimates on
    eight different cases, each an audited, committed transaction)."""
    from app.access.keys import KeyRing
    from app.access.tokens import TokenService
    from tests.e2e.conftest import start_server, stop_server

    home = Path(tempfile.mkdtemp(prefix="corridor-bench-live-"))
    settings = Settings(environment="test", home=home, database_url=url)
    tokens = TokenService(settings, KeyRing.from_settings(settings))  # keys before the server
    server = start_server(home, url, {"CORRIDOR_RATE_LIMIT_PER_MINUTE": "0"})
    lines = []
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as api:
            admin = {
                "Authorization": "Bearer "
                + tokens.issue(sub="a", roles=["admin"], organization_id=None)
            }
            orgs = {}
            for key, kind in (("ref", "referring_facility"), ("rec", "receiving_facility")):
                response = await api.post(
                    "/v1/organizations",
                    headers=admin,
                    json={"name": key, "kind": kind, "country": "LC"},
                )
                orgs[key] = uuid.UUID(response.json()["id"])
            referrer = {
                "Authorization": "Bearer "
                + tokens.issue(sub="r", roles=["referrer"], organization_id=orgs["ref"])
            }
            coordinator = {
                "Authorization": "Bearer "
                + tokens.issue(sub="c", roles=["coordinator"], organization_id=orgs["rec"])
            }
            case_ids = []
            for _ in range(8):
                created = await api.post(
                    "/v1/cases",
                    headers=referrer,
                    json={
                        "receiving_organization_id": str(orgs["rec"]),
                        "specialty": "cardiology",
                        "coverage": {"route": "self_pay"},
                    },
                )
                case_ids.append(created.json()["id"])

            async def read(index: int) -> None:
                response = await api.get(f"/v1/cases/{case_ids[index % 8]}", headers=referrer)
                assert response.status_code == 200, response.text

            async def write(index: int) -> None:
                response = await api.post(
                    f"/v1/cases/{case_ids[index % 8]}/estimates",
                    headers=coordinator,
                    json={"total": {"amount": "100.00", "currency": "EUR"}},
                )
                assert response.status_code == 201, response.text

            for name, call in (("read a case", read), ("issue an estimate", write)):
                rates = {}
                for parallel in (1, 8):
                    started = time.perf_counter()
                    for batch in range(0, requests, parallel):
                        await asyncio.gather(*(call(batch + i) for i in range(parallel)))
                    rates[parallel] = requests / (time.perf_counter() - started)
                lines.append(
                    f"| {name}, uvicorn (1 process) | 1 client: {rates[1]:.0f} req/s | "
                    f"8 clients: {rates[8]:.0f} req/s | 8/1 = {rates[8] / rates[1]:.2f} |"
                )
    finally:
        stop_server(server)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--export-small", type=int, default=100_000)
    parser.add_argument("--export-large", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    url = _prepare_database(f"corridor_bench_{os.getpid()}")
    started = datetime.now(UTC)
    lines = [
        "",
        f"## {started:%Y-%m-%d %H:%M} UTC — `make bench` (python -m benchmarks.run "
        f"--cases {args.cases} --runs {args.runs} --repeat {args.repeat} "
        f"--export-small {args.export_small} --export-large {args.export_large} "
        f"--requests {args.requests})",
        "",
        f"Machine: {os.cpu_count()} cores; in-process ASGI client; embedded PostgreSQL, fsync off.",
        "",
        "| measurement | A | B | ratio |",
        "| --- | --- | --- | --- |",
        *asyncio.run(keyset_depth(url, args.cases, args.repeat)),
        *asyncio.run(export_memory(url, args.export_small, args.export_large)),
        *asyncio.run(concurrency(url, args.requests)),
        "",
        "| lifecycle request | median | p90 | samples |",
        "| --- | --- | --- | --- |",
        *asyncio.run(lifecycle(url, args.runs)),
    ]
    from tests.conftest import drop_database

    drop_database(url.rsplit("/", 1)[0] + "/postgres", url.rsplit("/", 1)[1])
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\nAppended by `make bench`; newest last.\n")
    with RESULTS.open("a") as handle:
        handle.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
