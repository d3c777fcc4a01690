"""Engine and session factory; the database URL is resolved once at start-up."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.db.embedded import ensure_database, ensure_server
from app.settings import Settings

log = logging.getLogger(__name__)


def normalise_url(url: str) -> str:
    """Accept the postgres:// and postgresql:// forms operators paste from their providers."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def resolve_database_url(settings: Settings) -> str:
    """The configured server, or the embedded one under CORRIDOR_HOME (started if needed)."""
    if settings.database_url:
        return normalise_url(settings.database_url)
    server = ensure_server(settings.home)
    ensure_database(server, "corridor")
    return server.url("corridor")


def create_engine(url: str, settings: Settings) -> AsyncEngine:
    return create_async_engine(
        url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        pool_pre_ping=True,
    )


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
