"""A live Corridor: uvicorn in a subprocess on a free loopback port, on its own database.

Tokens minted by the `auth` / `token_service` fixtures are valid there: the server
shares the test settings' CORRIDOR_HOME, hence its signing keys.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.db.engine import app_url_for
from tests.conftest import ROOT, alembic, drop_database, recreate_database


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    database_url: str
    process: subprocess.Popen


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    home: Path, database_url: str, extra_env: dict[str, str] | None = None
) -> LiveServer:
    port = _free_port()
    env = {
        **os.environ,
        "CORRIDOR_HOME": str(home),
        "CORRIDOR_DATABASE_URL": database_url,
        # Serve as the application role, under row-level security, as in production.
        "CORRIDOR_APP_DATABASE_URL": app_url_for(database_url),
        "CORRIDOR_ENVIRONMENT": "test",
        "CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
        **(extra_env or {}),
    }
    log = open(home / f"server-{port}.log", "w")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {(home / f'server-{port}.log').read_text()}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                return LiveServer(base_url, database_url, process)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not become ready within 60 s")


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def live_server(settings, server_root_url) -> Iterator[LiveServer]:
    name = f"corridor_live_{os.getpid()}"
    url = recreate_database(server_root_url, name)
    alembic(url, "upgrade", "heads")
    server = start_server(settings.home, url)
    yield server
    stop_server(server)
    drop_database(server_root_url, name)


@dataclass
class LiveWorld:
    """Organisations and agreements created over HTTP on a live server."""

    server: LiveServer
    token_service: object
    orgs: dict[str, str]
    agreements: dict[str, str]

    def token(self, org: str | None, *roles: str, sub: str | None = None) -> str:
        return self.token_service.issue(
            sub=sub or f"live-{'-'.join(roles)}",
            roles=list(roles),
            organization_id=uuid.UUID(self.orgs[org]) if org else None,
        )


def _create(base_url: str, path: str, body: dict, token: str) -> str:
    response = httpx.post(
        f"{base_url}{path}", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.fixture(scope="session")
def org_setup(token_service):
    """org_setup(server) -> LiveWorld: the tests/api world's organisations and agreements,
    created once per server through its API."""
    from tests.api.conftest import ORGANIZATIONS

    worlds: dict[str, LiveWorld] = {}

    def setup(server: LiveServer) -> LiveWorld:
        if server.base_url in worlds:
            return worlds[server.base_url]
        admin = token_service.issue(sub="platform-admin", roles=["admin"], organization_id=None)
        orgs = {
            key: _create(
                server.base_url,
                "/v1/organizations",
                {"name": name, "kind": kind, "country": country},
                admin,
            )
            for key, (name, kind, country) in ORGANIZATIONS.items()
        }
        cares = {
            "name": "CARES Saint Lucia - Martinique",
            "kind": "bilateral",
            "receiving_organization_ids": [orgs["chu_martinique"]],
            "payer_organization_ids": [orgs["lc_ministry"]],
            "zone": [{"country": "LC"}],
            "deposit_ratio": "0.5",
            "valid_from": "2024-01-01",
        }
        zoast = {
            "name": "ZOAST MRT-Lille",
            "kind": "zoast",
            "receiving_organization_ids": [orgs["tourcoing"]],
            "payer_organization_ids": [orgs["mutuality"]],
            "zone": [{"country": "BE", "postal_codes": ["7000"], "postal_code_prefixes": ["75"]}],
            "excluded_specialties": ["cosmetic_surgery"],
            "valid_from": "2020-01-01",
        }
        agreements = {
            "cares": _create(server.base_url, "/v1/agreements", cares, admin),
            "zoast": _create(server.base_url, "/v1/agreements", zoast, admin),
        }
        worlds[server.base_url] = LiveWorld(server, token_service, orgs, agreements)
        return worlds[server.base_url]

    return setup
