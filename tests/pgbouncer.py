"""PgBouncer (the Debian package's binary) in transaction mode in front of a test server.

Started like the embedded server: as its account when we are root (PgBouncer refuses to
run as root), on a free loopback port, with the application role's password in its
auth file (it logs in to PostgreSQL with it, SCRAM on both sides).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from app.db.embedded import _give_to_server_user, _run_as

MISSING = (
    "PgBouncer is not installed: `apt-get install pgbouncer` (Debian/Ubuntu), or put a "
    "`pgbouncer` binary on PATH (CORRIDOR_PGBOUNCER names another). .ci/run installs it."
)
# Few server connections for many clients: the multiplexing that breaks session state.
POOL_SIZE = 4


@dataclass
class PgBouncer:
    process: subprocess.Popen
    port: int
    directory: Path

    def url_for(self, server_url: str) -> str:
        """`server_url` (same user, password and database) through PgBouncer."""
        return (
            make_url(server_url)
            .set(host="127.0.0.1", port=self.port)
            .render_as_string(hide_password=False)
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self) -> str:
        path = self.directory / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""


def binary() -> str:
    named = os.environ.get("CORRIDOR_PGBOUNCER")
    for candidate in (named,) if named else (shutil.which("pgbouncer"), "/usr/sbin/pgbouncer"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(MISSING)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(directory: Path, server_url: str, *, pool_size: int = POOL_SIZE) -> PgBouncer:
    """PgBouncer on a free port, forwarding every database to `server_url`'s server, for
    `server_url`'s user."""
    executable = binary()
    server = make_url(server_url)
    port = _free_port()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "userlist.txt").write_text(f'"{server.username}" "{server.password}"\n')
    (directory / "pgbouncer.ini").write_text(
        f"""[databases]
* = host=127.0.0.1 port={server.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {directory / "userlist.txt"}
pool_mode = transaction
default_pool_size = {pool_size}
max_client_conn = 500
logfile = {directory / "pgbouncer.log"}
pidfile = {directory / "pgbouncer.pid"}
"""
    )
    os.chmod(directory / "userlist.txt", 0o600)
    _give_to_server_user(directory)
    process = subprocess.Popen(
        [executable, str(directory / "pgbouncer.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **_run_as(),
    )
    bouncer = PgBouncer(process=process, port=port, directory=directory)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"pgbouncer exited ({process.returncode}): "
                f"{process.stderr.read().decode(errors='replace') if process.stderr else ''}"
                f"{bouncer.log()}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return bouncer
        except OSError:
            time.sleep(0.1)
    bouncer.stop()
    raise RuntimeError(f"pgbouncer did not listen on {port} within 30 s: {bouncer.log()}")
