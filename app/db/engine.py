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


def driver_options(settings: Settings) -> dict[str, object]:
    """The driver's connect arguments. Through PgBouncer in transaction mode consecutive
    transactions of one connection may run on different server connections, and 1.18
    keeps no prepared statements for us: SQLAlchemy's cache and asyncpg's own (the hot
    paths that call the driver directly) are off, and every statement gets a name no
    other client uses, so two never collide on one server connection."""
    if settings.database_pooler != "pgbouncer":
        return {}
    return {
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
    return engine


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
    SQLAlchemy's compile and result layers. Repositories only."""
    connection = await session.connection()
    return (await connection.get_raw_connection()).driver_connection


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
