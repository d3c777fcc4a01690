"""Engine and session factory; the database URL is resolved once at start-up."""

from __future__ import annotations

import logging
import time
import uuid

import asyncpg
import orjson
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from app.db.embedded import app_password, ensure_database, ensure_server
from app.db.row_security import APP_ROLE
from app.platform.settings import Settings

log = logging.getLogger(__name__)


def normalise_url(url: str) -> str:
    """Accept the postgres:// and postgresql:// forms operators paste from their providers."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def resolve_owner_url(settings: Settings) -> str:
    """The owner's URL, for migrations: the configured server, or the embedded one under
    CORRIDOR_HOME (started if needed) as its superuser."""
    if settings.database_url:
        return normalise_url(settings.database_url)
    server = ensure_server(settings.home)
    ensure_database(server, "corridor")
    return server.url("corridor")


def resolve_app_url(settings: Settings) -> str:
    """The URL the API serves with: the application role, under row-level security.

    CORRIDOR_APP_DATABASE_URL when set; the embedded server's `corridor_app` role when no
    DATABASE_URL is given; else DATABASE_URL itself.
    """
    if settings.app_database_url:
        return normalise_url(settings.app_database_url)
    if settings.database_url:
        return normalise_url(settings.database_url)
    server = ensure_server(settings.home)
    ensure_database(server, "corridor")
    return server.url("corridor", user=APP_ROLE)


def app_url_for(owner_url: str) -> str:
    """The same database as `owner_url`, as the application role.

    On the embedded server the application role's password is derived from the owner's;
    an owner URL without a password (a server of your own with trust) gives none.
    """
    owner = make_url(owner_url)
    password = app_password(owner.password) if owner.password else None
    return owner.set(username=APP_ROLE, password=password).render_as_string(hide_password=False)


# Migrations (migrations/env.py, `corridor migrate`) run as the owner.
resolve_database_url = resolve_owner_url


class TenantConnection(asyncpg.Connection):
    """asyncpg's connection, able to send a statement with the next BEGIN: the unit of
    work's tenant context goes in the same round trip as the transaction's start
    (`BEGIN;SELECT set_config(...)`, one simple-protocol query), not in one of its own.

    The statement is given by `app.db.unit_of_work` when its session begins (the
    `after_begin` listener), before SQLAlchemy sends the lazy BEGIN; it is dropped when
    the connection goes back to the pool unused."""

    __slots__ = ("begin_prelude",)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.begin_prelude: str | None = None

    async def execute(
        self,
        query: str,
        *args: object,
        timeout: float | None = None,  # noqa: ASYNC109 (asyncpg's signature)
    ) -> str:
        prelude = self.begin_prelude
        if prelude is not None and not args and query.startswith("BEGIN"):
            self.begin_prelude = None
            query = f"{query.rstrip(';')};{prelude}"
        return await super().execute(query, *args, timeout=timeout)

    async def _execute(  # type: ignore[no-untyped-def]
        self,
        query,
        args,
        limit,
        timeout,  # noqa: ASYNC109 (asyncpg's signature)
        **kwargs,
    ):
        # fetch, fetchrow, fetchval and execute with arguments come here. One sent while
        # the context waits for BEGIN would run outside the unit of work's transaction and
        # context: refused.
        if self.begin_prelude is not None and not self.is_in_transaction():
            raise asyncpg.InterfaceError(
                "a statement before the unit of work's BEGIN (use driver_connection())"
            )
        return await super()._execute(query, args, limit, timeout, **kwargs)


def driver_options(settings: Settings) -> dict[str, object]:
    """The driver's connect arguments. Through PgBouncer in transaction mode consecutive
    transactions of one connection may run on different server connections, and 1.18
    keeps no prepared statements for us: SQLAlchemy's cache and asyncpg's own (the hot
    paths that call the driver directly) are off, and every statement gets a name no
    other client uses, so two never collide on one server connection."""
    if settings.database_pooler != "pgbouncer":
        return {"connection_class": TenantConnection}
    return {
        "connection_class": TenantConnection,
        "statement_cache_size": 0,
        "prepared_statement_cache_size": 0,
        "prepared_statement_name_func": _unique_statement_name,
    }


def _unique_statement_name() -> str:
    return f"__corridor_{uuid.uuid4().hex}__"


def create_engine(url: str, settings: Settings, **options: object) -> AsyncEngine:
    """The application's engine; `options` (tests: a NullPool) replace the pool settings."""
    pool = options or {
        "pool_size": settings.database_pool_size,
        "max_overflow": settings.database_max_overflow,
    }
    engine = create_async_engine(
        url,
        **pool,
        connect_args=driver_options(settings),
        # Off by default: with asyncpg a ping is three round trips (BEGIN, a statement,
        # ROLLBACK) on every checkout, where a whole GET takes five. The check below
        # covers the usual case (a restarted server) for free; turn this on where
        # connections can die silently (a proxy or firewall dropping idle ones).
        pool_pre_ping=settings.database_pool_pre_ping,
        # JSONB columns (funding, letters, event data...) parsed by orjson.
        json_deserializer=orjson.loads,
    )
    event.listen(engine.sync_engine, "checkout", _replace_closed_connection)
    event.listen(engine.sync_engine, "checkin", _drop_begin_prelude)
    return engine


def _drop_begin_prelude(dbapi_connection: object, record: ConnectionPoolEntry) -> None:
    """A tenant context that never met its BEGIN (a unit of work that ran no statement)
    must not reach the next user of the connection."""
    driver = record.driver_connection
    if carries_begin_prelude(driver):
        driver.begin_prelude = None


def carries_begin_prelude(driver: object) -> bool:
    """Whether the driver's connection is a TenantConnection. Not `isinstance`: asyncpg's
    metaclass answers True for every asyncpg connection (engines made elsewhere, as
    the CLI's and the tests' own, have plain ones)."""
    return issubclass(type(driver), TenantConnection)


def _replace_closed_connection(
    dbapi_connection: object, record: ConnectionPoolEntry, proxy: PoolProxiedConnection
) -> None:
    """A connection the server closed while it sat in the pool (a restart, a terminated
    backend) is known to the driver already, without a round trip: the pool replaces
    it (DisconnectionError) instead of handing it out to fail its first statement."""
    if record.driver_connection is not None and record.driver_connection.is_closed():
        raise DisconnectionError("the server closed this pooled connection")


async def driver_connection(session: AsyncSession) -> asyncpg.Connection:
    """The asyncpg connection under the session's transaction, tenant context and all:
    for the hottest statements (a case read, its audit row, a feed page), which skip
    SQLAlchemy's compile and result layers. Repositories only.

    SQLAlchemy sends BEGIN lazily, before its own first statement: when the session has
    sent none yet, its transaction is started here (BEGIN and the tenant context, one
    round trip), so a statement on the driver never runs outside it."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    if not driver.is_in_transaction():
        await _start_transaction(raw.dbapi_connection)
    return driver


async def _start_transaction(adapted: object) -> None:
    """SQLAlchemy's asyncpg adapter's own start (so it knows its transaction, commits and
    rolls back as usual); tests/security/test_tenant_context_with_begin.py checks it."""
    async with adapted._execute_mutex:  # type: ignore[attr-defined]
        if adapted._transaction is None:  # type: ignore[attr-defined]
            await adapted._start_transaction()  # type: ignore[attr-defined]


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def database_reachable(sessionmaker: async_sessionmaker[AsyncSession]) -> bool:
    try:
        async with sessionmaker() as session:
            await session.execute(text("SELECT 1"))
        return True
    except Exception:
        log.warning("readiness check: database unreachable")
        return False


# Zero while the replica has replayed all it received; else how old the last replayed
# commit is (an upper bound: the primary may have been idle since). NULL: not a standby.
REPLICA_LAG = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL"
    " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END"
)


class ReadRouting:
    """Where the read-only use cases (the event feed, statistics, the billing export) open
    their unit of work: the replica while its lag is within `max_lag` seconds, else the
    primary. The lag is
    asked at most once per `check_every` seconds per process; a replica that cannot be
    asked counts as lagging."""

    def __init__(
        self,
        primary: async_sessionmaker[AsyncSession],
        replica: async_sessionmaker[AsyncSession] | None = None,
        *,
        max_lag: float = 5.0,
        check_every: float = 1.0,
        clock=time.monotonic,
    ) -> None:
        self.primary = primary
        self.replica = replica
        self.max_lag = max_lag
        self.check_every = check_every
        self.clock = clock
        self._checked_at: float | None = None
        self._replica_fresh = False

    async def for_reads(self) -> async_sessionmaker[AsyncSession]:
        if self.replica is None:
            return self.primary
        now = self.clock()
        if self._checked_at is None or now - self._checked_at >= self.check_every:
            self._checked_at = now
            self._replica_fresh = await self._within_lag()
        return self.replica if self._replica_fresh else self.primary

    async def _within_lag(self) -> bool:
        assert self.replica is not None
        try:
            async with self.replica() as session:
                lag = (await session.execute(text(REPLICA_LAG))).scalar()
        except Exception:
            log.warning("replica unreachable: reads go to the primary")
            return False
        return lag is not None and float(lag) <= self.max_lag
