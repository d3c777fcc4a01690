"""The caller's tenant context travels with BEGIN (issue 26, part 1): one round trip for
the transaction's start and row-level security's context, on the application's own
pooled engine (the API tests' savepoint sessions join a transaction already begun and
take the parameterised path). Still transaction-local, so a pooled connection, or a
PgBouncer server connection in transaction mode, never carries it to the next user."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from app.db.engine import TenantConnection, create_engine, create_sessionmaker, driver_connection
from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import Role

CONTEXT = text(
    "SELECT current_setting('corridor.organization_id', true),"
    " current_setting('corridor.is_admin', true),"
    " current_setting('corridor.system', true)"
)


@pytest.fixture
async def pooled(app_database_url: str, settings) -> AsyncIterator[AsyncEngine]:
    """One pooled connection: every unit of work below reuses the same backend."""
    engine = create_engine(app_database_url, settings, pool_size=1, max_overflow=0)
    yield engine
    await engine.dispose()


def _caller(org: uuid.UUID, *roles: Role) -> Principal:
    return Principal(sub="context-test", organization_id=org, roles=frozenset(roles))


async def _logged(uow: UnitOfWork) -> tuple[TenantConnection, list[str]]:
    """Every statement sent on the unit of work's connection: SQLAlchemy's (prepared, so
    asyncpg's query log misses them) and the driver's own (BEGIN, COMMIT...)."""
    connection = await uow.session.connection()
    driver = (await connection.get_raw_connection()).driver_connection
    queries: list[str] = []
    driver.add_query_logger(lambda record: queries.append(record.query))

    def cursor(conn, cursor, statement, parameters, context, executemany) -> None:
        queries.append(statement)

    event.listen(connection.sync_connection, "before_cursor_execute", cursor)
    return driver, queries


async def test_begin_carries_the_callers_context_in_one_round_trip(pooled):
    org = uuid.uuid4()
    sessionmaker = create_sessionmaker(pooled)
    async with UnitOfWork(sessionmaker, _caller(org, Role.COORDINATOR)) as uow:
        driver, queries = await _logged(uow)
        assert type(driver) is TenantConnection
        row = (await uow.session.execute(CONTEXT)).one()
        await uow.commit()
    await asyncio.sleep(0.05)  # asyncpg calls its query loggers soon, not at once
    assert tuple(row) == (str(org), "off", "")
    # BEGIN and the context in one query, then the statement, then COMMIT: no round trip
    # of the context's own.
    assert len(queries) == 3, queries
    # (asyncpg's log comes after SQLAlchemy's, which is synchronous: sorted by kind.)
    begins = [query for query in queries if query.startswith("BEGIN")]
    assert begins == [begins[0]]
    assert begins[0].startswith("BEGIN;SELECT set_config('corridor.organization_id'")
    assert [query for query in queries if "set_config" in query] == begins
    assert "COMMIT;" in queries


async def test_the_context_is_transaction_local_and_an_unused_one_is_dropped(pooled):
    sessionmaker = create_sessionmaker(pooled)
    first, second = uuid.uuid4(), uuid.uuid4()
    async with UnitOfWork(sessionmaker, _caller(first, Role.ADMIN)) as uow:
        row = (await uow.session.execute(CONTEXT)).one()
        await uow.commit()
    assert tuple(row) == (str(first), "on", "")
    # A unit of work that sends nothing leaves its context waiting for a BEGIN that never
    # comes: the pool drops it when the connection comes back.
    async with UnitOfWork(sessionmaker, _caller(second, Role.COORDINATOR)) as uow:
        await uow.session.connection()
    async with pooled.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver.begin_prelude is None
        row = (await connection.execute(CONTEXT)).one()
    # Neither the committed caller's context nor the unused one: nobody's.
    assert row[0] in (None, "")
    assert row[2] in (None, "")


async def test_the_drivers_connection_is_inside_the_transaction_and_its_context(pooled):
    """The hot paths (the whole case, the audit row, a feed page) send their statement on
    the driver's connection first: the transaction and the context start there."""
    org = uuid.uuid4()
    sessionmaker = create_sessionmaker(pooled)
    async with UnitOfWork(sessionmaker, _caller(org, Role.COORDINATOR)) as uow:
        driver = await driver_connection(uow.session)
        assert driver.is_in_transaction()
        assert await driver.fetchval("SELECT current_setting('corridor.organization_id')") == str(
            org
        )
        # Rolled back by default (no commit): the context goes with the transaction.
    async with pooled.connect() as connection:
        row = (await connection.execute(CONTEXT)).one()
    assert row[0] in (None, "")


async def test_the_system_context_token_never_travels_as_query_text(pooled):
    """The system context's token goes as a parameter of its own statement: a backend's
    last query text (pg_stat_activity) must never show it."""
    sessionmaker = create_sessionmaker(pooled)
    async with UnitOfWork.system(sessionmaker) as uow:
        _, queries = await _logged(uow)
        row = (await uow.session.execute(CONTEXT)).one()
        await uow.commit()
    await asyncio.sleep(0.05)
    assert row[2] not in (None, "", "on")
    assert all(row[2] not in query for query in queries)


async def test_a_statement_before_begin_on_the_driver_is_refused(pooled):
    """Only driver_connection() hands the driver out: a statement that slipped past it
    would run outside the transaction and its context."""
    sessionmaker = create_sessionmaker(pooled)
    async with UnitOfWork(sessionmaker, _caller(uuid.uuid4(), Role.COORDINATOR)) as uow:
        connection = await uow.session.connection()
        driver = (await connection.get_raw_connection()).driver_connection
        assert not driver.is_in_transaction()
        with pytest.raises(Exception, match="before the unit of work's BEGIN"):
            await driver.fetchval("SELECT 1")


async def test_an_engine_with_plain_driver_connections_still_gets_the_context(
    direct_app_database_url,
):
    """Engines made elsewhere (the CLI's, the tests' own) have asyncpg's plain connections,
    which asyncpg's metaclass calls instances of any subclass: they take the
    parameterised statement, never the BEGIN path. (Direct, never through PgBouncer: a
    plain engine's named statements would stay on the pooler's server connections.)"""
    engine = create_async_engine(direct_app_database_url, poolclass=NullPool)
    org = uuid.uuid4()
    try:
        async with UnitOfWork(create_sessionmaker(engine), _caller(org, Role.COORDINATOR)) as uow:
            connection = await uow.session.connection()
            driver = (await connection.get_raw_connection()).driver_connection
            assert type(driver) is not TenantConnection
            row = (await uow.session.execute(CONTEXT)).one()
    finally:
        await engine.dispose()
    assert tuple(row) == (str(org), "off", "")
