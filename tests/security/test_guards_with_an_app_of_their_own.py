"""Guards that need an application of their own
(settings, a caller address) or the database owner: one test per finding, named after it.

They live apart from tests/security/test_tenant_data_boundaries.py because the two-tenant world
there holds its transaction open for the whole module, the audit chain's head row
with it: a second connection appending to the trail would wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr, ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.access import audit
from app.db.unit_of_work import UnitOfWork
from app.integrations import service as webhook_service
from app.integrations import webhook_targets
from app.integrations.worker import DeliveryWorker
from app.main import create_app
from app.platform.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _app_client(settings, sessionmaker, peer: tuple[str, int] = ("127.0.0.1", 123), **update):
    app = create_app(settings.model_copy(update=update), sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=peer)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


# -- 2. webhook SSRF: transition forms of private IPv4, and DNS rebinding --------------------

REFUSED_TARGETS = [
    "http://[::127.0.0.1]/",  # IPv4-compatible
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254 (cloud metadata)
    "http://[64:ff9b:1::a00:1]/",  # local-use NAT64
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[2002:c0a8:101::1]/",  # 6to4 of 192.168.1.1
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",  # Teredo, client 192.0.2.45
    "http://[::1]/",
    "http://[::]/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "http://127.0.0.1/",
    "http://2130706433/",  # 127.0.0.1 as a number
    "http://0.0.0.0/",
    "http://100.64.0.1/",
    "http://169.254.169.254/",
    "http://localhost/",
]


@pytest.mark.parametrize("url", REFUSED_TARGETS)
async def test_webhook_targets_in_private_ipv4_transition_forms_are_refused(
    url, settings, sessionmaker, auth
):
    async with _app_client(settings, sessionmaker, webhooks_allow_private_targets=False) as client:
        admin = auth(None, "admin")
        org = (
            await client.post(
                "/v1/organizations",
                json={"name": "Hooks", "kind": "payer", "country": "BE"},
                headers=admin,
            )
        ).json()["id"]
        response = await client.post(
            "/v1/webhooks",
            json={"url": url, "event_types": ["*"]},
            headers=auth(org, "payer"),
        )
    assert response.status_code == 422, (url, response.text)
    assert response.json()["code"] in ("webhook_target_not_allowed", "webhook_target_unresolvable")


@pytest.mark.parametrize(
    "address, allowed",
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("64:ff9b::5db8:d822", True),  # NAT64 of a public address
        ("2002:5db8:d822::1", True),  # 6to4 of a public address
        ("::ffff:93.184.216.34", True),
        ("64:ff9b::7f00:1", False),
        ("2002:7f00:1::", False),
        ("::127.0.0.1", False),
        ("::ffff:7f00:1", False),
        ("224.0.0.1", False),
        ("ff02::1", False),
    ],
)
def test_the_address_policy_judges_the_ipv4_address_an_ipv6_form_carries(address, allowed):
    assert webhook_targets.address_allowed(address) is allowed


@contextlib.asynccontextmanager
async def _receiver():
    seen: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        seen.append(head)
        writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1], seen
    finally:
        server.close()
        await server.wait_closed()


async def test_dns_rebinding_cannot_reach_a_loopback_receiver(monkeypatch):
    """The reported attack: the check resolved a public address, the connection resolved
    again and reached 127.0.0.1. The transport connects only to what it checked."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])

    async def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    monkeypatch.setattr(webhook_targets, "resolve", rebinding)
    async with _receiver() as (port, seen):
        url = f"http://rebind.example.test:{port}/hook"
        assert await webhook_service.target_refusal(url, allow_private=False) is None
        async with httpx.AsyncClient(
            transport=webhook_targets.PinnedTransport(allow_private=False)
        ) as client:
            with pytest.raises(httpx.ConnectError, match="target_private_address"):
                await client.post(url, content=b"{}")
        assert seen == []


async def test_the_connection_goes_to_the_checked_address_with_the_host_kept(monkeypatch):
    async def pinned(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "receiver.example.test" else []

    monkeypatch.setattr(webhook_targets, "resolve", pinned)
    async with _receiver() as (port, seen):
        async with httpx.AsyncClient(
            transport=webhook_targets.PinnedTransport(allow_private=True)
        ) as client:
            response = await client.post(f"http://receiver.example.test:{port}/hook", content=b"{}")
        assert response.status_code == 204
        assert f"host: receiver.example.test:{port}".encode() in seen[0].lower()
    # The delivery worker sends through this transport.
    worker = DeliveryWorker(None, Settings(environment="test"))  # type: ignore[arg-type]
    assert isinstance(worker.client._transport, webhook_targets.PinnedTransport)
    await worker.aclose()


# -- 7. bounded tokens ------------------------------------------------------------------------


def _signed(token_service, **claims) -> dict[str, str]:
    key = token_service.keys.signing_key
    now = int(time.time())
    body = {
        "iss": "corridor",
        "aud": "corridor-api",
        "sub": "probe",
        "iat": now,
        "exp": now + 600,
        "roles": ["coordinator"],
        "org_id": str(uuid.uuid4()),
        **claims,
    }
    body = {name: value for name, value in body.items() if value is not None}
    private = serialization.load_pem_private_key(key.private_pem, password=None)
    token = jwt.encode(body, private, algorithm="RS256", headers={"kid": key.kid})
    return {"Authorization": f"Bearer {token}"}


async def test_tokens_are_bounded_in_lifetime_issuer_and_roles(client, token_service):
    now = int(time.time())
    century = _signed(token_service, exp=now + 100 * 365 * 86_400, iat=now)
    assert (await client.get("/v1/cases", headers=century)).status_code == 401
    backdated = _signed(token_service, exp=now + 600, iat=now - 10 * 86_400)
    assert (await client.get("/v1/cases", headers=backdated)).status_code == 401
    admin_of_an_org = _signed(token_service, roles=["admin"])
    assert (await client.get("/v1/audit-events", headers=admin_of_an_org)).status_code == 401
    admin_and_more = _signed(token_service, roles=["admin", "coordinator"])
    assert (await client.get("/v1/audit-events", headers=admin_and_more)).status_code == 401
    fine = _signed(token_service)
    assert (await client.get("/v1/cases", headers=fine)).status_code == 200
    # An external identity provider without an issuer to check: refused at start-up.
    with pytest.raises(ValidationError, match="JWKS_ISSUER"):
        Settings(environment="test", jwks_url="https://idp.example/jwks")


async def test_a_revoked_api_clients_tokens_are_refused_within_the_check_interval(
    settings, sessionmaker, auth
):
    async with (
        _app_client(settings, sessionmaker) as first,
        _app_client(settings, sessionmaker, client_revocation_check_seconds=0) as second,
    ):
        admin = auth(None, "admin")
        org = (
            await first.post(
                "/v1/organizations",
                json={"name": "Sync", "kind": "payer", "country": "BE"},
                headers=admin,
            )
        ).json()["id"]
        registered = (
            await first.post(
                "/v1/api-clients",
                json={"name": "sync", "organization_id": org, "roles": ["payer"]},
                headers=admin,
            )
        ).json()
        token = (
            await first.post(
                "/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": registered["client_id"],
                    "client_secret": registered["client_secret"],
                },
            )
        ).json()["access_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        assert (await first.get("/v1/claims", headers=bearer)).status_code == 200
        assert (await second.get("/v1/claims", headers=bearer)).status_code == 200
        revoked = await first.post(f"/v1/api-clients/{registered['id']}/revoke", headers=admin)
        assert revoked.status_code == 200
        # The revoking process at once; another one at its next check.
        assert (await first.get("/v1/claims", headers=bearer)).status_code == 401
        assert (await second.get("/v1/claims", headers=bearer)).status_code == 401


# -- 8. the token endpoint cannot be used to lock a client out ---------------------------------


async def test_a_flood_of_wrong_secrets_does_not_lock_the_real_client_out(
    settings, sessionmaker, auth
):
    # One token a minute back: a loaded machine that takes seconds over the loop must not
    # hand the attacker a fresh try between its bursts (60 a minute did, once a second).
    limits = {"rate_limit_per_minute": 1, "rate_limit_burst": 3}
    async with (
        _app_client(settings, sessionmaker, ("203.0.113.66", 4444), **limits) as attacker,
        _app_client(settings, sessionmaker, ("198.51.100.7", 5555), **limits) as legitimate,
    ):
        admin = auth(None, "admin")
        org = (
            await legitimate.post(
                "/v1/organizations",
                json={"name": "Sync", "kind": "payer", "country": "BE"},
                headers=admin,
            )
        ).json()["id"]
        registered = (
            await legitimate.post(
                "/v1/api-clients",
                json={"name": "sync", "organization_id": org, "roles": ["payer"]},
                headers=admin,
            )
        ).json()
        form = {"grant_type": "client_credentials", "client_id": registered["client_id"]}
        flood, real = [], []
        for _ in range(3):
            for _ in range(6):
                answer = await attacker.post("/oauth/token", data={**form, "client_secret": "x"})
                flood.append(answer.status_code)
            answer = await legitimate.post(
                "/oauth/token", data={**form, "client_secret": registered["client_secret"]}
            )
            real.append(answer.status_code)
    assert real == [200, 200, 200]
    assert flood[:3] == [401, 401, 401] and set(flood[3:]) == {429}


# -- 9. every claim's length is bounded at verification --------------------------------------


async def test_oversized_claims_are_refused_before_anything_uses_them(client, token_service):
    org = str(uuid.uuid4())
    long_sub = _signed(token_service, sub="s" * 258, roles=["payer"], org_id=org)
    for path in ("/v1/cases", "/v1/billing/export", "/v1/events", "/v1/audit-events"):
        response = await client.get(path, headers=long_sub)
        assert response.status_code == 401, (path, response.status_code, response.text[:200])
        assert "claim_id" not in response.text
    for claims in (
        {"client_id": "c" * 81},
        {"roles": ["payer"] * 9},
        {"org_id": "x" * 5000},
        {"sub": "bad\x00sub"},
        {"sub": 12345},
    ):
        response = await client.get("/v1/cases", headers=_signed(token_service, **claims))
        assert response.status_code == 401, claims
    # The longest allowed subject works end to end, audit row included.
    longest = _signed(token_service, sub="s" * 200, roles=["payer"], org_id=org)
    export = await client.get("/v1/billing/export", headers=longest)
    assert export.status_code == 200, export.text


# -- 11. the audit trail's head, anchored outside the database --------------------------------


async def test_truncating_the_trails_tail_fails_against_an_anchored_head(owner_engine):
    async with owner_engine.connect() as owner:
        transaction = await owner.begin()
        try:
            sessionmaker = async_sessionmaker(
                bind=owner, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
            async with UnitOfWork.system(sessionmaker) as uow:
                for _ in range(3):
                    await audit.append(
                        uow.session, audit.Entry(operation="cases-get", outcome="allowed")
                    )
                # The sealer's pass chains them (issue 15): the anchor is a chain position.
                await audit.seal(uow.session)
                await uow.commit()
            async with UnitOfWork.system(sessionmaker) as uow:
                before = await audit.verify(uow)
            assert before.ok and before.head == f"{before.rows}:{before.head_hash}"
            anchor = audit.Anchor.parse(before.head)
            async with UnitOfWork.system(sessionmaker) as uow:
                assert (await audit.verify(uow, expect_head=anchor)).ok

            # The attack: delete the last two rows and rewind the head to match.
            await owner.execute(text("SET LOCAL session_replication_role = replica"))
            last = before.rows
            await owner.execute(
                text("DELETE FROM audit_events WHERE chain_seq > :s"), {"s": last - 2}
            )
            prev = (
                await owner.execute(
                    text("SELECT hash FROM audit_events WHERE chain_seq = :s"), {"s": last - 2}
                )
            ).scalar_one()
            await owner.execute(
                text("UPDATE audit_chain_head SET seq = :s, hash = :h"), {"s": last - 2, "h": prev}
            )
            async with UnitOfWork.system(sessionmaker) as uow:
                assert (await audit.verify(uow)).ok  # alone, the chain cannot tell
            async with UnitOfWork.system(sessionmaker) as uow:
                result = await audit.verify(uow, expect_head=anchor)
            assert not result.ok
            assert "removed from its end" in result.reason
        finally:
            await transaction.rollback()


def test_corridor_audit_verify_takes_and_checks_an_anchor(settings, database_url, app_database_url):
    env = {
        **os.environ,
        "CORRIDOR_HOME": str(settings.home),
        "CORRIDOR_DATABASE_URL": database_url,
        "CORRIDOR_APP_DATABASE_URL": app_database_url,
    }

    def corridor(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "audit", "verify", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    first = corridor()
    assert first.returncode == 0, first.stderr
    head = next(line for line in first.stdout.splitlines() if line.startswith("head "))[5:]
    assert corridor("--expect-head", head).returncode == 0
    seq, _, digest = head.partition(":")
    beyond = corridor("--expect-head", f"{int(seq) + 1000}:{digest}")
    assert beyond.returncode == 1 and "removed from its end" in beyond.stderr
    wrong = corridor("--expect-head", f"{seq}:{'f' * 64}")
    assert wrong.returncode == 1 and "another hash" in wrong.stderr
    assert corridor("--expect-head", "not-an-anchor").returncode == 2


# -- 13. /metrics is not public -----------------------------------------------------------------


async def test_metrics_need_the_token_or_an_allowed_network(settings, sessionmaker):
    async with _app_client(settings, sessionmaker, ("203.0.113.9", 1000)) as outside:
        refused = await outside.get("/metrics")
        assert refused.status_code == 403 and refused.json()["code"] == "metrics_forbidden"
    async with _app_client(settings, sessionmaker, ("127.0.0.1", 1000)) as sidecar:
        assert (await sidecar.get("/metrics")).status_code == 200
    async with _app_client(
        settings, sessionmaker, ("203.0.113.9", 1000), metrics_token=SecretStr("scrape-secret-1234")
    ) as scraper:
        assert (await scraper.get("/metrics")).status_code == 401
        wrong = await scraper.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["code"] == "metrics_unauthorized"
        right = await scraper.get(
            "/metrics", headers={"Authorization": "Bearer scrape-secret-1234"}
        )
        assert right.status_code == 200 and "python_info" in right.text
