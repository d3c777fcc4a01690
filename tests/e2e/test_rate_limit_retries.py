"""Against the real limiter: a live uvicorn with a low rate limit (2 at once, then one
every 3 s: slow enough that even a loaded machine's requests meet it). Its answers tell
the limit (RateLimit, RateLimit-Policy, Retry-After), a browser preflight passes for the
listed origin, and both SDKs wait out a 429 by default, only for requests that may be
sent twice."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import LiveServer, start_server, stop_server

sys.path.insert(0, str(ROOT / "clients" / "python"))

ORIGIN = "https://portal.chu-martinique.example"
LIMITS = {
    "CORRIDOR_RATE_LIMIT_PER_MINUTE": "20",
    "CORRIDOR_RATE_LIMIT_BURST": "2",
    "CORRIDOR_CORS_ORIGINS": ORIGIN,
}


@pytest.fixture(scope="module")
def limited_server(live_server, settings, tmp_path_factory) -> Iterator[LiveServer]:
    """A second server on the live server's database, with its own low limits."""
    server = start_server(settings.home, live_server.database_url, LIMITS)
    yield server
    stop_server(server)


def _admin(token_service, sub: str) -> dict[str, str]:
    token = token_service.issue(sub=sub, roles=["admin"], organization_id=None)
    return {"Authorization": f"Bearer {token}"}


def test_the_live_limiter_tells_its_limit_and_when_to_come_back(limited_server, token_service):
    caller = _admin(token_service, "raw-caller")
    url = f"{limited_server.base_url}/v1/organizations"
    with httpx.Client(timeout=30) as http:
        answers = [http.get(url, headers=caller) for _ in range(4)]
        refused = next(answer for answer in answers if answer.status_code == 429)
        assert answers[0].status_code == 200
        assert answers[0].headers["ratelimit-policy"] == '"default";q=2;w=6'
        assert answers[0].headers["ratelimit"] == '"default";r=1;t=3'
        assert refused.json()["code"] == "rate_limited"
        # One every 3 s: the next passes within 3 s (less what has passed already).
        assert 1 <= int(refused.headers["retry-after"]) <= 3
        assert refused.headers["ratelimit"].startswith('"default";r=0;')
        time.sleep(int(refused.headers["retry-after"]))
        assert http.get(url, headers=caller).status_code == 200

        # A browser's preflight over a real socket: passes for the listed origin, is
        # never rate limited (the caller's bucket is empty again by now).
        for _ in range(4):
            preflight = http.options(
                url,
                headers={
                    "Origin": ORIGIN,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization, idempotency-key",
                },
            )
            assert preflight.status_code == 200
            assert preflight.headers["access-control-allow-origin"] == ORIGIN
        other = http.options(
            url,
            headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
        )
        assert other.status_code == 403
        assert "access-control-allow-origin" not in other.headers


class CountingTransport(httpx.BaseTransport):
    """Every attempt that reaches the network, by status."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.statuses: Counter[int] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.statuses[response.status_code] += 1
        return response

    def close(self) -> None:
        self.inner.close()


def _sdk_client(server: LiveServer, token: str, **options):
    from corridor_client import AuthenticatedClient

    counting = CountingTransport()
    client = AuthenticatedClient(
        base_url=server.base_url,
        token=token,
        timeout=httpx.Timeout(30),
        httpx_args={"transport": counting},
        **options,
    )
    return client, counting


def test_the_python_sdk_waits_out_a_429_by_default(limited_server, token_service):
    from corridor_client.api.organizations import organizations_list
    from corridor_client.models import PageOrganization

    token = token_service.issue(sub="sdk-reader", roles=["admin"], organization_id=None)
    client, counting = _sdk_client(limited_server, token)
    started = time.monotonic()
    pages = [organizations_list.sync(client=client) for _ in range(5)]
    assert all(isinstance(page, PageOrganization) for page in pages), pages
    # The limiter refused some attempts; the SDK waited and asked again.
    assert counting.statuses[429] >= 1, counting.statuses
    assert counting.statuses[200] == 5
    assert time.monotonic() - started >= counting.statuses[429] * 0.9  # it did wait

    # retries=0: the 429 comes back to the caller.
    plain, plain_counting = _sdk_client(limited_server, token, retries=0)
    answers = [organizations_list.sync_detailed(client=plain) for _ in range(4)]
    assert 429 in [answer.status_code for answer in answers]
    assert plain_counting.statuses[429] == sum(a.status_code == 429 for a in answers)


def test_the_python_sdk_retries_a_post_only_with_an_idempotency_key(limited_server, token_service):
    from corridor_client.api.organizations import organizations_create
    from corridor_client.models import OrganizationCreate, OrganizationKind

    token = token_service.issue(sub="sdk-writer", roles=["admin"], organization_id=None)

    def body() -> OrganizationCreate:
        return OrganizationCreate(
            name=f"Retry {uuid.uuid4().hex[:8]}", kind=OrganizationKind.PAYER, country="LC"
        )

    # Without a key: never sent twice, so the caller sees the 429.
    client, counting = _sdk_client(limited_server, token)
    bare = [organizations_create.sync_detailed(client=client, body=body()) for _ in range(4)]
    statuses = [answer.status_code for answer in bare]
    assert 429 in statuses and counting.statuses[429] == statuses.count(429)
    time.sleep(6.5)  # the bucket fills again

    # With a key: waited out and sent again; each organisation is created once.
    keyed, keyed_counting = _sdk_client(limited_server, token)
    created = [
        organizations_create.sync_detailed(
            client=keyed, body=body(), idempotency_key=str(uuid.uuid4())
        )
        for _ in range(4)
    ]
    assert [answer.status_code for answer in created] == [201] * 4
    assert keyed_counting.statuses[429] >= 1, keyed_counting.statuses


def _typescript_tools() -> Path:
    assert shutil.which("node"), "node is required for the TypeScript SDK tests (Node 20+)"
    tsc = ROOT / "node_modules" / ".bin" / "tsc"
    assert tsc.exists(), "run `npm ci` at the repository root (the pinned TypeScript)"
    return tsc


TS_SCRIPT = """
import { createClient, organizationsList, organizationsCreate, withRetries } from './index.js';

const base = process.env.CORRIDOR_BASE_URL!;
const token = process.env.CORRIDOR_TOKEN!;
const seen: number[] = [];
const counting = async (request: Request): Promise<Response> => {
  const response = await fetch(request);
  seen.push(response.status);
  return response;
};

// The default client: retries after Retry-After, sees the 429s through our fetch only
// when we pass it to withRetries; createClient alone retries with the global fetch.
const retrying = createClient({ baseUrl: base, auth: () => token, fetch: withRetries(counting) });
const listed: number[] = [];
for (let i = 0; i < 5; i++) {
  const { response } = await organizationsList({ client: retrying });
  listed.push(response.status);
}
const byDefault = createClient({ baseUrl: base, auth: () => token });
const { response: defaultAnswer } = await organizationsList({ client: byDefault });

// A POST without an Idempotency-Key is never sent twice.
const bare: number[] = [];
for (let i = 0; i < 4; i++) {
  const { response } = await organizationsCreate({
    client: retrying,
    body: { name: `TS ${Date.now()} ${i}`, kind: 'payer', country: 'LC' },
  });
  bare.push(response.status);
}
console.log(JSON.stringify({ listed, seen, defaultStatus: defaultAnswer.status, bare }));
"""


def test_the_typescript_sdk_waits_out_a_429_by_default(limited_server, token_service, tmp_path):
    tsc = _typescript_tools()
    package = tmp_path / "sdk"
    shutil.copytree(
        ROOT / "clients" / "typescript",
        package,
        ignore=shutil.ignore_patterns("dist", "node_modules", "*.tgz", "e2e"),
    )
    (package / "retry_e2e.ts").write_text(TS_SCRIPT)
    (package / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "target": "es2022",
                    "lib": ["es2022", "dom", "dom.iterable"],
                    "module": "nodenext",
                    "moduleResolution": "nodenext",
                    "strict": True,
                    "outDir": "out",
                    "rootDir": ".",
                    "skipLibCheck": True,
                    "typeRoots": [str(ROOT / "node_modules" / "@types")],
                    "types": ["node"],
                },
                "include": ["index.ts", "retry.ts", "src/**/*.ts", "retry_e2e.ts"],
            }
        )
    )
    (package / "out").mkdir()
    (package / "out" / "package.json").write_text('{"type": "module"}')
    compiled = subprocess.run(
        [str(tsc), "-p", "."], cwd=package, capture_output=True, text=True, timeout=300
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    token = token_service.issue(sub="ts-caller", roles=["admin"], organization_id=None)
    ran = subprocess.run(
        ["node", "out/retry_e2e.js"],
        cwd=package,
        env={**os.environ, "CORRIDOR_BASE_URL": limited_server.base_url, "CORRIDOR_TOKEN": token},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    result = json.loads(ran.stdout.strip().splitlines()[-1])
    assert result["listed"] == [200] * 5
    assert 429 in result["seen"], result  # the limiter refused, the fetch waited
    assert result["defaultStatus"] == 200
    assert 429 in result["bare"], result  # the POST without a key came back refused
