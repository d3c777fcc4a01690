"""Limits and headers: body size (413), page size, per-client rate limit (429), and the
security headers every answer carries."""

from __future__ import annotations

import httpx
import pytest

from app.main import create_app

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
}


@pytest.fixture
async def limited(settings, sessionmaker):
    local = settings.model_copy(
        update={"max_body_bytes": 2_000, "rate_limit_per_minute": 60, "rate_limit_burst": 3}
    )
    app = create_app(local, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_an_oversized_body_is_413_problem_json(limited, auth):
    headers = auth(None, "admin")
    big = {"name": "x" * 5_000, "kind": "payer", "country": "FR"}
    response = await limited.post("/v1/organizations", json=big, headers=headers)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "request_too_large"

    async def chunks():  # no Content-Length: counted while read
        for _ in range(10):
            yield b"x" * 500

    streamed = await limited.post(
        "/v1/organizations",
        content=chunks(),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413
    assert streamed.json()["code"] == "request_too_large"
    small = await limited.post(
        "/v1/organizations", json={"name": "ok", "kind": "payer", "country": "FR"}, headers=headers
    )
    assert small.status_code == 201


async def test_list_limits_are_capped(client, auth):
    headers = auth(None, "admin")
    for path in ("/v1/organizations", "/v1/cases", "/v1/audit-events", "/v1/api-clients"):
        assert (await client.get(path, params={"limit": 200}, headers=headers)).status_code == 200
        too_many = await client.get(path, params={"limit": 201}, headers=headers)
        assert too_many.status_code == 422, path


async def test_a_client_over_its_rate_is_429_with_retry_after(limited, auth):
    noisy = auth(None, "admin", sub="noisy")
    answers = [(await limited.get("/v1/organizations", headers=noisy)) for _ in range(4)]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert answers[3].status_code == 429
    assert int(answers[3].headers["Retry-After"]) >= 1
    assert answers[3].json()["code"] == "rate_limited"
    # Another caller has its own bucket.
    quiet = auth(None, "admin", sub="quiet")
    assert (await limited.get("/v1/organizations", headers=quiet)).status_code == 200
    # The token endpoint limits failed attempts per caller address.
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = "grant_type=client_credentials&client_id=cor_guess&client_secret=nope"
    codes = [
        (await limited.post("/oauth/token", content=body, headers=form)).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]


async def test_every_answer_carries_the_security_headers(client, auth):
    answers = [
        await client.get("/healthz"),
        await client.get("/v1/cases"),  # 401
        await client.get("/v1/organizations", headers=auth(None, "admin")),
        await client.get("/v1/nowhere"),
        await client.get("/v1/cases/not-a-uuid", headers=auth(None, "admin")),
    ]
    for response in answers:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
        assert response.headers["X-Request-Id"]
    jwks = await client.get("/.well-known/jwks.json")
    assert jwks.headers["Cache-Control"].startswith("public")
    assert jwks.headers["X-Content-Type-Options"] == "nosniff"


async def test_the_request_id_is_always_ours_whatever_the_caller_sends(client):
    # Security item 12: the caller's X-Request-Id is logged apart, never adopted.
    for offered in ("abc-123", "x" * 500):
        answer = await client.get("/healthz", headers={"X-Request-Id": offered})
        assert answer.headers["X-Request-Id"] != offered
        assert len(answer.headers["X-Request-Id"]) == 32
