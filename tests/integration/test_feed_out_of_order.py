"""The event feed never skips an event, even when transactions commit out of order.

These tests commit for real, from several connections, while a reader polls
GET /v1/events through the API; they clean up the events they wrote.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker

from app.main import create_app
from tests.conftest import SYSTEM_CONTEXT

POLL_DEADLINE_SECONDS = 60  # xmin is cluster-wide: another run's transaction may hold it back


@pytest.fixture
def organization_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
async def reader(settings, engine, auth, organization_id) -> AsyncIterator[httpx.AsyncClient]:
    """The API on real commits, as a payer of `organization_id`."""
    app = create_app(
        settings, sessionmaker=async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=auth(organization_id, "payer")
    ) as client:
        yield client


@pytest.fixture
async def cleanup(owner_engine: AsyncEngine, organization_id):
    yield
    async with owner_engine.begin() as connection:
        await connection.execute(SYSTEM_CONTEXT)
        await connection.execute(
            text("DELETE FROM case_events WHERE :org = ANY (visible_to)"), {"org": organization_id}
        )


async def begin_writer(owner_engine: AsyncEngine) -> AsyncConnection:
    connection = await owner_engine.connect()
    await connection.begin()
    await connection.execute(SYSTEM_CONTEXT)
    return connection


async def insert_event(connection: AsyncConnection, organization_id: uuid.UUID) -> int:
    """An event row as the services write them; returns its seq (taken at insert time)."""
    return (
        await connection.execute(
            text(
                "INSERT INTO case_events (type, case_id, case_version, from_status, to_status,"
                " actor_sub, actor_role, visible_to, occurred_at)"
                " VALUES ('case.submitted', :case_id, 2, 'draft', 'submitted', 'writer',"
                " 'referrer', ARRAY[CAST(:org AS uuid)], :at) RETURNING seq"
            ),
            {"case_id": uuid.uuid4(), "org": organization_id, "at": datetime.now(UTC)},
        )
    ).scalar_one()


async def poll(client: httpx.AsyncClient, cursor: str | None, **params) -> dict:
    response = await client.get(
        "/v1/events", params={**params, **({"after": cursor} if cursor else {})}
    )
    assert response.status_code == 200, response.text
    return response.json()


async def read_until(
    client: httpx.AsyncClient, cursor: str | None, count: int, **params
) -> tuple[list[dict], str]:
    """Follow the feed from `cursor` until `count` events have come (or the deadline)."""
    seen: list[dict] = []
    deadline = time.monotonic() + POLL_DEADLINE_SECONDS
    while len(seen) < count and time.monotonic() < deadline:
        page = await poll(client, cursor, **params)
        seen += page["items"]
        cursor = page["next_cursor"]
        if not page["items"]:
            await asyncio.sleep(0.05)
    return seen, cursor


@pytest.mark.usefixtures("cleanup")
async def test_a_transaction_that_started_first_and_commits_last_is_not_skipped(
    owner_engine, reader, organization_id
):
    first = await begin_writer(owner_engine)
    try:
        first_seq = await insert_event(first, organization_id)

        second = await begin_writer(owner_engine)
        second_seq = await insert_event(second, organization_id)
        await second.commit()
        await second.close()
        # The later insert is committed, the earlier one is not: a reader paging by seq
        # would serve `second` now and, its cursor past `first_seq`, never serve `first`.
        assert first_seq < second_seq

        page = await poll(reader, None)
        assert page["items"] == []  # `second` waits behind the transaction still running
        cursor = page["next_cursor"]

        await first.commit()
    finally:
        await first.close()

    events, _ = await read_until(reader, cursor, 2)
    assert len(events) == 2
    # Both come, in transaction order: the one that began first, first.
    ids = [event["id"] for event in events]
    assert len(set(ids)) == 2
    again, _ = await read_until(reader, None, 2)
    assert [event["id"] for event in again] == ids


@pytest.mark.usefixtures("cleanup")
async def test_a_polling_reader_gets_every_event_of_concurrent_writers_exactly_once(
    owner_engine, reader, organization_id
):
    writers, rounds = 12, 3
    committed_seqs: list[int] = []
    rng = random.Random(20260305)

    async def writer(index: int) -> None:
        await asyncio.sleep(rng.uniform(0, 0.05) * index)
        connection = await begin_writer(owner_engine)
        try:
            seq = await insert_event(connection, organization_id)
            # Earlier starters tend to hold on longer: commits come out of order.
            await asyncio.sleep(rng.uniform(0, 0.3))
            if index % 5 == 4:
                await connection.rollback()  # an aborted transaction's event never appears
            else:
                await connection.commit()
                committed_seqs.append(seq)
        finally:
            await connection.close()

    collected: list[dict] = []
    cursor = None
    for _ in range(rounds):
        tasks = [asyncio.create_task(writer(i)) for i in range(writers)]
        # Poll while the writers run, small pages, no pause: the reader races the commits.
        while not all(task.done() for task in tasks):
            page = await poll(reader, cursor, limit=3)
            collected += page["items"]
            cursor = page["next_cursor"]
            await asyncio.sleep(0.01)
        await asyncio.gather(*tasks)

    expected = len(committed_seqs)
    rest, _ = await read_until(reader, cursor, expected - len(collected), limit=3)
    collected += rest
    ids = [event["id"] for event in collected]
    assert len(ids) == expected == len(set(ids))  # every committed event, none twice
    # And in the feed's order, the same a fresh reader sees.
    fresh, _ = await read_until(reader, None, expected, limit=200)
    assert [event["id"] for event in fresh] == ids
