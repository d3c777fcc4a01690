"""The `corridor` command: serve, migrate, token, demo, worker."""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import logging
import sys
import uuid
from pathlib import Path

from app.platform.settings import get_settings


def _alembic_config(url: str):
    from alembic.config import Config

    root = Path(__file__).resolve().parent.parent
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    return config


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
    return url


def _cmd_migrate(args: argparse.Namespace) -> int:
    migrate()
    print("migrations applied")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from app.platform.engine import resolve_app_url

    # The API process delivers webhooks too unless told not to (or CORRIDOR_ says otherwise).
    os.environ.setdefault("CORRIDOR_RUN_WORKER_IN_PROCESS", "false" if args.no_worker else "true")
    url = migrate()
    # Workers inherit the resolved URLs so they do not each look for the embedded server:
    # the owner's for nothing but reference, the application role's to serve with.
    app_url = resolve_app_url(get_settings())
    os.environ["CORRIDOR_DATABASE_URL"] = url
    if app_url != url:
        os.environ["CORRIDOR_APP_DATABASE_URL"] = app_url
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_level=get_settings().log_level.lower(),
    )
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


def _cmd_token(args: argparse.Namespace) -> int:
    from app.access.keys import KeyRing
    from app.access.tokens import TokenService
    from app.domain.vocabulary import Role

    settings = get_settings()
    roles = [Role(role).value for role in args.role]
    if args.org is None and any(role != Role.ADMIN for role in roles):
        print("--org is required for every role but admin", file=sys.stderr)
        return 2
    tokens = TokenService(settings, KeyRing.from_settings(settings))
    print(
        tokens.issue(
            sub=args.sub or f"cli:{roles[0]}",
            roles=roles,
            organization_id=uuid.UUID(args.org) if args.org else None,
            ttl_seconds=args.ttl,
        )
    )
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import load_demo

    url = migrate()
    summary = asyncio.run(load_demo(url))
    print(summary)
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    """Walk the whole audit chain as the application role, in the system context."""
    from app.access import audit
    from app.platform.engine import create_engine, create_sessionmaker, resolve_app_url
    from app.platform.unit_of_work import UnitOfWork

    settings = get_settings()

    async def run() -> audit.Verification:
        engine = create_engine(resolve_app_url(settings), settings)
        try:
            sessionmaker = create_sessionmaker(engine)
            # Chain what is committed first, so the walk covers every row written so far.
            await audit.seal_committed(sessionmaker)
            async with UnitOfWork.system(sessionmaker) as uow:
                return await audit.verify(uow)
        finally:
            await engine.dispose()

    result = asyncio.run(run())
    if result.ok:
        print(
            f"audit chain intact: {result.rows} rows,"
            f" head {result.head_seq}:{result.head_hash}, {result.pending} pending"
        )
        return 0
    print(
        f"audit chain BROKEN at seq {result.broken_at}: {result.reason}"
        f" ({result.rows} rows verified before it)",
        file=sys.stderr,
    )
    return 1


def _cmd_keys_rotate(args: argparse.Namespace) -> int:
    from app.access.keys import KeyRing

    ring = KeyRing.from_settings(get_settings())
    print(ring.rotate().kid)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corridor", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="migrate, then serve the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="do not deliver webhooks in this process (run `corridor worker` instead)",
    )
    serve.set_defaults(run=_cmd_serve)

    worker = sub.add_parser(
        "worker", help="deliver webhooks until stopped (run as many as you like)"
    )
    worker.set_defaults(run=_cmd_worker)

    sub.add_parser("migrate", help="apply the database migrations").set_defaults(run=_cmd_migrate)

    token = sub.add_parser("token", help="print a signed bearer token")
    token.add_argument("--org", help="organisation id (not needed for admin)")
    token.add_argument(
        "--role", action="append", required=True, help="role; repeat for several roles"
    )
    token.add_argument("--sub", help="subject (who); defaults to cli:<role>")
    token.add_argument("--ttl", type=int, help="lifetime in seconds")
    token.set_defaults(run=_cmd_token)

    demo = sub.add_parser("demo", help="load a realistic demonstration data set")
    demo.set_defaults(run=_cmd_demo)

    audit = sub.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", required=True
    )
    audit.add_parser("verify", help="check the hash chain of the audit trail").set_defaults(
        run=_cmd_audit_verify
    )

    keys = sub.add_parser("keys", help="token signing keys").add_subparsers(
        dest="keys_command", required=True
    )
    keys.add_parser("rotate", help="make a new signing key now").set_defaults(run=_cmd_keys_rotate)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
