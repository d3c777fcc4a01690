"""Migrations are tested on every run: down to nothing and up again, and they match the models."""

import asyncio
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

import app.models  # noqa: F401
from app.models.base import Base
from tests.conftest import alembic, drop_database, recreate_database


@pytest.fixture(scope="module")
def scratch_url(server_root_url):
    name = f"corridor_migrations_{os.getpid()}"
    yield recreate_database(server_root_url, name)
    drop_database(server_root_url, name)


def _diff(url: str) -> list:
    async def run():
        engine = create_async_engine(url, poolclass=NullPool)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
        await engine.dispose()
        return diff

    return asyncio.run(run())


def test_upgrade_downgrade_upgrade_and_models_match(scratch_url):
    alembic(scratch_url, "upgrade", "heads")
    assert _diff(scratch_url) == []
    alembic(scratch_url, "downgrade", "base")
    alembic(scratch_url, "upgrade", "heads")
    assert _diff(scratch_url) == []
