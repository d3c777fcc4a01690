"""The event feed read on a streaming replica never skips an event that commits out of
order on the primary (issue 26 part 2, item 3: the horizon on a standby).

A real primary (embedded, of this test's own), a real hot standby made with
`pg_basebackup -R` from the same binaries, streaming from it. Writers commit on the
primary; the feed's own code (app.integrations.feed.feed, in a UnitOfWork as the
application role) reads on the standby. On a standby `pg_current_snapshot()` is built
from the running transactions the WAL reports (every xid up to the newest one seen counts
as running until its commit or abort record is replayed), so its xmin is never above the
primary's: an event of a transaction still running on the primary stays below the horizon.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from app.db.embedded import _psql, ensure_database, ensure_server, stop_server
from app.db.engine import ReadRouting, create_sessionmaker
from app.db.row_security import APP_ROLE
from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import Role
from app.integrations.feed import feed
from app.platform.paging import Cursors
from tests.conftest import alembic, new_server_home
from tests.operations.conftest import corridor_env, request
from tests.operations.test_webhook_delivery import Demo, load_demo, start, wait_for, wait_ready
from tests.replica import Standby, start_standby, wait_replayed

CURSORS = Cursors("replica-feed-test")


class Cluster:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.home = base / "primary"
        self.primary = ensure_server(self.home)
        try:
            ensure_database(self.primary, "corridor")
            alembic(self.primary.url("corridor"), "upgrade", "heads")
            self.standby: Standby = start_standby(self.primary, base / "replica")
        except BaseException:
            stop_server(self.home)
            raise

    def stop(self) -> None:
        self.standby.stop()
        stop_server(self.home)
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster(new_server_home("replica-feed"))
    yield cluster
    cluster.stop()


@pytest.fixture
async def engines(cluster: Cluster) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    """(the owner on the primary, the application role on the standby)."""
    owner = create_async_engine(cluster.primary.url("corridor"), poolclass=NullPool)
    replica = create_async_engine(
        cluster.standby.url("corridor", user=APP_ROLE), poolclass=NullPool
    )
    yield owner, replica
    await owner.dispose()
    await replica.dispose()


async def begin_writer(owner: AsyncEngine) -> AsyncConnection:
    connection = await owner.connect()
    await connection.begin()
    await connection.execute(text("SELECT set_config('corridor.system', 'on', true)"))
    return connection


async def insert_event(connection: AsyncConnection, organization_id: uuid.UUID) -> int:
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


async def read_on_replica(
    replica: AsyncEngine, organization_id: uuid.UUID, cursor: str | None, limit: int = 100
) -> tuple[list[int], str]:
    """One feed page, read on the standby: the events' seqs and the next cursor."""
    principal = Principal(
        sub="payer", organization_id=organization_id, roles=frozenset({Role.PAYER})
    )
    async with UnitOfWork(create_sessionmaker(replica), principal, cursors=CURSORS) as uow:
        page = await feed(
            uow, principal, after=cursor, types=None, case_id=None, limit=limit, retention_days=400
        )
    return [row.seq for row, _ in page.items], page.next_cursor


async def replayed(cluster: Cluster) -> None:
    await asyncio.to_thread(wait_replayed, cluster.primary, cluster.standby)


async def test_the_standby_is_read_only_and_streams(cluster, engines):
    _, replica = engines
    async with replica.connect() as connection:
        in_recovery = (await connection.execute(text("SELECT pg_is_in_recovery()"))).scalar()
        assert in_recovery is True
        # The feed's horizon statement runs on a standby (no xid is assigned there).
        xmin = (
            await connection.execute(
                text("SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint")
            )
        ).scalar()
        assert xmin > 0


async def test_on_the_standby_a_transaction_that_commits_last_is_not_skipped(cluster, engines):
    owner, replica = engines
    organization_id = uuid.uuid4()
    first = await begin_writer(owner)
    try:
        first_seq = await insert_event(first, organization_id)
        second = await begin_writer(owner)
        second_seq = await insert_event(second, organization_id)
        await second.commit()
        await second.close()
        assert first_seq < second_seq
        await replayed(cluster)

        # `second` is committed and replayed on the standby; `first` still runs on the
        # primary: the standby's horizon holds `second` back too.
        seqs, cursor = await read_on_replica(replica, organization_id, None)
        assert seqs == []
        await first.commit()
    finally:
        await first.close()
    await replayed(cluster)
    seqs, _ = await read_on_replica(replica, organization_id, cursor)
    assert sorted(seqs) == [first_seq, second_seq]


async def test_a_reader_on_the_standby_gets_every_event_of_concurrent_writers_once(
    cluster, engines
):
    owner, replica = engines
    organization_id = uuid.uuid4()
    rng = random.Random(20261206)
    committed: list[int] = []

    async def writer(index: int) -> None:
        await asyncio.sleep(rng.uniform(0, 0.05) * index)
        connection = await begin_writer(owner)
        try:
            seq = await insert_event(connection, organization_id)
            await asyncio.sleep(rng.uniform(0, 0.3))  # commits come out of order
            if index % 5 == 4:
                await connection.rollback()
            else:
                await connection.commit()
                committed.append(seq)
        finally:
            await connection.close()

    collected: list[int] = []
    cursor = None
    for _ in range(3):
        tasks = [asyncio.create_task(writer(i)) for i in range(12)]
        while not all(task.done() for task in tasks):
            seqs, cursor = await read_on_replica(replica, organization_id, cursor, limit=3)
            collected += seqs
            await asyncio.sleep(0.01)
        await asyncio.gather(*tasks)
    await replayed(cluster)
    while True:
        seqs, cursor = await read_on_replica(replica, organization_id, cursor, limit=3)
        if not seqs:
            break
        collected += seqs
    assert len(collected) == len(set(collected))  # none twice
    assert sorted(collected) == sorted(committed)  # every committed one, no aborted one


def _feed_page(demo, serving, after: str | None = None) -> dict:
    path = "/v1/events?limit=200" + (f"&after={after}" if after else "")
    status, _, page = request(
        serving.port, "GET", path, None, demo.headers("chu_martinique", "coordinator")
    )
    assert status == 200, page
    return page


def _feed_case_ids(demo, serving) -> set[str]:
    return {item["case_id"] for item in _feed_page(demo, serving)["items"]}


def test_serve_reads_the_feed_on_a_fresh_replica_and_on_the_primary_past_the_lag(cluster):
    """`corridor serve` with CORRIDOR_REPLICA_DATABASE_URL: the feed comes from the standby
    while its lag is within CORRIDOR_REPLICA_MAX_LAG_SECONDS, from the primary beyond (and
    each read's audit row is written on the primary: the standby is read-only)."""
    replica_url = cluster.standby.url("corridor", user=APP_ROLE)
    env = corridor_env(cluster.home)
    demo = Demo(0, load_demo(env, cluster.home))
    patient = {**env, "CORRIDOR_REPLICA_DATABASE_URL": replica_url}
    servers = {
        "patient": start(
            {**patient, "CORRIDOR_REPLICA_MAX_LAG_SECONDS": "3600"},
            cluster.home,
            "serve",
            "--no-worker",
            name="patient",
        ),
        "strict": start(
            {**patient, "CORRIDOR_REPLICA_MAX_LAG_SECONDS": "0.5"},
            cluster.home,
            "serve",
            "--no-worker",
            name="strict",
        ),
    }
    try:
        patient_server, strict_server = (wait_ready(s) for s in servers.values())
        demo.port = patient_server.port
        first = demo.refer()
        wait_replayed(cluster.primary, cluster.standby)
        time.sleep(1.2)  # past each process's lag check interval (1 s)
        assert first in _feed_case_ids(demo, patient_server)
        assert first in _feed_case_ids(demo, strict_server)
        # Statistics read on the standby too (the caller checked, then the system context).
        status, _, flows = request(
            patient_server.port,
            "GET",
            "/v1/stats/flows",
            None,
            demo.headers("ors_antilles", "coordinator"),
        )
        assert status == 200, flows

        superuser = cluster.primary.superuser_password
        _psql(cluster.standby.port, superuser, "postgres", "SELECT pg_wal_replay_pause()")
        try:
            second = demo.refer()
            time.sleep(1.5)  # the strict server's replica is now older than 0.5 s
            # The patient server reads the standby, which has not replayed `second`.
            assert second not in _feed_case_ids(demo, patient_server)
            # The strict one has passed over the lagging standby: the primary has it.
            assert second in _feed_case_ids(demo, strict_server)
            # A cursor the primary handed out, past what the standby has replayed: on the
            # standby an empty page and the same cursor, not 410 (a proxy may send one
            # reader's polls to either process).
            ahead = _feed_page(demo, strict_server)["next_cursor"]
            page = _feed_page(demo, patient_server, after=ahead)
            assert (page["items"], page["next_cursor"]) == ([], ahead)
        finally:
            _psql(cluster.standby.port, superuser, "postgres", "SELECT pg_wal_replay_resume()")
        wait_replayed(cluster.primary, cluster.standby)
        wait_for(
            lambda: second in _feed_case_ids(demo, patient_server),
            "the replica did not catch up",
            deadline_seconds=60,
        )
        for serving in servers.values():
            assert "read-only transaction" not in serving.log_path.read_text()
    finally:
        for serving in servers.values():
            serving.stop()


async def test_reads_go_to_the_primary_when_the_replica_cannot_be_asked(cluster, engines):
    """ReadRouting: a replica that is down (nothing listens on its port) is passed over."""
    owner, replica = engines
    primary = create_sessionmaker(owner)
    down = create_async_engine(
        cluster.standby.url("corridor", user=APP_ROLE).replace(
            f":{cluster.standby.port}/", f":{_closed_port()}/"
        ),
        poolclass=NullPool,
    )
    try:
        assert await ReadRouting(primary, create_sessionmaker(down)).for_reads() is primary
        fresh = create_sessionmaker(replica)
        assert await ReadRouting(primary, fresh).for_reads() is fresh
        # The primary itself named as a replica is no standby: not used as one.
        assert await ReadRouting(primary, create_sessionmaker(owner)).for_reads() is primary
    finally:
        await down.dispose()


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
