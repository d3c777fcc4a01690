"""What a developer meets first (issue 27): the loopback webhook refusal names its switch
outside production, browsers get CORS for the listed origins only, every rate-limited
answer tells its limit, and patients are found by name within the caller's tenancy."""

from __future__ import annotations

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import text

from app.main import create_app
from app.platform.settings import Settings

ALLOWED = "https://portal.chu-martinique.example"
SETTING = "CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true"


def _client(settings, sessionmaker, **update) -> httpx.AsyncClient:
    app = create_app(settings.model_copy(update=update), sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _organisation(client, auth, name: str, kind: str = "payer") -> str:
    created = await client.post(
        "/v1/organizations",
        json={"name": name, "kind": kind, "country": "LC"},
        headers=auth(None, "admin"),
    )
    assert created.status_code == 201, created.text
    return created.json()["id"]


# -- item 5: the loopback webhook refusal ----------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "nl", "es"])
async def test_a_loopback_webhook_names_the_setting_outside_production(
    settings, sessionmaker, auth, language
):
    async with _client(settings, sessionmaker, webhooks_allow_private_targets=False) as client:
        org = await _organisation(client, auth, f"Hooks {language}")
        refused = await client.post(
            "/v1/webhooks",
            json={"url": "http://127.0.0.1:8765/corridor", "event_types": ["*"]},
            headers={**auth(org, "payer"), "Accept-Language": language},
        )
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "webhook_target_not_allowed"
    assert SETTING in refused.json()["detail"]
    assert refused.headers["content-language"] == language


async def test_production_does_not_hint_at_the_switch(settings, sessionmaker, auth):
    production = {
        "environment": "production",
        "secret_key": SecretStr("a-private-production-secret-for-this-test"),
        "webhooks_allow_private_targets": False,
    }
    async with _client(settings, sessionmaker, **production) as client:
        org = await _organisation(client, auth, "Hooks production")
        refused = await client.post(
            "/v1/webhooks",
            json={"url": "http://127.0.0.1:8765/corridor", "event_types": ["*"]},
            headers=auth(org, "payer"),
        )
    assert refused.status_code == 422
    assert refused.json()["code"] == "webhook_target_not_allowed"
    assert "CORRIDOR_" not in refused.text
    assert refused.json()["detail"] == "Webhooks are delivered to public addresses only."


# -- item 6: CORS ----------------------------------------------------------------------------


def _preflight(origin: str, method: str = "POST") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, content-type, idempotency-key, if-match",
    }


async def _audit_rows(sessionmaker) -> int:
    async with sessionmaker() as session:
        return (await session.execute(text("SELECT count(*) FROM audit_events"))).scalar_one()


async def test_an_allowed_origin_passes_the_preflight_and_reads_the_headers(
    settings, sessionmaker, auth
):
    limited = {"cors_origins": [ALLOWED], "rate_limit_per_minute": 60, "rate_limit_burst": 1}
    async with _client(settings, sessionmaker, **limited) as client:
        before = await _audit_rows(sessionmaker)
        # More preflights than the burst allows: none is rate limited, none audited.
        for _ in range(3):
            answer = await client.options("/v1/patients?unknown=1", headers=_preflight(ALLOWED))
            assert answer.status_code == 200, answer.text
            assert answer.headers["access-control-allow-origin"] == ALLOWED
            allowed = answer.headers["access-control-allow-headers"].lower()
            for header in ("authorization", "idempotency-key", "if-match", "content-type"):
                assert header in allowed, allowed
            assert "POST" in answer.headers["access-control-allow-methods"]
            assert "ratelimit" not in {name.lower() for name in answer.headers}
        assert await _audit_rows(sessionmaker) == before

        real = await client.get(
            "/v1/patients", headers={"Origin": ALLOWED, **auth(None, "admin", sub="cors")}
        )
        assert real.status_code == 200, real.text
        assert real.headers["access-control-allow-origin"] == ALLOWED
        exposed_header = real.headers["access-control-expose-headers"]
        exposed = {name.strip().lower() for name in exposed_header.split(",")}
        assert {
            "etag",
            "location",
            "x-request-id",
            "idempotent-replayed",
            "ratelimit",
            "ratelimit-policy",
            "retry-after",
        } <= exposed


@pytest.mark.parametrize("origins", [[], [ALLOWED]])
async def test_another_origin_gets_no_cors_header(settings, sessionmaker, auth, origins):
    async with _client(settings, sessionmaker, cors_origins=origins) as client:
        before = await _audit_rows(sessionmaker)
        refused = await client.options("/v1/patients", headers=_preflight("https://evil.example"))
        assert refused.status_code == 403
        assert refused.json()["code"] == "origin_not_allowed"
        assert not [name for name in refused.headers if name.lower().startswith("access-control")]
        assert await _audit_rows(sessionmaker) == before
        plain = await client.get(
            "/v1/patients",
            headers={"Origin": "https://evil.example", **auth(None, "admin", sub="cors-evil")},
        )
        assert plain.status_code == 200
        assert not [name for name in plain.headers if name.lower().startswith("access-control")]


def test_origins_are_exact_and_read_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("CORRIDOR_CORS_ORIGINS", f"{ALLOWED}, http://localhost:5173")
    assert Settings().cors_origins == [ALLOWED, "http://localhost:5173"]
    monkeypatch.setenv("CORRIDOR_CORS_ORIGINS", f'["{ALLOWED}"]')
    assert Settings().cors_origins == [ALLOWED]
    monkeypatch.delenv("CORRIDOR_CORS_ORIGINS")
    assert Settings().cors_origins == []
    for wrong in ("*", "https://portal.example/app", "portal.example"):
        monkeypatch.setenv("CORRIDOR_CORS_ORIGINS", wrong)
        with pytest.raises(ValueError, match="CORRIDOR_CORS_ORIGINS"):
            Settings()


# -- item 9: RateLimit headers ---------------------------------------------------------------


async def test_every_rate_limited_answer_tells_its_limit(settings, sessionmaker, auth):
    async with _client(
        settings, sessionmaker, rate_limit_per_minute=6, rate_limit_burst=2
    ) as client:
        caller = auth(None, "admin", sub="counted")
        first = await client.get("/v1/organizations", headers=caller)
        second = await client.get("/v1/organizations", headers=caller)
        third = await client.get("/v1/organizations", headers=caller)
        public = await client.get("/v1/directory")
    assert first.status_code == second.status_code == 200
    # A bucket of 2, refilled at 6 a minute: full again in 20 s.
    assert first.headers["ratelimit-policy"] == '"default";q=2;w=20'
    assert first.headers["ratelimit"] == '"default";r=1;t=10'
    remaining, reset = _remaining_and_reset(second)
    assert remaining == 0 and 15 <= reset <= 20
    assert third.status_code == 429 and third.json()["code"] == "rate_limited"
    # One request every 10 s: the next passes in about 10 s (less the time already
    # passed on a slow machine), not in 1.
    assert 5 <= int(third.headers["retry-after"]) <= 10
    remaining, reset = _remaining_and_reset(third)
    assert remaining == 0 and 15 <= reset <= 20
    assert third.headers["ratelimit-policy"] == '"default";q=2;w=20'
    # The public directory is limited per address: its own bucket, told the same way.
    assert public.status_code == 200
    assert public.headers["ratelimit"] == '"default";r=1;t=10'


def _remaining_and_reset(answer: httpx.Response) -> tuple[int, int]:
    name, r, t = answer.headers["ratelimit"].split(";")
    assert name == '"default"'
    return int(r.removeprefix("r=")), int(t.removeprefix("t="))


async def test_answers_without_a_limit_carry_no_ratelimit_header(client, auth) -> None:
    answer = await client.get("/v1/organizations", headers=auth(None, "admin"))
    assert answer.status_code == 200
    assert "ratelimit" not in answer.headers and "ratelimit-policy" not in answer.headers
    assert "ratelimit" not in (await client.get("/healthz")).headers
