"""`corridor demo` builds a case in every status through the real API."""

import os

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.demo import PATHS, load_demo
from app.domain.vocabulary import CaseStatus
from tests.conftest import alembic, drop_database, recreate_database


async def test_demo_loads_every_status_once_and_only_once(server_root_url, settings):
    import asyncio

    name = f"corridor_demo_{os.getpid()}"
    url = await asyncio.to_thread(recreate_database, server_root_url, name)
    try:
        await asyncio.to_thread(alembic, url, "upgrade", "heads")
        summary = await load_demo(url, settings)
        assert "one in every status" in summary
        assert set(PATHS) == {status.value for status in CaseStatus}
        engine = create_async_engine(url, poolclass=NullPool)
        async with engine.connect() as connection:
            rows = (
                await connection.execute(text("SELECT status, count(*) FROM cases GROUP BY status"))
            ).all()
        await engine.dispose()
        assert dict(rows) == {status.value: 1 for status in CaseStatus}
        assert await load_demo(url, settings) == "the demo data set is already loaded"
    finally:
        await asyncio.to_thread(drop_database, server_root_url, name)
