"""The `corridor` command: serve, worker, migrate, db, backup, restore, token, demo, audit, keys.

A wrong value is one line on stderr and exit status 2; a failure at run time (an
unreachable database, say) one line and status 1. Never a traceback:
CORRIDOR_DEBUG=1 shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import NoReturn

import structlog

from app.platform.settings import get_settings

log = structlog.get_logger("corridor.cli")

EXIT_USAGE = 2
EXIT_FAILURE = 1
# sysexits' EX_TEMPFAIL: refused for now, try again (a restore while servers are connected).
EXIT_IN_USE = 75


class CliError(Exception):
    """A failure to report in one line; `status` is the exit status."""

    def __init__(self, message: str, status: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.status = status


class Parser(argparse.ArgumentParser):
    """argparse, but a wrong value is one line (the usage is on --help)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a UUID: {value[:60]!r}") from None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value[:30]!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {number}")
    return number


def _port(value: str) -> int:
    number = _positive_int(value)
    if number > 65535:
        raise argparse.ArgumentTypeError(f"not a TCP port: {number}")
    return number


# -- the database -----------------------------------------------------------------------


def _embedded_home() -> Path | None:
    """CORRIDOR_HOME's embedded server, unless an external database is configured."""
    settings = get_settings()
    return None if settings.database_url else settings.home


audit_log = logging.getLogger("corridor.audit")


def _alembic_config(url: str):
    from alembic.config import Config

    root = Path(__file__).resolve().parent.parent
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "migrations"))
    # ConfigParser interpolation: a % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _rebase_feed(url: str) -> None:
    """After a restore into another server: feed positions move above the restored ones
    (a no-op otherwise; migration 0004_feed_clock explains why)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    from app.db.row_security import (
        configured_system_context_token,
        install_system_context_check,
    )

    async def run() -> None:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.begin() as connection:
                # This CORRIDOR_SECRET_KEY's system context is accepted (a changed key is
                # registered here, at the next `corridor migrate`), and the rebase runs in it.
                statements: list[str] = []
                install_system_context_check(statements.append)
                for statement in statements:
                    await connection.execute(text(statement))
                await connection.execute(
                    text("SELECT set_config('corridor.system', :token, true)"),
                    {"token": configured_system_context_token()},
                )
                await connection.execute(text("SELECT corridor_feed_rebase()"))
        finally:
            await engine.dispose()

    asyncio.run(run())


class _MigrationSteps(logging.Filter):
    """Alembic speaks a line per migration (and two of set-up) at INFO: a first start would
    open with twenty of them. They are counted and kept for DEBUG; `migrate` then says one
    line."""

    def __init__(self) -> None:
        super().__init__()
        self.applied = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO:
            return True
        if record.getMessage().startswith("Running upgrade"):
            self.applied += 1
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def migrate(url: str | None = None) -> str:
    """Apply every migration; a file lock keeps concurrent starters from racing."""
    from alembic import command

    from app.db.engine import resolve_database_url

    settings = get_settings()
    url = url or resolve_database_url(settings)
    settings.home.mkdir(parents=True, exist_ok=True)
    steps = _MigrationSteps()
    alembic_log = logging.getLogger("alembic.runtime.migration")
    alembic_log.addFilter(steps)
    try:
        with open(settings.home / "migrate.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            # The advisory lock in env.py covers processes on other machines.
            command.upgrade(_alembic_config(url), "heads")
            _rebase_feed(url)
    finally:
        alembic_log.removeFilter(steps)
    if steps.applied:
        log.info("migrations applied; the schema is current", count=steps.applied)
    else:
        log.info("the schema is current; no migration to apply")
    return url


def _cmd_migrate(args: argparse.Namespace) -> int:
    migrate()
    print("migrations applied")
    return 0


# -- serve ------------------------------------------------------------------------------


def _watch_embedded(home: Path, interval: float, stop: threading.Event) -> None:
    """Start the embedded server again when it dies while `serve` runs."""
    from app.db.embedded import ensure_server, is_running

    while not stop.wait(interval):
        try:
            if is_running(home):
                continue
            log.warning("embedded PostgreSQL is not running; starting it again", home=str(home))
            server = ensure_server(home)
            log.warning("embedded PostgreSQL started again", port=server.port)
        except Exception as error:  # keep watching: the next round tries again
            log.error("embedded PostgreSQL could not be started again", exc_info=error)


def _served_settings(settings, args: argparse.Namespace, owner_url: str, app_url: str):
    """What `serve` decided, as the settings its app is built with.

    The webhook worker runs in the API process unless --no-worker or
    CORRIDOR_RUN_WORKER_IN_PROCESS=false says otherwise. Decided here and handed to the
    app, never written to the environment to be read back: the settings are read once
    per process (`get_settings` is cached), before this point.
    """
    in_process = not args.no_worker and settings.run_worker_in_process is not False
    return settings.model_copy(
        update={
            "run_worker_in_process": in_process,
            "database_url": owner_url,
            "app_database_url": app_url,
        }
    )


def _proxy_options(settings) -> dict:
    """X-Forwarded-For is believed from CORRIDOR_TRUSTED_PROXIES only. uvicorn's own
    default trusts loopback, so a caller on the same host (or behind a proxy that does not
    overwrite the header) could claim any address and escape every per-address limit."""
    if not settings.trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": list(settings.trusted_proxies)}


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.db.engine import resolve_app_url

    settings = get_settings()
    home = _embedded_home()
    url = migrate()
    served = _served_settings(settings, args, url, resolve_app_url(settings))
    if args.workers == 1:
        # One process: the app gets the settings themselves.
        from app.main import create_app

        app: object = create_app(served)
    else:
        # Several: uvicorn spawns fresh interpreters that import the factory and read
        # their settings from the environment, so the decision travels there, resolved
        # (the database URLs too: the workers do not each look for the embedded server).
        os.environ["CORRIDOR_RUN_WORKER_IN_PROCESS"] = str(served.run_worker_in_process).lower()
        os.environ["CORRIDOR_DATABASE_URL"] = url
        os.environ["CORRIDOR_APP_DATABASE_URL"] = str(served.app_database_url)
        app = "app.main:create_app"
    stop = threading.Event()
    if home is not None:
        threading.Thread(
            target=_watch_embedded,
            args=(home, settings.embedded_watch_seconds, stop),
            name="embedded-postgres-watch",
            daemon=True,
        ).start()
    log.info(
        "serving",
        host=args.host,
        port=args.port,
        workers=args.workers,
        webhook_worker="in-process" if served.run_worker_in_process else "off",
    )
    try:
        uvicorn.run(
            app,
            factory=isinstance(app, str),
            host=args.host,
            port=args.port,
            workers=args.workers,
            **_proxy_options(settings),
            log_level=settings.log_level.lower(),
            # Our own request line (app.platform.request_log) replaces the access log, and
            # our handler renders uvicorn's own lines.
            access_log=False,
            log_config=None,
            timeout_graceful_shutdown=int(settings.shutdown_timeout_seconds),
            # httptools, with a header deadline, a header size cap and a body idle
            # timeout (uvicorn has none of them built in): a slowloris client is cut off.
            http="app.platform.http_protocol:GuardedHttpToolsProtocol",
            timeout_keep_alive=settings.http_keep_alive_timeout_seconds,
        )
    finally:
        stop.set()
    if home is not None:
        log.info("the embedded PostgreSQL keeps running; `corridor db stop` stops it")
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    import signal

    from app.db.engine import resolve_app_url
    from app.integrations.worker import run_worker

    migrate()
    settings = get_settings()
    url = resolve_app_url(settings)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await run_worker(settings, url, stop)

    asyncio.run(run())
    return 0


# -- db, backup, restore ----------------------------------------------------------------


def _require_embedded(action: str) -> Path:
    home = _embedded_home()
    if home is None:
        raise CliError(
            f"corridor db {action} manages the embedded server only; an external database"
            " (CORRIDOR_DATABASE_URL / DATABASE_URL) is configured",
            EXIT_USAGE,
        )
    return home


def _cmd_db_status(args: argparse.Namespace) -> int:
    from app.db.embedded import running_port

    home = _embedded_home()
    if home is None:
        from sqlalchemy.engine import make_url

        url = make_url(get_settings().database_url)
        reachable = _reachable(str(url))
        print(
            f"external database {url.host}:{url.port or 5432}/{url.database}: "
            f"{'reachable' if reachable else 'UNREACHABLE'}"
        )
        return 0 if reachable else EXIT_FAILURE
    port = running_port(home)
    data = (home / "pgdata").resolve()
    if port is None:
        print(f"embedded PostgreSQL: stopped (data in {data})")
        return 3  # as `pg_ctl status`: not running
    print(f"embedded PostgreSQL: running on 127.0.0.1:{port} (data in {data})")
    return 0


def _reachable(url: str) -> bool:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    from app.db.engine import normalise_url

    async def run() -> bool:
        engine = create_async_engine(normalise_url(url), poolclass=NullPool)
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            return True
        except Exception:
            return False
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _cmd_db_start(args: argparse.Namespace) -> int:
    from app.db.embedded import ensure_database, ensure_server

    server = ensure_server(_require_embedded("start"))
    ensure_database(server, "corridor")
    print(f"embedded PostgreSQL: running on 127.0.0.1:{server.port}")
    return 0


def _cmd_db_stop(args: argparse.Namespace) -> int:
    from app.db.embedded import stop_server

    stopped = stop_server(_require_embedded("stop"))
    print("embedded PostgreSQL: stopped" if stopped else "embedded PostgreSQL: was not running")
    return 0


def _libpq(url: str) -> tuple[list[str], dict[str, str]]:
    """A SQLAlchemy URL as pg_dump/pg_restore connection arguments; the password goes in
    the environment, never on the command line (where `ps` shows it)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    arguments = ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432)]
    if parsed.username:
        arguments += ["-U", parsed.username]
    return [*arguments, "-d", parsed.database or "postgres"], env


def _pg_tool(name: str) -> str:
    """The embedded wheel's client (PostgreSQL 17: dumps any server up to 17), else the
    system's."""
    try:
        from app.db.embedded import tool

        path = tool(name)
        if path.exists():
            return str(path)
    except RuntimeError:
        pass
    found = shutil.which(name)
    if found is None:
        raise CliError(f"{name} is not installed (install the PostgreSQL client tools)")
    return found


def _run_tool(arguments: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(arguments, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        first = (result.stderr or result.stdout).strip().splitlines()
        raise CliError(f"{Path(arguments[0]).name} failed: {first[0] if first else 'no output'}")


def _owner_url() -> str:
    from app.db.engine import resolve_owner_url

    return resolve_owner_url(get_settings())


def _note_backup_position(url: str) -> None:
    """The feed's present position, written just before the dump so that the backup holds
    it: a restore puts new events above every cursor handed out before it (migration
    0012_feed_epoch). Best effort: a read-only server (a standby) is still backed up."""
    try:
        _run_sql(
            url,
            ["UPDATE feed_clock SET backup_position = corridor_feed_position() WHERE id = 1"],
        )
    except Exception as error:
        log.warning("backup: feed position not noted", reason=_one_line(error))


def _cmd_backup(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.exists() and not args.overwrite:
        raise CliError(f"{target} exists; pass --overwrite to replace it", EXIT_USAGE)
    url = _owner_url()
    connection, env = _libpq(url)
    partial = target.with_name(target.name + ".partial")
    _note_backup_position(url)
    # Custom format: compressed, restored table by table, one consistent snapshot.
    _run_tool([_pg_tool("pg_dump"), *connection, "--format=custom", "-f", str(partial)], env)
    partial.chmod(0o600)  # it holds patient data
    partial.replace(target)
    print(f"backup written to {target} ({target.stat().st_size} bytes)")
    return 0


# Tables whose rows make a database worth keeping: restoring over them needs --replace.
DATA_TABLES = ("organizations", "patients", "cases", "case_events", "audit_events")


def _database_has_data(url: str) -> bool:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    from app.db.row_security import configured_system_context_token

    async def run() -> bool:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    text("SELECT set_config('corridor.system', :token, true)"),
                    {"token": configured_system_context_token()},
                )
                for table in DATA_TABLES:
                    exists = (
                        await connection.execute(text("SELECT to_regclass(:t)"), {"t": table})
                    ).scalar()
                    if (
                        exists
                        and (
                            await connection.execute(text(f"SELECT EXISTS (SELECT 1 FROM {table})"))  # noqa: S608 - our names
                        ).scalar()
                    ):
                        return True
            return False
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _maintenance_url(url: str, database: str = "postgres") -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=database).render_as_string(hide_password=False)


def _run_sql(
    url: str, statements: list[str], *, autocommit: bool = False, parameters: dict | None = None
) -> list:
    """Each statement's rows, in one transaction (or each on its own: CREATE/DROP DATABASE
    may not run in one)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    async def run() -> list:
        options = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
        engine = create_async_engine(url, poolclass=NullPool, **options)
        try:
            async with engine.begin() as connection:
                results = []
                for statement in statements:
                    result = await connection.execute(text(statement), parameters or {})
                    results.append(result.fetchall() if result.returns_rows else [])
                return results
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_archive(source: Path) -> None:
    """`pg_restore --list` reads the archive's table of contents without a database: a
    file that is no backup at all is refused before anything is touched."""
    result = subprocess.run(  # noqa: S603
        [_pg_tool("pg_restore"), "--list", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        first = (result.stderr or result.stdout).strip().splitlines()
        raise CliError(
            f"{source} is not a backup pg_restore can read"
            f" ({first[0] if first else 'no output'}); nothing was changed"
        )


def _sessions_using(url: str, database: str) -> list[str]:
    """Who else is connected to `database`: a running `corridor serve` or worker holds
    connections as the application role. Restoring under them would fail their every
    request (and flood their logs), so the restore is refused until they stop."""
    rows = _run_sql(
        _maintenance_url(url),
        [
            "SELECT usename, coalesce(nullif(application_name, ''), client_addr::text, 'local')"
            " FROM pg_stat_activity"
            " WHERE datname = :database"
            " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        ],
        parameters={"database": database},
    )[0]
    return [f"{user} ({origin})" for user, origin in rows]


def _refuse_if_in_use(url: str, database: str) -> None:
    sessions = _sessions_using(url, database)
    if sessions:
        shown = ", ".join(sorted(set(sessions))[:5])
        raise CliError(
            f"the database {database} is in use ({len(sessions)} connections: {shown});"
            " stop `corridor serve` and `corridor worker` first; nothing was changed",
            EXIT_IN_USE,
        )


def _drop_database(url: str, database: str) -> None:
    _run_sql(
        _maintenance_url(url),
        [f"DROP DATABASE IF EXISTS {_quoted(database)} WITH (FORCE)"],
        autocommit=True,
    )


def _restore_into(url: str, staging: str, source: Path) -> None:
    """The backup into a new database `staging`, brought up to date and given a new feed
    epoch. The database being replaced is not touched."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    maintenance = _maintenance_url(url)
    _drop_database(url, staging)  # a leftover of an interrupted restore
    _run_sql(maintenance, [f"CREATE DATABASE {_quoted(staging)}"], autocommit=True)
    staging_url = make_url(url).set(database=staging).render_as_string(hide_password=False)
    connection, env = _libpq(staging_url)
    # --no-owner: everything belongs to the restoring owner; the application role's grants
    # and the row-level security policies come back from the archive, as they were.
    _run_tool(
        [
            _pg_tool("pg_restore"),
            *connection,
            "--exit-on-error",
            "--single-transaction",
            "--no-owner",
            str(source),
        ],
        env,
    )
    # An older backup is brought up to date; feed positions move above the restored ones.
    migrate(staging_url)

    async def new_epoch() -> None:
        # After the rebase: every event written from now on lies above this position.
        engine = create_async_engine(staging_url, poolclass=NullPool)
        try:
            async with engine.begin() as session:
                await session.execute(text("SELECT corridor_feed_new_epoch()"))
        finally:
            await engine.dispose()

    asyncio.run(new_epoch())


def _swap_in(url: str, database: str, staging: str) -> None:
    """Both renames in one transaction: `database` is either the old one or the restored
    one, never missing; the old one is dropped only once the new one is in place."""
    # Its own name each time: a database kept by an earlier restore is never dropped here.
    aside = f"{database}_replaced_{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}"
    _run_sql(
        _maintenance_url(url),
        [
            f"ALTER DATABASE {_quoted(database)} RENAME TO {_quoted(aside)}",
            f"ALTER DATABASE {_quoted(staging)} RENAME TO {_quoted(database)}",
        ],
    )
    try:
        _drop_database(url, aside)
    except Exception as error:
        print(
            f"corridor: the replaced database was kept as {aside} ({_one_line(error)});"
            " drop it once you no longer need it",
            file=sys.stderr,
        )


def _cmd_restore(args: argparse.Namespace) -> int:
    """Nothing is dropped before the backup has been restored in full: it goes into a new
    database, which replaces the old one only on success."""
    from sqlalchemy.engine import make_url

    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"no such backup file: {source}", EXIT_USAGE)
    _check_archive(source)
    url = _owner_url()
    database = make_url(url).database or "postgres"
    _refuse_if_in_use(url, database)
    if _database_has_data(url) and not args.replace:
        raise CliError(
            "the database already holds data; pass --replace to drop it and restore the backup",
            EXIT_USAGE,
        )
    staging = f"{database}_restoring"
    try:
        _restore_into(url, staging, source)
        _swap_in(url, database, staging)
    except Exception as error:
        try:
            _drop_database(url, staging)
        except Exception:  # the message below matters more; the next restore drops it
            log.warning("could not drop the unfinished restore", database=staging)
        reason = str(error) if isinstance(error, CliError) else _one_line(error)
        raise CliError(
            f"the restore failed ({reason}); nothing was changed: {database} is as it was"
        ) from error
    print(f"restored {source}; migrations applied")
    return 0


# -- tokens, demo, audit, keys ----------------------------------------------------------


def _cmd_token(args: argparse.Namespace) -> int:
    from app.access.keys import KeyRing
    from app.access.tokens import TokenService
    from app.domain.vocabulary import Role

    settings = get_settings()
    roles = [Role(role).value for role in args.role]
    if args.org is None and any(role != Role.ADMIN for role in roles):
        raise CliError("--org is required for every role but admin", EXIT_USAGE)
    if args.ttl is not None and args.ttl > settings.token_max_lifetime_seconds:
        raise CliError(
            f"--ttl {args.ttl} is longer than a token may live: at most "
            f"{settings.token_max_lifetime_seconds} seconds "
            "(CORRIDOR_TOKEN_MAX_LIFETIME_SECONDS)",
            EXIT_USAGE,
        )
    tokens = TokenService(settings, KeyRing.from_settings(settings))
    print(
        tokens.issue(
            sub=args.sub or f"cli:{roles[0]}",
            roles=roles,
            organization_id=args.org,
            ttl_seconds=args.ttl,
        )
    )
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import load_demo

    # Quiet: the migrations' progress lines would bury the summary.
    logging.getLogger().setLevel(logging.WARNING)
    url = migrate()
    result = asyncio.run(
        load_demo(url, cases=args.cases, tokens_file=args.tokens_file, progress=sys.stderr.isatty())
    )
    print(result.summary())
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    """Walk the whole audit chain as the application role, in the system context; with
    --expect-head, also check that it still reaches a head anchored earlier."""
    from app.access import audit
    from app.db.engine import create_engine, create_sessionmaker, resolve_app_url
    from app.db.unit_of_work import UnitOfWork

    anchor = None
    if args.expect_head:
        try:
            anchor = audit.Anchor.parse(args.expect_head)
        except ValueError as error:
            print(f"--expect-head: {error}", file=sys.stderr)
            return 2
    settings = get_settings()

    async def run() -> audit.Verification:
        engine = create_engine(resolve_app_url(settings), settings)
        try:
            sessionmaker = create_sessionmaker(engine)
            # Chain what is committed first, so the walk covers every row written so far.
            await audit.seal_committed(sessionmaker)
            async with UnitOfWork.system(sessionmaker) as uow:
                return await audit.verify(uow, expect_head=anchor)
        finally:
            await engine.dispose()

    result = asyncio.run(run())
    if result.ok:
        # The head, to keep outside the database: the next run's --expect-head.
        print(f"audit chain intact: {result.rows} rows, {result.pending} pending")
        print(f"head {result.head}")
        audit_log.info("audit chain head %s", result.head)
        return 0
    print(
        f"audit chain BROKEN at seq {result.broken_at}: {result.reason}"
        f" ({result.rows} rows verified before it)",
        file=sys.stderr,
    )
    return 1


def _cmd_documents_sweep(args: argparse.Namespace) -> int:
    """Find (and with --delete remove) bucket objects no document row points at."""
    from datetime import timedelta

    from app.db.engine import create_engine, create_sessionmaker, resolve_app_url
    from app.documents.service import sweep_orphaned_objects
    from app.documents.storage import S3Storage

    settings = get_settings()
    if settings.documents_storage != "s3":
        print("documents are kept in PostgreSQL, in the upload's transaction: no orphans")
        return 0
    storage = S3Storage.from_settings(settings)

    async def run():
        engine = create_engine(resolve_app_url(settings), settings)
        try:
            return await sweep_orphaned_objects(
                create_sessionmaker(engine),
                storage,
                older_than=timedelta(hours=args.older_than_hours),
                delete=args.delete,
            )
        finally:
            await engine.dispose()

    result = asyncio.run(run())
    verb = "deleted" if args.delete else "found (run again with --delete to remove them)"
    print(f"{result.checked} objects checked, {len(result.orphans)} orphans {verb}")
    for key in result.orphans:
        print(f"  {storage.object_key(key)}")
    return 0


def _cmd_keys_rotate(args: argparse.Namespace) -> int:
    from app.access.keys import KeyRing

    ring = KeyRing.from_settings(get_settings())
    print(ring.rotate().kid)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from app.domain.vocabulary import Role

    parser = Parser(
        prog="corridor",
        description="Corridor, patient-mobility case management: the API and its operations.",
        epilog="Configuration comes from CORRIDOR_* environment variables (see README).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser(
        "serve",
        help="migrate, then serve the API",
        description="Apply the migrations, then serve the API with uvicorn. With the embedded"
        " database, a server that dies is started again; it keeps running after Ctrl-C.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="TCP port (8000)")
    serve.add_argument(
        "--workers", type=_positive_int, default=1, help="number of worker processes (1)"
    )
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="do not deliver webhooks in this process (run `corridor worker` instead)",
    )
    serve.add_argument(
        "--trusted-proxies",
        "--forwarded-allow-ips",
        dest="trusted_proxies",
        metavar="ADDRESSES",
        help="comma-separated proxy addresses or networks whose X-Forwarded-For is believed"
        " (CORRIDOR_TRUSTED_PROXIES; none by default)",
    )
    serve.set_defaults(run=_cmd_serve)

    worker = sub.add_parser(
        "worker",
        help="deliver webhooks until stopped (run as many as you like)",
        description="Deliver webhooks until SIGINT/SIGTERM.",
    )
    worker.set_defaults(run=_cmd_worker)

    sub.add_parser(
        "migrate", help="apply the database migrations", description="Apply every migration."
    ).set_defaults(run=_cmd_migrate)

    db = sub.add_parser(
        "db",
        help="the embedded PostgreSQL server: status, start, stop",
        description="Manage the embedded PostgreSQL under CORRIDOR_HOME.",
    ).add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db.add_parser("status", help="is it running, on which port (exit 3 when stopped)").set_defaults(
        run=_cmd_db_status
    )
    db.add_parser("start", help="start it (initialised on first use)").set_defaults(
        run=_cmd_db_start
    )
    db.add_parser("stop", help="stop it (stop `corridor serve` first)").set_defaults(
        run=_cmd_db_stop
    )

    backup = sub.add_parser(
        "backup",
        help="write a backup of the database to FILE",
        description="pg_dump (custom format) of the whole database: the embedded server's,"
        " or CORRIDOR_DATABASE_URL's. The file holds patient data: it is made mode 0600.",
    )
    backup.add_argument("file", metavar="FILE", help="where to write the backup")
    backup.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(run=_cmd_backup)

    restore = sub.add_parser(
        "restore",
        help="restore a backup from FILE into the database",
        description="Restore FILE (from `corridor backup`) into a new database, migrate it,"
        " and only then put it in place of the configured one: a failed restore changes"
        " nothing. Refused (exit 75) while `corridor serve` or a worker is connected. Feed"
        " cursors from before the backup keep working, even on another server; later ones"
        " are 410 cursor_expired.",
    )
    restore.add_argument("file", metavar="FILE", help="a file written by `corridor backup`")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="drop what the database holds first (needed when it has data)",
    )
    restore.set_defaults(run=_cmd_restore)

    token = sub.add_parser(
        "token", help="print a signed bearer token", description="Print a signed bearer token."
    )
    token.add_argument("--org", type=_uuid, help="organisation id (not needed for admin)")
    token.add_argument(
        "--role",
        action="append",
        required=True,
        choices=[role.value for role in Role],
        help="role; repeat for several roles",
    )
    token.add_argument("--sub", help="subject (who); defaults to cli:<role>")
    token.add_argument("--ttl", type=_positive_int, help="lifetime in seconds")
    token.set_defaults(run=_cmd_token)

    demo = sub.add_parser(
        "demo",
        help="load two years of CARES and ZOAST cases (idempotent); tokens go to a file",
    )
    demo.add_argument("--cases", type=int, default=300, help="how many cases (300)")
    demo.add_argument(
        "--tokens-file",
        type=Path,
        default=None,
        help="where to write the tokens (default: CORRIDOR_HOME/demo-tokens.json)",
    )
    demo.set_defaults(run=_cmd_demo)

    audit = sub.add_parser(
        "audit", help="the audit trail", description="The audit trail."
    ).add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit.add_parser("verify", help="check the hash chain of the audit trail")
    verify.add_argument(
        "--expect-head",
        metavar="SEQ:HASH",
        help="a head printed by an earlier run (kept outside the database): fail unless the "
        "chain still reaches row SEQ with this hash (catches rows cut from the end)",
    )
    verify.set_defaults(run=_cmd_audit_verify)

    documents = sub.add_parser(
        "documents", help="document storage", description="Document storage."
    ).add_subparsers(dest="documents_command", required=True, metavar="ACTION")
    sweep = documents.add_parser(
        "sweep-orphans",
        help="list (or delete) bucket objects that no document points at",
        description="Objects in the S3 bucket that no document row points at: uploads "
        "whose transaction failed after the bytes went up. Lists them; --delete removes "
        "them.",
    )
    sweep.add_argument(
        "--older-than-hours",
        type=_positive_int,
        default=24,
        help="only objects written before this many hours ago (24): uploads in flight "
        "are never touched",
    )
    sweep.add_argument("--delete", action="store_true", help="delete the orphans found")
    sweep.set_defaults(run=_cmd_documents_sweep)

    keys = sub.add_parser(
        "keys", help="token signing keys", description="Token signing keys."
    ).add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    keys.add_parser("rotate", help="make a new signing key now").set_defaults(run=_cmd_keys_rotate)
    return parser


def _one_line(error: BaseException) -> str:
    from app.platform.database_errors import is_database_unavailable

    if is_database_unavailable(error):
        return "the database is unreachable (is it running? check CORRIDOR_DATABASE_URL)"
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:300] if text else 'no detail'}"


def main(argv: list[str] | None = None) -> int:
    from pydantic import ValidationError

    from app.platform.log_config import configure_logging

    args = build_parser().parse_args(argv)
    if getattr(args, "trusted_proxies", None) is not None:
        # An option that is a setting: read (and checked) with the others, and inherited
        # by uvicorn's worker processes.
        os.environ["CORRIDOR_TRUSTED_PROXIES"] = args.trusted_proxies
        get_settings.cache_clear()
    try:
        settings = get_settings()
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "settings"
        print(
            f"corridor: invalid setting CORRIDOR_{field.upper()}: {first['msg']}", file=sys.stderr
        )
        return EXIT_USAGE
    # Only `serve` speaks at INFO (its request lines); the others print their result.
    level = settings.log_level if args.command in ("serve", "worker") else "WARNING"
    configure_logging(level, settings.log_format)
    try:
        return args.run(args)
    except CliError as error:
        print(f"corridor: {error}", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get("CORRIDOR_DEBUG"):
            raise
        print(f"corridor {args.command}: {_one_line(error)}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    logging.captureWarnings(True)
    raise SystemExit(main())
