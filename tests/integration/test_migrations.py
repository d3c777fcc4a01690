"""Migrations are tested on every run: down to nothing and up again, and they match the models."""

import asyncio
import importlib.util
import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

import app.db.models  # noqa: F401
from app.db.models.base import Base
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


def _milestones_migration():
    path = Path(__file__).parents[2] / "migrations/versions/0015_case_milestones.py"
    spec = importlib.util.spec_from_file_location("case_milestones_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_upgrading_past_0009_backfills_the_milestones_of_cases_made_before(scratch_url):
    """Cases and events written at 0008, then the upgrade: each case's milestones are the
    first time its events reached them."""
    migration = _milestones_migration()
    alembic(scratch_url, "upgrade", "heads")
    alembic(scratch_url, "downgrade", migration.down_revision)
    day = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    org, held, walk_in, draft = (uuid.uuid4() for _ in range(4))
    # (case, type, from, to, day): accepted on day 2, held, resumed (not a new acceptance),
    # funded, arrived, admitted; a walk-in created admitted (no journey); a draft.
    events = [
        (held, "case.created", None, "draft", 0),
        (held, "case.submitted", "draft", "submitted", 1),
        (held, "case.accepted", "submitted", "accepted", 2),
        (held, "case.held", "accepted", "on_hold", 3),
        (held, "case.resumed", "on_hold", "accepted", 4),
        (held, "case.funding_approved", "accepted", "funding_approved", 5),
        (held, "case.transfer_scheduled", "funding_approved", "transfer_scheduled", 6),
        (held, "case.arrived", "transfer_scheduled", "arrived", 7),
        (held, "case.admitted", "arrived", "admitted", 8),
        (walk_in, "case.created", None, "admitted", 0),
        (draft, "case.created", None, "draft", 0),
    ]

    async def write_and_read(step):
        engine = create_async_engine(scratch_url, poolclass=NullPool)
        async with engine.begin() as connection:
            result = await step(connection)
        await engine.dispose()
        return result

    async def write(connection):
        await connection.execute(
            text(
                "INSERT INTO organizations (id, name, kind, country)"
                " VALUES (:id, 'H', 'receiving_facility', 'MQ')"
            ),
            {"id": org},
        )
        for number, (case_id, status) in enumerate(
            ((held, "admitted"), (walk_in, "admitted"), (draft, "draft"))
        ):
            await connection.execute(
                text(
                    "INSERT INTO cases (id, reference, status, version, priority,"
                    " referring_organization_id) VALUES (:id, :ref, :status, 1, 'routine', :org)"
                ),
                {"id": case_id, "ref": f"M-{number}", "status": status, "org": org},
            )
        for case_id, type_, from_status, to_status, days in events:
            await connection.execute(
                text(
                    "INSERT INTO case_events (type, case_id, case_version, from_status,"
                    " to_status, actor_sub, visible_to, occurred_at) VALUES (:type, :case_id,"
                    " 1, :from_status, :to_status, 'someone', ARRAY[CAST(:org AS uuid)], :at)"
                ),
                {
                    "type": type_,
                    "case_id": case_id,
                    "from_status": from_status,
                    "to_status": to_status,
                    "org": org,
                    "at": day + timedelta(days=days),
                },
            )

    async def read(connection):
        rows = await connection.execute(
            text(f"SELECT id, {', '.join(migration.COLUMNS)} FROM cases")
        )
        return {row[0]: dict(zip(migration.COLUMNS, row[1:], strict=True)) for row in rows}

    asyncio.run(write_and_read(write))
    alembic(scratch_url, "upgrade", "heads")
    milestones = asyncio.run(write_and_read(read))
    assert milestones[held] == {
        "submitted_at": day + timedelta(days=1),
        "accepted_at": day + timedelta(days=2),
        "decided_at": day + timedelta(days=2),
        "funding_approved_at": day + timedelta(days=5),
        "arrived_at": day + timedelta(days=7),
    }
    assert set(milestones[walk_in].values()) == {None}
    assert set(milestones[draft].values()) == {None}
