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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

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
