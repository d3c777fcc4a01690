"""API clients, the client-credentials token endpoint, key rotation and the JWKS, and
trusting an external identity provider instead."""

from __future__ import annotations

import base64
import http.server
import json
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from app.access.keys import KeyRing
from app.access.tokens import InvalidToken, TokenService
from app.main import create_app
from app.platform.clock import replaying_at

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def _register(client, auth, roles=("coordinator",)):
    admin = auth(None, "admin", sub="clients-admin")
    org = (
        await client.post(
            "/v1/organizations",
            json={"name": "Sync hospital", "kind": "receiving_facility", "country": "FR"},
            headers=admin,
        )
    ).json()["id"]
    created = await client.post(
        "/v1/api-clients",
        json={"name": "Billing sync", "organization_id": org, "roles": list(roles)},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    return admin, org, created


async def _token(client, client_id: str, secret: str, **extra) -> httpx.Response:
    body = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    return await client.post("/oauth/token", data={**body, **extra}, headers=FORM)


async def test_an_admin_registers_a_client_whose_secret_is_shown_once(client, auth, connection):
    admin, org, created = await _register(client, auth)
    body = created.json()
    secret = body["client_secret"]
    assert secret.startswith("cs_") and len(secret) > 40
    assert created.headers["Cache-Control"] == "no-store"
    assert body["organization_id"] == org and body["roles"] == ["coordinator"]
    again = await client.get(f"/v1/api-clients/{body['id']}", headers=admin)
    assert again.status_code == 200 and "client_secret" not in again.json()
    assert secret not in again.text
    listed = await client.get("/v1/api-clients", params={"organization_id": org}, headers=admin)
    assert [item["id"] for item in listed.json()["items"]] == [body["id"]]


async def test_only_admins_register_clients_and_never_admin_clients(client, auth):
    admin, org, _ = await _register(client, auth)
    refused = await client.post(
        "/v1/api-clients",
        json={"name": "x", "organization_id": org, "roles": ["coordinator"]},
        headers=auth(org, "coordinator"),
    )
    assert refused.status_code == 403
    admin_client = await client.post(
        "/v1/api-clients",
        json={"name": "x", "organization_id": org, "roles": ["admin"]},
        headers=admin,
    )
    assert admin_client.status_code == 422
    assert admin_client.json()["code"] == "invalid_client_roles"


async def test_client_credentials_give_a_short_lived_token_for_the_clients_org(
    client, auth, settings
):
    admin, org, created = await _register(client, auth)
    registered = created.json()
    response = await _token(client, registered["client_id"], registered["client_secret"])
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "no-store"
    answer = response.json()
    assert answer["token_type"] == "Bearer"
    assert answer["expires_in"] == settings.client_token_ttl_seconds <= 900
    claims = jwt.decode(answer["access_token"], options={"verify_signature": False})
    assert claims["org_id"] == org and claims["roles"] == ["coordinator"]
    assert claims["client_id"] == registered["client_id"]
    assert claims["exp"] - claims["iat"] == settings.client_token_ttl_seconds

    bearer = {"Authorization": f"Bearer {answer['access_token']}", "X-Request-Id": "by-client"}
    cases = await client.get("/v1/cases", headers=bearer)
    assert cases.status_code == 200
    [row] = (
        await client.get(
            "/v1/audit-events",
            params={"request_id": cases.headers["X-Request-Id"]},
            headers=admin,
        )
    ).json()["items"]
    assert row["actor"]["client_id"] == registered["client_id"]
    assert row["actor"]["organization_id"] == org

    # HTTP Basic (client_secret_basic) works as well as the form.
    basic = base64.b64encode(
        f"{registered['client_id']}:{registered['client_secret']}".encode()
    ).decode()
    response = await client.post(
        "/oauth/token",
        content="grant_type=client_credentials",
        headers={**FORM, "Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200, response.text


async def test_bad_credentials_grants_and_revoked_clients_are_refused(client, auth):
    admin, _org, created = await _register(client, auth)
    registered = created.json()
    wrong = await _token(client, registered["client_id"], "cs_wrong")
    assert wrong.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["error"] == "invalid_client"
    unknown = await _token(client, "cor_nobody", registered["client_secret"])
    assert unknown.status_code == 401 and unknown.json()["error"] == "invalid_client"
    grant = await _token(
        client, registered["client_id"], registered["client_secret"], grant_type="password"
    )
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    as_json = await client.post(
        "/oauth/token",
        json={"grant_type": "client_credentials", "client_id": registered["client_id"]},
    )
    assert as_json.status_code == 415

    revoked = await client.post(f"/v1/api-clients/{registered['id']}/revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    after = await _token(client, registered["client_id"], registered["client_secret"])
    assert after.status_code == 401

    failures = [
        row
        for row in (
            await client.get("/v1/audit-events", params={"operation": "oauth-token"}, headers=admin)
        ).json()["items"]
        if row["outcome"] == "denied"
    ]
    assert len(failures) >= 3
    assert all(registered["client_secret"] not in json.dumps(row) for row in failures)


async def test_expired_and_foreign_tokens_are_refused(client, token_service):
    expired = token_service.issue(sub="old", roles=["admin"], organization_id=None, ttl_seconds=-60)
    response = await client.get("/v1/organizations", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(
        {"sub": "x", "roles": ["admin"], "exp": int(time.time()) + 60, "aud": "corridor-api"},
        stranger,
        algorithm="RS256",
        headers={"kid": token_service.keys.signing_key.kid},
    )
    response = await client.get("/v1/organizations", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    unsigned = jwt.encode({"sub": "x", "roles": ["admin"]}, key=None, algorithm="none")
    response = await client.get(
        "/v1/organizations", headers={"Authorization": f"Bearer {unsigned}"}
    )
    assert response.status_code == 401


async def test_the_jwks_publishes_the_key_that_signs(client, token_service):
    token = token_service.issue(sub="x", roles=["admin"], organization_id=None)
    kid = jwt.get_unverified_header(token)["kid"]
    response = await client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    keys = response.json()["keys"]
    assert kid in {key["kid"] for key in keys}
    assert all("d" not in key for key in keys)  # public halves only
    public = RSAAlgorithm.from_jwk(json.dumps(next(k for k in keys if k["kid"] == kid)))
    assert jwt.decode(token, public, algorithms=["RS256"], audience="corridor-api")["sub"] == "x"


def test_keys_rotate_old_tokens_stay_valid_until_their_key_retires(settings, tmp_path):
    now = [time.time()]
    # Long-lived tokens here (the test moves the key ring's clock, not the token's).
    local = settings.model_copy(
        update={
            "home": tmp_path,
            "signing_key_rotation_days": 1,
            "token_max_lifetime_seconds": 10**7,
        }
    )
    ring = KeyRing.from_settings(local)
    ring.clock = lambda: now[0]
    tokens = TokenService(local, ring)
    first = tokens.issue(sub="a", roles=["admin"], organization_id=None, ttl_seconds=10**6)
    first_kid = jwt.get_unverified_header(first)["kid"]

    now[0] += 86_400 + 1  # the key is a day old: the next signature rotates
    second = tokens.issue(sub="b", roles=["admin"], organization_id=None, ttl_seconds=10**6)
    second_kid = jwt.get_unverified_header(second)["kid"]
    assert second_kid != first_kid
    assert {first_kid, second_kid} <= {key["kid"] for key in ring.jwks()["keys"]}
    tokens.settings = local
    # Verification happens later than signing: pretend the tokens are not expired yet.
    assert tokens.verify(first).sub == "a" and tokens.verify(second).sub == "b"

    # Another process sharing the directory picks the new key up when it meets its kid.
    other = TokenService(local, KeyRing.from_settings(local))
    assert other.verify(second).sub == "b"

    # Once every token the old key may have signed has expired, the key retires.
    now[0] += local.token_default_ttl_seconds + 61 + 1
    assert first_kid not in {key["kid"] for key in ring.jwks()["keys"]}
    with pytest.raises(InvalidToken):
        tokens.verify(first)


class _JwksHandler(http.server.BaseHTTPRequestHandler):
    document: bytes = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.document)

    def log_message(self, *args):
        pass


@pytest.fixture
def identity_provider():
    """An external identity provider's JWKS, served on loopback."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    handler = type(
        "Handler",
        (_JwksHandler,),
        {"document": json.dumps({"keys": [{**jwk, "kid": "idp-1"}]}).encode()},
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield key, f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    server.shutdown()


def _idp_token(key, issuer: str, **claims) -> str:
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    body = {
        "iss": issuer,
        "aud": "corridor-api",
        "sub": "idp-user",
        "roles": ["payer"],
        "org_id": str(uuid.uuid4()),
        "exp": int(time.time()) + 300,
        **claims,
    }
    return jwt.encode(body, pem, algorithm="RS256", headers={"kid": "idp-1"})


async def test_an_external_identity_providers_keys_can_be_trusted_instead(
    settings, identity_provider, token_service, sessionmaker
):
    key, url = identity_provider
    local = settings.model_copy(
        update={"jwks_url": url, "jwks_issuer": "https://idp.example", "accept_own_tokens": False}
    )
    app = create_app(local, sessionmaker=sessionmaker)
    verifier = app.state.tokens
    # A request authenticates: the provider's keys are fetched (off the loop) on first use.
    principal = await verifier.authenticate(_idp_token(key, "https://idp.example"))
    assert principal.sub == "idp-user" and {str(r) for r in principal.roles} == {"payer"}
    with pytest.raises(InvalidToken):
        await verifier.authenticate(_idp_token(key, "https://evil.example"))
    with pytest.raises(InvalidToken):  # our own keys are no longer trusted
        verifier.verify(token_service.issue(sub="x", roles=["admin"], organization_id=None))

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as api:
        token = _idp_token(key, "https://idp.example")
        response = await api.get("/v1/cases", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
        refused = await api.post(
            "/oauth/token",
            data={"grant_type": "client_credentials", "client_id": "x"},
            headers=FORM,
        )
        assert refused.status_code in (400, 401)


def test_a_verified_token_is_served_from_the_cache_until_it_expires(token_service, monkeypatch):
    import app.access.tokens as tokens_module

    token = token_service.issue(sub="cached", roles=["admin"], organization_id=None, ttl_seconds=60)
    assert token_service.verify(token).sub == "cached"
    decoded = []
    real_decode = tokens_module.jwt.decode
    monkeypatch.setattr(
        tokens_module.jwt, "decode", lambda *a, **k: decoded.append(1) or real_decode(*a, **k)
    )
    assert token_service.verify(token).sub == "cached"
    assert decoded == []  # no second signature check
    # Past its `exp` the cached entry is not served: the signature and claims are checked
    # again (by PyJWT, whose own clock still finds the token valid here).
    later = datetime.now(UTC) + timedelta(seconds=61)
    with replaying_at(later):
        assert token_service.verify(token).sub == "cached"
    assert decoded == [1]
