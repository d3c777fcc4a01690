"""Test fixtures: a real, migrated PostgreSQL; one outer transaction per test.

CORRIDOR_TEST_DATABASE_URL points the suite at a server of your own; without
it an embedded server is started under .corridor/test-pg (fsync off: the data
is thrown away). The database is recreated and migrated with Alembic on every
run, so every run tests the migrations.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

from app.access.keys import KeyRing
from app.access.tokens import TokenService
from app.db.engine import app_url_for, normalise_url
from app.db.engine import create_engine as create_app_engine
from app.db.row_security import configured_system_context_token
from app.main import create_app, serve_from, start_request_guards
from app.platform.settings import Settings
from tests.pgbouncer import PgBouncer
from tests.pgbouncer import start as start_pgbouncer

ROOT = Path(__file__).resolve().parent.parent
# pytest-xdist's workers must collect the same tests in the same order, and parameters drawn
# from sets (frozensets of statuses) follow the string hash: one seed for every worker
# (they start after this module is imported, with its environment).
os.environ.setdefault("PYTHONHASHSEED", "0")
# One database per run (per pytest-xdist worker), so several runs can share a server.
TEST_DATABASE = f"corridor_test_{os.getpid()}"

# Row-level security's system context, as a test that reads across tenants enters it: the
# token of this process's CORRIDOR_SECRET_KEY ('on' opens nothing; app.db.row_security).
SYSTEM_CONTEXT = text("SELECT set_config('corridor.system', :token, true)").bindparams(
    token=configured_system_context_token()
)


EMBEDDED_HOME = Path(os.environ.get("CORRIDOR_HOME", ROOT / ".corridor")) / "test-pg"
# Which run started the embedded server: pytest-xdist's workers share their run's id.
STARTED_BY = EMBEDDED_HOME / "started-by-run"
# One file per process using it (named by pid): the last one stops a server its run started.
USERS = EMBEDDED_HOME / "users"
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID", TEST_DATABASE)


def _server_root_url() -> str:
    explicit = os.environ.get("CORRIDOR_TEST_DATABASE_URL")
    if explicit:
        return normalise_url(explicit)
    from app.db.embedded import ensure_server

    server = ensure_server(EMBEDDED_HOME, durable=False)
    return server.url("postgres")


# Markers by where a test lives: `make test-fast` runs neither (domain, API and security
# tests on the ASGI app, in about a minute); `make test` runs everything but the heavy.
E2E_DIRECTORIES = ("e2e", "integration", "operations", "bench")
SLOW_MODULES = (
    "test_schemathesis.py",
    "test_schemathesis_findings.py",
    "test_sdk_drift.py",
    "test_openapi_lint.py",
    "test_generators_without_config.py",
)


# Long runs kept out of `make test` (its budget is 10 minutes on two cores) and run by
# `make test-heavy`, which CI runs after it: the bench harness end to end, a disk filled
# under a live server, a slow webhook receiver, backups restored into new servers.
HEAVY_MODULES = (
    "test_make_bench.py",
    "test_storage_full.py",
    "test_backup_restore.py",
    "test_restore_safety.py",
)
HEAVY_TESTS = ("test_webhook_delivery.py::test_a_slow_receiver_delays_no_other_endpoint",)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--through-pgbouncer",
        action="store_true",
        help="the application role connects through PgBouncer (transaction mode) started "
        "in front of the test server; set-up, clean-up and migrations still go direct",
    )


def through_pgbouncer(config: pytest.Config) -> bool:
    return bool(config.getoption("--through-pgbouncer"))


# Modules that write into the repository's tree (probe modules under app/, leftovers under
# clients/) or install its node_modules: under pytest-xdist (`make test`, `make test-fast`
# run `-n auto --dist loadgroup`) they run one after another on one worker.
REPOSITORY_TREE_MODULES = (
    "test_import_contracts.py",
    "test_sdk_drift.py",
    "test_generators_without_config.py",
    "test_openapi_lint.py",
    "test_typescript_sdk.py",
    "test_rate_limit_retries.py",
    "test_python_sdk_readme.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.path)).relative_to(ROOT).parts
        if len(parts) > 1 and parts[1] in E2E_DIRECTORIES:
            item.add_marker(pytest.mark.e2e)
        if parts[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if parts[-1] in HEAVY_MODULES or item.nodeid.endswith(HEAVY_TESTS):
            item.add_marker(pytest.mark.heavy)
        if parts[-1] in REPOSITORY_TREE_MODULES:
            item.add_marker(pytest.mark.xdist_group("repository-tree"))


SERVER_HOMES = ROOT / ".corridor" / "test-homes"


def new_server_home(name: str) -> Path:
    """A directory for a test's own embedded server, outside /tmp/pytest-of-<user>: pytest
    resets that directory to mode 0700 whenever any run starts, which (as root) would lock
    the server's account out of its data in the middle of a test."""
    SERVER_HOMES.mkdir(parents=True, exist_ok=True)
    # Short: the server's Unix socket lives under it, and a socket path has 107 bytes.
    return Path(tempfile.mkdtemp(prefix=f"{name[:12]}-", dir=SERVER_HOMES))


@pytest.fixture
def server_home(request: pytest.FixtureRequest) -> Iterator[Path]:
    base = new_server_home(request.node.name)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


def recreate_database(root_url: str, name: str, *, template: str | None = None) -> str:
    """Database `name`, empty, or a copy of database `template` (which nobody may be
    connected to)."""
    import asyncio

    copy_of = f' TEMPLATE "{template}"' if template else ""

    async def run() -> None:
        engine = create_async_engine(root_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await connection.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
        await engine.dispose()

    asyncio.run(run())
    return _with_database(root_url, name)


def alembic(url: str, *args: str) -> None:
    # One migration at a time on the server: its roles are server-wide, and two
    # pytest-xdist workers creating them at once race.
    with _server_lock("migrations.lock"):
        subprocess.run(
            [sys.executable, "-m", "alembic", "-x", f"url={url}", *args],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )


@pytest.fixture(scope="session")
def server_root_url() -> Iterator[str]:
    """The server's superuser URL. An embedded server this run started is stopped at the
    end of the run, unless another run's test database is still on it."""
    from app.db.embedded import is_running, stop_server

    embedded = "CORRIDOR_TEST_DATABASE_URL" not in os.environ
    if not embedded:
        yield _server_root_url()
        return
    # Each process using the server says so first, under a lock the last one stops it in:
    # a pytest-xdist worker that finishes early must not stop it under one still starting.
    USERS.mkdir(parents=True, exist_ok=True)
    me = USERS / str(os.getpid())
    with _server_lock("users.lock"):
        started_here = not is_running(EMBEDDED_HOME)
        me.touch()
    url = _server_root_url()
    if started_here:
        STARTED_BY.write_text(RUN_ID)
    yield url
    with _server_lock("users.lock"):
        me.unlink(missing_ok=True)
        others = [user for user in USERS.iterdir() if _process_alive(user.name)]
        started_by_this_run = STARTED_BY.exists() and STARTED_BY.read_text() == RUN_ID
        if started_by_this_run and not others and not _other_runs_on(url):
            stop_server(EMBEDDED_HOME)
            STARTED_BY.unlink(missing_ok=True)


@contextmanager
def _server_lock(name: str) -> Iterator[None]:
    EMBEDDED_HOME.mkdir(parents=True, exist_ok=True)
    with open(EMBEDDED_HOME / name, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _process_alive(pid: str) -> bool:
    """A run's database is named after its pid: a crashed run's leftover does not count."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _other_runs_on(root_url: str) -> bool:
    import asyncio

    async def run() -> bool:
        engine = create_async_engine(root_url, poolclass=NullPool)
        async with engine.connect() as connection:
            names = (
                await connection.execute(
                    text("SELECT datname FROM pg_database WHERE datname LIKE 'corridor_test_%'")
                )
            ).scalars()
            others = [name for name in names if name != TEST_DATABASE]
        await engine.dispose()
        return any(_process_alive(name.removeprefix("corridor_test_")) for name in others)

    return asyncio.run(run())


def drop_database(root_url: str, name: str) -> None:
    import asyncio

    async def run() -> None:
        engine = create_async_engine(root_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await engine.dispose()

    asyncio.run(run())


@pytest.fixture(scope="session")
def database_url(server_root_url: str):
    url = recreate_database(server_root_url, TEST_DATABASE)
    # One migration at a time on the server (`alembic` takes the lock): they also change
    # what the whole server shares (roles and their grants).
    alembic(url, "upgrade", "heads")
    yield url
    drop_database(server_root_url, TEST_DATABASE)


@pytest.fixture(scope="session")
def direct_app_database_url(database_url: str) -> str:
    """The test database as the application role, on the server itself.

    CORRIDOR_TEST_APP_DATABASE_URL overrides it for a server that wants a password.
    """
    explicit = os.environ.get("CORRIDOR_TEST_APP_DATABASE_URL")
    if explicit:
        return _with_database(normalise_url(explicit), TEST_DATABASE)
    return app_url_for(database_url)


@pytest.fixture(scope="session")
def pgbouncer(direct_app_database_url: str) -> Iterator[PgBouncer]:
    """PgBouncer in transaction mode in front of the test server, for the application
    role. Fails (never skips) when the binary is missing: `apt-get install pgbouncer`."""
    directory = new_server_home("pgbouncer")
    bouncer = start_pgbouncer(directory / "run", direct_app_database_url)
    yield bouncer
    bouncer.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def app_database_url(request: pytest.FixtureRequest, direct_app_database_url: str) -> str:
    """What the API connects with: the application role, row-level security applies to it;
    through PgBouncer under --through-pgbouncer."""
    if through_pgbouncer(request.config):
        return request.getfixturevalue("pgbouncer").url_for(direct_app_database_url)
    return direct_app_database_url


@pytest.fixture(scope="session")
def settings(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    database_url: str,
    app_database_url: str,
) -> Settings:
    return Settings(
        environment="test",
        home=tmp_path_factory.mktemp("corridor-home"),
        database_url=database_url,
        app_database_url=app_database_url,
        database_pooler="pgbouncer" if through_pgbouncer(request.config) else "none",
        webhooks_allow_private_targets=True,
        # Tests fire hundreds of requests as one subject; tests/security sets its own limit.
        rate_limit_per_minute=0,
    )


@pytest.fixture(scope="session")
async def engine(app_database_url: str, settings: Settings) -> AsyncIterator[AsyncEngine]:
    """What the API connects with: the application role, so every API test runs under RLS;
    the application's own driver options (no statement cache through PgBouncer)."""
    engine = create_app_engine(app_database_url, settings, poolclass=NullPool)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def owner_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """The migrations' owner (a superuser on the embedded server): set-up and clean-up only."""
    engine = create_async_engine(database_url, poolclass=NullPool)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """The test's outer transaction: everything a test writes is rolled back."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        if transaction.is_active:
            await transaction.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker:
    # Each unit of work's commit releases a savepoint inside the outer transaction.
    return async_sessionmaker(
        bind=connection,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )


@pytest.fixture(scope="session")
def shared_app(settings: Settings):
    """One app for the run: building one costs more than most tests (every route's
    dependencies and models, resolved again on a new app's first requests)."""
    return create_app(settings)


@pytest.fixture
def app(shared_app, settings: Settings, sessionmaker: async_sessionmaker):
    """The run's app, serving from this test's transaction, its request guards fresh."""
    serve_from(shared_app, sessionmaker)
    start_request_guards(shared_app, settings)
    return shared_app


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture(scope="session")
def token_service(settings: Settings) -> TokenService:
    return TokenService(settings, KeyRing.from_settings(settings))


@pytest.fixture(scope="session")
def auth(token_service: TokenService) -> Callable[..., dict[str, str]]:
    """auth(org_id, "coordinator", ...) -> Authorization headers; auth(None, "admin") for admins."""

    def make(organization_id: uuid.UUID | str | None, *roles: str, sub: str | None = None):
        token = token_service.issue(
            sub=sub or f"test-{'-'.join(roles)}",
            roles=list(roles),
            organization_id=uuid.UUID(str(organization_id)) if organization_id else None,
        )
        return {"Authorization": f"Bearer {token}"}

    return make
