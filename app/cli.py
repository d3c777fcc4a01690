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
import uuid
from pathlib import Path
from typing import NoReturn

import structlog

from app.platform.settings import get_settings

log = structlog.get_logger("corridor.cli")

EXIT_USAGE = 2
EXIT_FAILURE = 1


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
    (a no-op otherwise; migration 0004_i9_feed_clock explains why)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    from app.platform.row_security import (
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


def migrate(url: str | None = None) -> str:
    """Apply every migration; a file lock keeps concurrent starters from racing."""
    from alembic import command

    from app.platform.engine import resolve_database_url

    settings = get_settings()
    url = url or resolve_database_url(settings)
    settings.home.mkdir(parents=True, exist_ok=True)
    with open(settings.home / "migrate.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # The advisory lock in env.py covers processes on other machines.
        command.upgrade(_alembic_config(url), "heads")
        _rebase_feed(url)
    return url


def _cmd_migrate(args: argparse.Namespace) -> int:
    migrate()
    print("migrations applied")
    return 0


# -- serve ------------------------------------------------------------------------------


def _watch_embedded(home: Path, interval: float, stop: threading.Event) -> None:
    """Start the embedded server again when it dies while `serve` runs."""
    from app.platform.embedded import ensure_server, is_running

    while not stop.wait(interval):
        try:
            if is_running(home):
                continue
            log.warning("embedded PostgreSQL is not running; starting it again", home=str(home))
            server = ensure_server(home)
            log.warning("embedded PostgreSQL started again", port=server.port)
        except Exception as error:  # keep watching: the next round tries again
            log.error("embedded PostgreSQL could not be started again", exc_info=error)


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.platform.engine import resolve_app_url

    # The API process delivers webhooks too unless told not to (or CORRIDOR_ says otherwise).
    os.environ.setdefault("CORRIDOR_RUN_WORKER_IN_PROCESS", "false" if args.no_worker else "true")
    settings = get_settings()
    home = _embedded_home()
    url = migrate()
    # Workers inherit the resolved URLs so they do not each look for the embedded server:
    # the owner's for nothing but reference, the application role's to serve with.
    app_url = resolve_app_url(settings)
    os.environ["CORRIDOR_DATABASE_URL"] = url
    if app_url != url:
        os.environ["CORRIDOR_APP_DATABASE_URL"] = app_url
    stop = threading.Event()
    if home is not None:
        threading.Thread(
            target=_watch_embedded,
            args=(home, settings.embedded_watch_seconds, stop),
            name="embedded-postgres-watch",
            daemon=True,
        ).start()
    log.info("serving", host=args.host, port=args.port, workers=args.workers)
    try:
        uvicorn.run(
            "app.main:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            proxy_headers=True,
            log_level=settings.log_level.lower(),
            # Our own request line (app.platform.request_log) replaces the access log, and
            # our handler renders uvicorn's own lines.
            access_log=False,
            log_config=None,
            timeout_graceful_shutdown=int(settings.shutdown_timeout_seconds),
        )
    finally:
        stop.set()
    if home is not None:
        log.info("the embedded PostgreSQL keeps running; `corridor db stop` stops it")
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    import signal

    from app.integrations.worker import run_worker
    from app.platform.engine import resolve_app_url

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
    from app.platform.embedded import running_port

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

    from app.platform.engine import normalise_url

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
    from app.platform.embedded import ensure_database, ensure_server

    server = ensure_server(_require_embedded("start"))
    ensure_database(server, "corridor")
    print(f"embedded PostgreSQL: running on 127.0.0.1:{server.port}")
    return 0


def _cmd_db_stop(args: argparse.Namespace) -> int:
    from app.platform.embedded import stop_server

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
        from app.platform.embedded import tool

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
    from app.platform.engine import resolve_owner_url

    return resolve_owner_url(get_settings())


def _cmd_backup(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.exists() and not args.overwrite:
        raise CliError(f"{target} exists; pass --overwrite to replace it", EXIT_USAGE)
    connection, env = _libpq(_owner_url())
    partial = target.with_name(target.name + ".partial")
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

    from app.platform.row_security import configured_system_context_token

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


def _empty_database(url: str) -> None:
    """Everything in the target goes: the restore brings the whole schema back."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    async def run() -> None:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.begin() as connection:
                await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                await connection.execute(text("CREATE SCHEMA public"))
        finally:
            await engine.dispose()

    asyncio.run(run())


def _cmd_restore(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"no such backup file: {source}", EXIT_USAGE)
    url = _owner_url()
    if _database_has_data(url) and not args.replace:
        raise CliError(
            "the database already holds data; pass --replace to drop it and restore the backup",
            EXIT_USAGE,
        )
    _empty_database(url)
    connection, env = _libpq(url)
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
    migrate(url)
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
    from app.platform.engine import create_engine, create_sessionmaker, resolve_app_url
    from app.platform.unit_of_work import UnitOfWork

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

    from app.documents.service import sweep_orphaned_objects
    from app.documents.storage import S3Storage
    from app.platform.engine import create_engine, create_sessionmaker, resolve_app_url

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
        description="Restore FILE (from `corridor backup`) into the configured database, then"
        " migrate. Feed cursors keep working, even on another server.",
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
