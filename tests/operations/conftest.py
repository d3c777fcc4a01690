"""Operations tests run `corridor` itself, as a process, on an embedded server of their own."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def corridor_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh installation under `home` (no CORRIDOR_* inherited)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CORRIDOR_")}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "CORRIDOR_HOME": str(home),
            "CORRIDOR_ENVIRONMENT": "test",
            "CORRIDOR_RATE_LIMIT_PER_MINUTE": "0",
            "CORRIDOR_LOG_FORMAT": "json",
            **extra,
        }
    )
    return env


def corridor(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Serving:
    process: subprocess.Popen
    port: int
    log_path: Path

    def log_lines(self) -> list[str]:
        return self.log_path.read_text(errors="replace").splitlines()

    def json_lines(self) -> list[dict]:
        records = []
        for line in self.log_lines():
            try:
                records.append(json.loads(line))
            except ValueError:
                continue
        return records

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve(env: dict[str, str], home: Path, *extra: str) -> Serving:
    port = free_port()
    log_path = home.parent / f"serve-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--no-worker", *extra],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    serving = Serving(process, port, log_path)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("corridor serve exited:\n" + log_path.read_text())
        try:
            if request(port, "GET", "/readyz")[0] == 200:
                return serving
        except OSError:
            pass
        time.sleep(0.3)
    serving.stop()
    raise RuntimeError("corridor serve was not ready within 180 s:\n" + log_path.read_text())


def request(port: int, method: str, path: str, body=None, headers=None, timeout: float = 30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        return send(connection, method, path, body, headers)
    finally:
        connection.close()


def send(connection: http.client.HTTPConnection, method, path, body=None, headers=None):
    """(status, headers, parsed body) over an existing keep-alive connection."""
    payload = json.dumps(body).encode() if body is not None else None
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    connection.request(method, path, body=payload, headers=all_headers)
    response = connection.getresponse()
    raw = response.read()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode(errors="replace")
    return response.status, response.headers, parsed  # case-insensitive


def admin_headers(home: Path) -> dict[str, str]:
    from app.access.keys import KeyRing
    from app.access.tokens import TokenService
    from app.platform.settings import Settings

    settings = Settings(home=home, environment="test")
    token = TokenService(settings, KeyRing.from_settings(settings)).issue(
        sub="ops-test", roles=["admin"], organization_id=None
    )
    return {"Authorization": f"Bearer {token}"}
