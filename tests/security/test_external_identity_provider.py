"""An external identity provider can neither freeze Corridor nor mint its admins
(issue 23, items 6 and 10b).

A real JWKS server on loopback that takes 20 s to answer, a live Corridor (uvicorn in a
subprocess) configured with it: anonymous requests with made-up kids leave the event
loop free (`/healthz` stays fast), share one fetch, and cause no other fetch before the
cooldown; once the provider answers, a valid token of its own verifies. A token it
signs with `roles: ["admin"]` is no admin unless CORRIDOR_JWKS_ADMIN_CLAIM says so.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from app.main import create_app
from tests.conftest import alembic, drop_database, recreate_database
from tests.e2e.conftest import LiveServer, start_server, stop_server

ISSUER = "https://idp.example"
FETCH_TIMEOUT = 3.0
COOLDOWN = 8.0
PROVIDER_DELAY = 20.0


@dataclass
class Provider:
    """A JWKS endpoint that answers after PROVIDER_DELAY seconds while `slow` is set, and
    counts what it is asked: arrivals, and the most requests in flight at once."""

    key: rsa.RSAPrivateKey
    url: str = ""
    slow: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    arrivals: list[float] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def document(self) -> bytes:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return json.dumps({"keys": [{**jwk, "kid": "idp-1", "use": "sig"}]}).encode()

    def token(self, *, kid: str = "idp-1", key=None, **claims) -> str:
        pem = (key or self.key).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        body = {
            "iss": ISSUER,
            "aud": "corridor-api",
            "sub": "idp-user",
            "roles": ["payer"],
            "org_id": str(uuid.uuid4()),
            "iat": int(time.time()),
            "exp": int(time.time()) + 300,
            **claims,
        }
        return jwt.encode(body, pem, algorithm="RS256", headers={"kid": kid})


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    state = Provider(key=rsa.generate_private_key(public_exponent=65537, key_size=2048))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            with state.lock:
                state.arrivals.append(time.monotonic())
                state.in_flight += 1
                state.most_in_flight = max(state.most_in_flight, state.in_flight)
            try:
                if state.slow.is_set():
                    state.released.wait(PROVIDER_DELAY)
                body = state.document()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # Corridor gave up waiting: that is the point
            finally:
                with state.lock:
                    state.in_flight -= 1

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    yield state
    state.released.set()
    server.shutdown()


@pytest.fixture(scope="module")
def corridor(settings, server_root_url, provider) -> Iterator[LiveServer]:
    name = f"corridor_jwks_{os.getpid()}"
    url = recreate_database(server_root_url, name)
    alembic(url, "upgrade", "heads")
    server = start_server(
        settings.home,
        url,
        {
            "CORRIDOR_JWKS_URL": provider.url,
            "CORRIDOR_JWKS_ISSUER": ISSUER,
            "CORRIDOR_JWKS_FETCH_TIMEOUT_SECONDS": str(FETCH_TIMEOUT),
            "CORRIDOR_JWKS_REFETCH_COOLDOWN_SECONDS": str(COOLDOWN),
        },
    )
    yield server
    stop_server(server)
    drop_database(server_root_url, name)


async def test_made_up_kids_neither_freeze_the_loop_nor_flood_the_provider(corridor, provider):
    provider.slow.set()
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # Signed before the clock starts: signing is CPU work of this (the client's) process.
    made_up = [
        provider.token(kid=f"made-up-{number}-{uuid.uuid4().hex}", key=stranger)
        for number in range(30)
    ]
    token = provider.token()
    latencies: list[float] = []
    done = asyncio.Event()

    async with httpx.AsyncClient(base_url=corridor.base_url, timeout=60) as api:

        async def probe():
            while not done.is_set():
                started = time.monotonic()
                answer = await api.get("/healthz")
                assert answer.status_code == 200
                latencies.append(time.monotonic() - started)
                await asyncio.sleep(0.05)

        async def anonymous(token: str) -> int:
            answer = await api.get("/v1/cases", headers={"Authorization": f"Bearer {token}"})
            return answer.status_code

        prober = asyncio.create_task(probe())
        await asyncio.sleep(0.3)
        started = time.monotonic()
        statuses = await asyncio.gather(*(anonymous(token) for token in made_up))
        waited = time.monotonic() - started
        done.set()
        await prober

        assert statuses == [401] * 30
        # Every request waited for the one shared fetch, which gave up after its timeout.
        assert waited < PROVIDER_DELAY / 2, waited
        # The loop stayed free the whole time: it froze for ~20 s before, and a fetch on
        # the loop, even one bounded by the timeout, would hold it FETCH_TIMEOUT (3 s).
        # Half of that leaves room for a loaded machine answering 30 refusals at once.
        assert len(latencies) >= 10 and max(latencies) < FETCH_TIMEOUT / 2, max(latencies)
        assert len(provider.arrivals) == 1 and provider.most_in_flight == 1

        # Within the cooldown after that failure: refused at once, no request to the provider.
        provider.slow.clear()
        provider.released.set()
        quick = time.monotonic()
        refused = await api.get("/v1/cases", headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 401 and time.monotonic() - quick < 1.0
        assert len(provider.arrivals) == 1

        # Once the cooldown has passed the provider is asked again, and its token verifies.
        deadline = time.monotonic() + COOLDOWN + 30
        while True:
            answer = await api.get("/v1/cases", headers={"Authorization": f"Bearer {token}"})
            if answer.status_code == 200 or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.25)
        assert answer.status_code == 200, answer.text
        assert len(provider.arrivals) == 2
        assert provider.arrivals[1] - provider.arrivals[0] >= COOLDOWN
        print(
            f"healthz max {max(latencies) * 1000:.0f} ms over {len(latencies)} probes;"
            f" 30 made-up kids answered in {waited:.2f} s; 1 fetch"
        )


async def test_an_external_token_claiming_admin_is_not_an_admin(corridor, provider):
    """Runs after the keys are known (the test above): the signature is good, the role is
    what is refused."""
    admin_claim = provider.token(roles=["admin"], org_id=None, corridor_platform_admin=True)
    async with httpx.AsyncClient(base_url=corridor.base_url, timeout=30) as api:
        payer = await api.get("/v1/cases", headers={"Authorization": f"Bearer {provider.token()}"})
        assert payer.status_code == 200, payer.text
        for path in ("/v1/api-clients", "/v1/audit-events"):
            answer = await api.get(path, headers={"Authorization": f"Bearer {admin_claim}"})
            assert answer.status_code == 401, (path, answer.text)


async def test_only_the_configured_admin_claim_makes_an_external_admin(
    settings, sessionmaker, provider
):
    provider.slow.clear()
    configured = settings.model_copy(
        update={
            "jwks_url": provider.url,
            "jwks_issuer": ISSUER,
            "jwks_admin_claim": "corridor_platform_admin",
        }
    )
    app = create_app(configured, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as api:
        with_claim = provider.token(roles=["admin"], org_id=None, corridor_platform_admin=True)
        answer = await api.get("/v1/api-clients", headers={"Authorization": f"Bearer {with_claim}"})
        assert answer.status_code == 200, answer.text
        for claims in ({}, {"corridor_platform_admin": "true"}, {"corridor_admin": True}):
            token = provider.token(roles=["admin"], org_id=None, **claims)
            refused = await api.get("/v1/api-clients", headers={"Authorization": f"Bearer {token}"})
            assert refused.status_code == 401, (claims, refused.text)
