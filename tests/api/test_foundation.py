"""The ground every route stands on: health, authentication, problem details."""

import time

import jwt

PROBLEM = "application/problem+json"


async def test_liveness_answers_without_a_token(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_reaches_the_database(client):
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


async def test_readiness_is_503_problem_when_the_database_is_unreachable(settings):
    import httpx
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from app.main import create_app

    # Port 9 (discard) on loopback: nothing listens there.
    engine = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    app = create_app(settings, sessionmaker=async_sessionmaker(engine))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/readyz")
    await engine.dispose()
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "database_unavailable"


async def test_metrics_are_prometheus_text(client):
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert "python_info" in response.text


async def test_no_token_is_401_problem_with_a_challenge(client):
    response = await client.get("/v1/cases")
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"].startswith("Bearer")
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert {"type", "title", "status", "detail", "code"} <= body.keys()


async def test_a_token_signed_by_another_key_is_401(client, settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = stranger.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    token = jwt.encode(
        {
            "sub": "mallory",
            "roles": ["admin"],
            "iss": settings.jwt_issuer,
            "aud": settings.jwt_audience,
            "exp": int(time.time()) + 60,
        },
        pem,
        algorithm="RS256",
    )
    response = await client.get("/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


async def test_an_expired_token_is_401(client, token_service):
    token = token_service.issue(sub="x", roles=["admin"], organization_id=None, ttl_seconds=-60)
    response = await client.get("/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_unknown_route_and_wrong_method_are_problems(client):
    missing = await client.get("/v1/nowhere")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM
    assert missing.json()["code"] == "not_found"
    wrong = await client.delete("/healthz")
    assert wrong.status_code == 405
    assert wrong.json()["code"] == "method_not_allowed"


async def test_unexpected_errors_are_500_problems_that_hide_internals(settings, sessionmaker):
    import httpx

    from app.main import create_app

    app = create_app(settings, sessionmaker=sessionmaker)

    @app.get("/boom")
    async def boom():
        raise RuntimeError("secret internals: patient Jane Doe")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "internal_error"
    assert "Jane" not in response.text and "secret" not in response.text


def test_settings_refuse_the_default_secret_in_production():
    import pytest
    from pydantic import ValidationError

    from app.platform.settings import Settings

    with pytest.raises(ValidationError):
        Settings(environment="production")
    assert (
        Settings(environment="production", secret_key="s3cr3t-from-vault").environment
        == "production"
    )
