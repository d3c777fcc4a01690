"""Integrations persistence: webhook endpoints, deliveries and attempts, and the event
feed's reads. Every query of these tables is here; the service, the feed and the worker
say what they want, not how to ask for it."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

import asyncpg
import orjson
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    Text,
    any_,
    bindparam,
    cast,
    delete,
    false,
    func,
    literal,
    or_,
    select,
    text,
    true,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.engine import driver_connection
from app.db.models import (
    CaseEventAudienceRow,
    CaseEventRow,
    WebhookAttemptRow,
    WebhookDeliveryRow,
    WebhookEndpointRow,
)
from app.domain.vocabulary import DeliveryStatus, WebhookStatus

# What a feed item shows of an event (app.cases.feed_item.feed_item).
FEED_COLUMN_NAMES = (
    "seq",
    "transaction_id",
    "type",
    "occurred_at",
    "case_id",
    "case_version",
    "from_status",
    "to_status",
    "actor_sub",
    "actor_organization_id",
    "actor_role",
    "reason",
)
# `data` as text, parsed by orjson (the driver's JSON codec is the stdlib's).
FEED_COLUMNS = (
    *(getattr(CaseEventRow, name) for name in FEED_COLUMN_NAMES),
    cast(CaseEventRow.data, Text).label("data"),
)


class FeedRecord(asyncpg.Record):
    """An event row from the driver, read like an ORM row (`record.seq`)."""

    __slots__ = ()

    @property
    def data(self) -> dict | None:
        text_ = self["data"]
        return None if text_ is None else orjson.loads(text_)


for _name in FEED_COLUMN_NAMES:
    setattr(FeedRecord, _name, property(itemgetter(_name)))


@dataclass(frozen=True)
class _FeedShape:
    """Which of the feed's optional conditions a page has: one statement per shape."""

    own: bool
    every_type: bool
    exact: bool
    families: int
    after: bool
    since: bool
    case: bool


@functools.cache
def _feed_statement(shape: _FeedShape, dialect) -> tuple[str, tuple[str, ...]]:
    """The feed page's SQL for this shape, compiled once (a page is read on the driver's
    connection, where SQLAlchemy's own statement cache does not reach), and the names of
    its parameters in order. The reader's own rows of the feed's index, in order; each
    joined to its event."""
    audience = CaseEventAudienceRow
    position = audience.transaction_id
    readable = position < bindparam("below")
    if shape.own:
        readable = or_(readable, position == bindparam("own"))
    if shape.every_type:
        wanted: ColumnElement[bool] = true()
    else:
        conditions = (
            [CaseEventRow.type == any_(bindparam("types", type_=ARRAY(Text)))]
            if shape.exact
            else []
        )
        conditions += [
            func.starts_with(CaseEventRow.type, bindparam(f"family_{i}", type_=Text))
            for i in range(shape.families)
        ]
        wanted = or_(*conditions) if conditions else false()
    query = (
        select(*FEED_COLUMNS)
        .select_from(audience)
        .join(CaseEventRow, CaseEventRow.seq == audience.seq)
        .where(audience.organization_id == bindparam("organization_id"), readable, wanted)
    )
    if shape.after:
        query = query.where(
            tuple_(position, audience.seq)
            > tuple_(
                bindparam("after_transaction", type_=BigInteger),
                bindparam("after_seq", type_=BigInteger),
            )
        )
    elif shape.since:
        query = query.where(CaseEventRow.occurred_at >= bindparam("since"))
    if shape.case:
        query = query.where(CaseEventRow.case_id == bindparam("case_id"))
    query = query.order_by(position, audience.seq).limit(bindparam("limit", type_=Integer))
    compiled = query.compile(dialect=dialect)
    return compiled.string, tuple(compiled.positiontup)


ACTIVE = WebhookStatus.ACTIVE
PENDING = DeliveryStatus.PENDING


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- endpoints -------------------------------------------------------------------------

    async def count_endpoints(self, organization_id: uuid.UUID) -> int:
        return (
            await self.session.execute(
                select(func.count())
                .select_from(WebhookEndpointRow)
                .where(WebhookEndpointRow.organization_id == organization_id)
            )
        ).scalar_one()

    async def add_endpoint(self, endpoint: WebhookEndpointRow) -> None:
        self.session.add(endpoint)
        await self.session.flush()

    def endpoints_of(self, organization_id: uuid.UUID) -> Select[tuple[WebhookEndpointRow]]:
        return select(WebhookEndpointRow).where(
            WebhookEndpointRow.organization_id == organization_id
        )

    async def endpoint_of(
        self, organization_id: uuid.UUID, endpoint_id: uuid.UUID, *, for_update: bool = False
    ) -> WebhookEndpointRow | None:
        query = self.endpoints_of(organization_id).where(WebhookEndpointRow.id == endpoint_id)
        if for_update:
            query = query.with_for_update()
        return (await self.session.execute(query)).scalar_one_or_none()

    async def endpoint(
        self, endpoint_id: uuid.UUID, *, for_update: bool = False
    ) -> WebhookEndpointRow | None:
        """Any organisation's endpoint: for the system's own work (the worker)."""
        return await self.session.get(WebhookEndpointRow, endpoint_id, with_for_update=for_update)

    async def delete_endpoint(self, endpoint_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(WebhookEndpointRow).where(WebhookEndpointRow.id == endpoint_id)
        )

    async def active_endpoints_to_fan_out(self) -> list[WebhookEndpointRow]:
        """Active endpoints no other worker holds (SKIP LOCKED), each for this one alone."""
        return list(
            (
                await self.session.execute(
                    select(WebhookEndpointRow)
                    .where(WebhookEndpointRow.status == ACTIVE)
                    .order_by(WebhookEndpointRow.id)
                    .with_for_update(skip_locked=True)
                )
            ).scalars()
        )

    async def flush(self) -> None:
        await self.session.flush()

    # -- deliveries and attempts -----------------------------------------------------------

    def deliveries_of(
        self, endpoint_id: uuid.UUID, status: DeliveryStatus | None
    ) -> Select[tuple[WebhookDeliveryRow]]:
        query = select(WebhookDeliveryRow).where(WebhookDeliveryRow.endpoint_id == endpoint_id)
        if status is not None:
            query = query.where(WebhookDeliveryRow.status == status)
        return query

    async def delivery(
        self, delivery_id: uuid.UUID, *, for_update: bool = False
    ) -> WebhookDeliveryRow | None:
        return await self.session.get(WebhookDeliveryRow, delivery_id, with_for_update=for_update)

    async def delivery_of(
        self, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
    ) -> WebhookDeliveryRow | None:
        """One of an endpoint's deliveries, locked for a change."""
        return (
            await self.session.execute(
                select(WebhookDeliveryRow)
                .where(
                    WebhookDeliveryRow.id == delivery_id,
                    WebhookDeliveryRow.endpoint_id == endpoint_id,
                )
                .with_for_update()
            )
        ).scalar_one_or_none()

    async def attempts_of(
        self, delivery_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, list[WebhookAttemptRow]]:
        """Every attempt of these deliveries, in order, by delivery."""
        attempts: dict[uuid.UUID, list[WebhookAttemptRow]] = {id_: [] for id_ in delivery_ids}
        if delivery_ids:
            found = await self.session.execute(
                select(WebhookAttemptRow)
                .where(WebhookAttemptRow.delivery_id.in_(delivery_ids))
                .order_by(WebhookAttemptRow.number)
            )
            for attempt in found.scalars():
                attempts[attempt.delivery_id].append(attempt)
        return attempts

    def add_attempt(self, attempt: WebhookAttemptRow) -> None:
        self.session.add(attempt)

    async def add_deliveries(self, values: list[dict]) -> int:
        """Insert deliveries, skipping an (endpoint, event) pair that exists; how many were new."""
        if not values:
            return 0
        inserted = await self.session.execute(
            insert(WebhookDeliveryRow)
            .values(values)
            .on_conflict_do_nothing(index_elements=["endpoint_id", "event_seq"])
            .returning(WebhookDeliveryRow.id)
        )
        return len(inserted.all())

    async def lock_endpoints_with_due_deliveries(self, now: datetime) -> list[uuid.UUID]:
        """Active endpoints with a delivery due now, locked for this claim: another
        worker claiming for one (or fanning it out) keeps it this time (SKIP LOCKED), so
        no two workers count one endpoint's attempts in flight at once."""
        D = WebhookDeliveryRow
        due = (
            select(literal(1))
            .where(
                D.endpoint_id == WebhookEndpointRow.id,
                D.status == PENDING,
                D.next_attempt_at <= now,
                or_(D.locked_until.is_(None), D.locked_until < now),
            )
            .exists()
        )
        return list(
            (
                await self.session.execute(
                    select(WebhookEndpointRow.id)
                    .where(WebhookEndpointRow.status == ACTIVE, due)
                    .order_by(WebhookEndpointRow.id)
                    .with_for_update(of=WebhookEndpointRow, skip_locked=True, key_share=True)
                )
            ).scalars()
        )

    async def lease_due_deliveries(
        self,
        endpoint_ids: list[uuid.UUID],
        now: datetime,
        until: datetime,
        *,
        per_endpoint: int,
        limit: int,
    ) -> list[tuple[uuid.UUID, str, str, str]]:
        """Lease (`locked_until = until`) up to `limit` due deliveries of these endpoints
        (locked by `lock_endpoints_with_due_deliveries`, in this transaction), each
        endpoint's oldest first and no more than it has room for: `per_endpoint` less
        its leases still running, whichever worker holds them. Rows another transaction
        holds are skipped (SKIP LOCKED). Returns (delivery id, url, secret, body).

        A lease is always taken on a delivery already due, so an endpoint's running
        leases are among its pending rows due by now: one range of the queue's index.
        """
        if not endpoint_ids or limit <= 0:
            return []
        rows = await self.session.execute(
            text(
                """
                WITH claimed AS (
                    SELECT d.id, d.next_attempt_at
                    FROM webhook_endpoints AS e
                    CROSS JOIN LATERAL (
                        SELECT d.id, d.next_attempt_at
                        FROM webhook_deliveries AS d
                        WHERE d.endpoint_id = e.id
                          AND d.status = 'pending'
                          AND d.next_attempt_at <= :now
                          AND (d.locked_until IS NULL OR d.locked_until < :now)
                        ORDER BY d.next_attempt_at
                        LIMIT greatest(:per_endpoint - (
                            SELECT count(*) FROM webhook_deliveries AS f
                            WHERE f.endpoint_id = e.id
                              AND f.status = 'pending'
                              AND f.next_attempt_at <= :now
                              AND f.locked_until >= :now
                        ), 0)
                        FOR UPDATE OF d SKIP LOCKED
                    ) AS d
                    WHERE e.id = ANY(:endpoints)
                    ORDER BY d.next_attempt_at
                    LIMIT :limit
                )
                UPDATE webhook_deliveries AS w
                SET locked_until = :until
                FROM claimed, webhook_endpoints AS e
                WHERE w.id = claimed.id AND e.id = w.endpoint_id
                RETURNING w.id, e.url, e.secret, w.body
                """
            ),
            {
                "now": now,
                "until": until,
                "per_endpoint": per_endpoint,
                "limit": limit,
                "endpoints": endpoint_ids,
            },
        )
        return [(row.id, row.url, row.secret, row.body) for row in rows]

    async def release_lease(self, delivery_id: uuid.UUID) -> None:
        """The delivery was never sent: due again at once, no attempt counted."""
        await self.session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id == delivery_id, WebhookDeliveryRow.status == PENDING)
            .values(locked_until=None)
        )


class EventFeedRepository:
    """The feed's reads of `case_events` and the feed clock (app.integrations.feed decides
    what is safe to read; this only asks)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def horizon(self) -> tuple[int, int | None, int, int | None, int | None]:
        """(oldest running transaction, own transaction if any) as feed positions, and the
        feed's epoch, the previous one and the restore's position (migration 0012)."""
        row = (
            await self.session.execute(
                text(
                    "SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint + c.offset_,"
                    " (pg_current_xact_id_if_assigned()::text)::bigint + c.offset_,"
                    " c.epoch, c.previous_epoch, c.restore_position"
                    " FROM feed_clock AS c WHERE c.id = 1"
                )
            )
        ).one()
        return row[0], row[1], row[2], row[3], row[4]

    async def has_event_at(
        self, organization_id: uuid.UUID, transaction_id: int, seq: int, at: int
    ) -> bool:
        """Is there, in the organisation's feed, an event at this position recorded at this
        second (an event id's values)?"""
        found = await self.session.execute(
            text(
                "SELECT 1 FROM case_event_audience AS a JOIN case_events AS e ON e.seq = a.seq"
                " WHERE a.organization_id = :organization AND a.transaction_id = :transaction"
                " AND a.seq = :seq AND floor(extract(epoch FROM e.occurred_at)) = :at"
            ),
            {"organization": organization_id, "transaction": transaction_id, "seq": seq, "at": at},
        )
        return found.first() is not None

    async def events(
        self,
        organization_id: uuid.UUID,
        *,
        below_transaction: int,
        own_transaction: int | None,
        after: tuple[int, int] | None,
        since: datetime | None,
        exact_types: Sequence[str] | None,
        type_families: Sequence[str],
        case_id: uuid.UUID | None,
        limit: int,
    ) -> list[CaseEventRow]:
        """Up to `limit` events the organisation sees, in (transaction_id, seq) order: of
        ended transactions (or its own), after the position `after`, else since `since`.
        `exact_types` None means every type. Each record has the columns a feed item
        shows (`data` as the database's JSON text: app.cases.feed_item renders
        the item)."""
        shape = _FeedShape(
            own=own_transaction is not None,
            every_type=exact_types is None,
            exact=bool(exact_types),
            families=0 if exact_types is None else len(type_families),
            after=after is not None,
            since=after is None and since is not None,
            case=case_id is not None,
        )
        values = {
            "organization_id": organization_id,
            "below": below_transaction,
            "own": own_transaction,
            "types": list(exact_types or ()),
            **{f"family_{i}": f"{family}." for i, family in enumerate(type_families)},
            "after_transaction": after[0] if after else None,
            "after_seq": after[1] if after else None,
            "since": since,
            "case_id": case_id,
            "limit": limit,
        }
        sql, names = _feed_statement(shape, self.session.bind.dialect)
        driver = await driver_connection(self.session)
        if after is None:
            # A first page is bounded by time, not by position: on a large table the
            # planner reaches for parallel workers, whose start-up (several ms) costs
            # more than the page itself. For this transaction only.
            await driver.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        return await driver.fetch(sql, *(values[name] for name in names), record_class=FeedRecord)
