"""The integrators' event feed: an organisation's events, oldest first, never skipping one.

Events are rows of `case_events`, written in the transaction of the change they
record. Their `seq` is taken when the row is inserted, not when the transaction
commits, so a transaction that started first may commit last: a reader that
paged by `seq` would already have moved past its event. The feed therefore

- orders by (transaction_id, seq), the writer's transaction id first, and
- reads only events of transactions below the oldest transaction still running,
  `pg_snapshot_xmin(pg_current_snapshot())`: every transaction below it has
  committed or aborted, so no event can appear there later.

Both are feed positions: transaction ids plus the database's offset (`feed_clock`),
which a restore into another server raises above every restored event, so cursors
and the gap-free order outlive the server (migration 0004_feed_clock).

An event committed late is thus served late, in its transaction's place, which
is always after the cursor of any reader that has not seen it yet. A reader
also sees its own transaction's events (read-your-writes); a request that only
reads has no transaction id, so this never applies to the API's GET.

A page's next cursor is (transaction_id, seq) plus the time it was handed out and
the feed's epoch, signed (app.platform.paging): one signature per page. An event's id
is the same position with the event's own time, in the clear
(`<transaction_id>.<seq>.<unix seconds>`: ids stay stable, across restores too). An id
given as `after` carries no authority either, but it must name an event of the
reader's feed: a made-up one is 422 `invalid_cursor` (one indexed look-up, only for
a reader resuming from an id). Event ids signed like cursors (before issue 26) are still
read. The feed serves `event_retention_days`: a cursor
older than that answers 410 `cursor_expired` (its reader was away longer than the
window), and a reader without a cursor starts at the window's beginning.

A restore takes the feed back to the backup's moment, and new events are written above
the restored ones: a cursor handed out after the backup may lie above them, and its
reader would get empty pages while they pile up below it. So a restore starts a new
epoch (migration 0012_feed_epoch) and `check_position` answers 410 `cursor_expired`
for a cursor that could miss an event: one of an older epoch unless it lies at or below
the restore's position (then nothing was written below it since), one beyond the head
of the feed, and an event id above the restore's position whose event this database
does not hold.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.db.models import CaseEventRow
from app.db.repositories.integrations import EventFeedRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import ALL_EVENT_TYPES
from app.platform.clock import now_utc
from app.platform.errors import Gone, InvalidRequest
from app.platform.paging import Cursors, InvalidCursor

EVENT_TYPES = ALL_EVENT_TYPES
EVENT_FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(t.split(".")[0] for t in EVENT_TYPES))
WILDCARD = "*"

_CURSOR_KIND = "events"
# An event's id: its position and its own time, in the clear.
_EVENT_ID = re.compile(r"([0-9]{1,19})\.([0-9]{1,19})\.([0-9]{1,11})")


@dataclass(frozen=True)
class TypeFilter:
    """Which event types a reader wants: exact names, `family.*`, or `*` for all."""

    exact: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    everything: bool = True

    @classmethod
    def parse(cls, values: Iterable[str] | None) -> TypeFilter:
        names = [
            name.strip() for value in values or () for name in value.split(",") if name.strip()
        ]
        if not names or WILDCARD in names:
            return cls()
        exact: list[str] = []
        families: list[str] = []
        for name in names:
            if name.endswith(".*") and name[:-2] in EVENT_FAMILIES:
                families.append(name[:-2])
            elif name in EVENT_TYPES:
                exact.append(name)
            else:
                raise InvalidRequest(
                    f"Unknown event type '{name[:60]}'; use a type such as case.accepted, "
                    "a family such as claim.*, or *.",
                    code="unknown_event_type",
                )
        return cls(tuple(dict.fromkeys(exact)), tuple(dict.fromkeys(families)), False)

    @property
    def names(self) -> list[str]:
        if self.everything:
            return [WILDCARD]
        return [*self.exact, *(f"{family}.*" for family in self.families)]

    def matches(self, event_type: str) -> bool:
        return (
            self.everything or event_type in self.exact or event_type.split(".")[0] in self.families
        )


@dataclass(frozen=True)
class Position:
    """A place in the feed: after (transaction_id, seq). `at` orders nothing: it is for
    the retention check (a reader idle for longer than the window starts again): when a
    page's cursor was handed out, or an event id's own time. `epoch`: the feed's epoch
    a page's cursor was handed out in; None in an event's id."""

    transaction_id: int
    seq: int
    at: datetime
    epoch: int | None = None
    # Given as an event id in the clear: it must name an event of the reader's feed.
    unsigned: bool = field(default=False, compare=False)

    def key(self) -> tuple[int, int]:
        return (self.transaction_id, self.seq)

    def event_id(self) -> str:
        """The id of the event at this position (`at`: the event's own time)."""
        return f"{self.transaction_id}.{self.seq}.{int(self.at.timestamp())}"

    def encode(self, cursors: Cursors) -> str:
        values = [self.transaction_id, self.seq, int(self.at.timestamp())]
        return cursors.encode(_CURSOR_KIND, values if self.epoch is None else [*values, self.epoch])

    @classmethod
    def decode(cls, cursors: Cursors, cursor: str) -> Position:
        clear = _EVENT_ID.fullmatch(cursor)
        if clear is not None:
            transaction_id, seq, at = (int(value) for value in clear.groups())
            if transaction_id >= 2**63 or seq >= 2**63:
                raise InvalidCursor()
            try:
                moment = datetime.fromtimestamp(at, UTC)
            except (OverflowError, OSError, ValueError):
                raise InvalidCursor() from None
            return cls(transaction_id, seq, moment, None, unsigned=True)
        values = cursors.decode(cursor, _CURSOR_KIND, (3, 4))
        if not all(
            isinstance(value, int) and not isinstance(value, bool) and value >= 0
            for value in values
        ):
            raise InvalidCursor()
        transaction_id, seq, at, *epoch = values
        try:
            moment = datetime.fromtimestamp(at, UTC)
        except (OverflowError, OSError, ValueError):
            raise InvalidCursor() from None
        return cls(transaction_id, seq, moment, epoch[0] if epoch else None)

    @classmethod
    def of(cls, row: CaseEventRow, at: datetime, epoch: int | None = None) -> Position:
        return cls(row.transaction_id, row.seq, at, epoch)


def event_id(row: CaseEventRow) -> str:
    """An event's id: `<transaction_id>.<seq>.<unix seconds of occurred_at>`."""
    return f"{row.transaction_id}.{row.seq}.{int(row.occurred_at.timestamp())}"


@dataclass(frozen=True)
class Horizon:
    """What a reader may safely read now: transactions below `oldest_running` have all
    ended; `own` is the reader's own transaction id, if it has one. And the feed's
    epoch, the one before the last restore and that restore's position."""

    oldest_running: int
    own: int | None
    epoch: int = 1
    previous_epoch: int | None = None
    restore_position: int | None = None


async def horizon(uow: UnitOfWork) -> Horizon:
    return Horizon(*await uow.repository(EventFeedRepository).horizon())


def _expired_by_restore() -> Gone:
    return Gone(
        "This cursor does not belong to the feed as it is now: the database was restored "
        "from a backup taken before the cursor was handed out (or the cursor comes from "
        "another server), so events may lie behind it. Read again from the beginning "
        "(omit `after`) and skip the event ids you have already processed; see "
        "docs/operations.md, Restore.",
        code="cursor_expired",
    )


async def check_position(
    uow: UnitOfWork, organization_id: uuid.UUID, position: Position, bound: Horizon
) -> None:
    """410 `cursor_expired` for a position an event may lie behind unseen (module doc);
    422 `invalid_cursor` for an event id in the clear that names no event of the feed."""
    restored = bound.restore_position
    below_restore = restored is not None and position.transaction_id <= restored
    if position.unsigned and not await uow.repository(EventFeedRepository).has_event_at(
        organization_id, position.transaction_id, position.seq, int(position.at.timestamp())
    ):
        if restored is not None and not below_restore:
            # An event id above the restore that names no event here: one the old server
            # wrote after the backup.
            raise _expired_by_restore()
        raise InvalidCursor()
    if position.epoch is not None and position.epoch != bound.epoch:
        if position.epoch == bound.previous_epoch and below_restore:
            return  # handed out before the backup: nothing was written below it since
        raise _expired_by_restore()
    if position.epoch is None and below_restore:
        return  # an event id, of whichever server: nothing was written below it since
    if position.transaction_id > bound.oldest_running and position.transaction_id != bound.own:
        # Beyond the head of the feed: not this feed's. The reader's own transaction is
        # (read-your-writes), however old the oldest other transaction running.
        raise _expired_by_restore()
    if (
        position.epoch is None
        and not position.unsigned  # looked up above
        and restored is not None
        and not await uow.repository(EventFeedRepository).has_event_at(
            organization_id, position.transaction_id, position.seq, int(position.at.timestamp())
        )
    ):
        # An event id above the restore that names no event here: one the old server
        # wrote after the backup.
        raise _expired_by_restore()


@dataclass(frozen=True)
class FeedPage:
    items: list[tuple[CaseEventRow, str]]  # each event with its id
    next_position: Position
    next_cursor: str


async def read_feed(
    uow: UnitOfWork,
    organization_id: uuid.UUID,
    *,
    after: Position | None,
    types: TypeFilter,
    limit: int,
    retention_days: int,
    case_id: uuid.UUID | None = None,
    enforce_retention: bool = True,
    bound: Horizon | None = None,
) -> FeedPage:
    """One page of an organisation's events after `after`, with the cursor to read on.

    The horizon is read first, in its own statement: every transaction below it had
    ended by then, so a later snapshot sees all their events too, and the page never
    claims to have covered an event it could not see. `bound`: that horizon, if the
    caller has read it already.
    """
    now = now_utc()
    cutoff = now - timedelta(days=retention_days)
    if enforce_retention and after is not None and after.at < cutoff:
        raise Gone(
            f"This cursor is older than the feed's {retention_days}-day window; "
            "start again without `after` and reconcile from the resources.",
            code="cursor_expired",
        )
    cursors = uow.cursors
    if bound is None:
        bound = await horizon(uow)
    epoch = bound.epoch
    rows = await uow.repository(EventFeedRepository).events(
        organization_id,
        below_transaction=bound.oldest_running,
        own_transaction=bound.own,
        after=after.key() if after is not None else None,
        since=cutoff,
        exact_types=None if types.everything else types.exact,
        type_families=types.families,
        case_id=case_id,
        limit=limit + 1,
    )

    # An event's id is its position in the clear, with the event's time: stable. The
    # page's next cursor, the one signature of the page, carries the time it was handed
    # out instead: events are in commit order, and one recorded with an old time (entered
    # late, restored, bulk-loaded) must not make the reader's next cursor look expired.
    items = [(row, event_id(row)) for row in rows[:limit]]
    if len(rows) > limit:
        last = Position.of(rows[limit - 1], now, epoch)
        return FeedPage(items, last, last.encode(cursors))
    # The whole readable range has been scanned: move the cursor to the horizon even on
    # an empty page, so a quiet reader's cursor stays young.
    candidates = [Position(bound.oldest_running, 0, now, epoch)]
    if after is not None:
        candidates.append(Position(after.transaction_id, after.seq, now, epoch))
    if rows:
        candidates.append(Position(rows[-1].transaction_id, rows[-1].seq, now, epoch))
    position = max(candidates, key=Position.key)
    return FeedPage(items, position, position.encode(cursors))


async def start_position(uow: UnitOfWork) -> Position:
    """The feed's present: a reader starting here receives only events committed from now."""
    bound = await horizon(uow)
    return Position(bound.oldest_running, 0, now_utc(), bound.epoch)


async def feed(
    uow: UnitOfWork,
    principal: Principal,
    *,
    after: str | None,
    types: list[str] | None,
    case_id: uuid.UUID | None,
    limit: int,
    retention_days: int,
) -> FeedPage:
    position = Position.decode(uow.cursors, after) if after else None
    type_filter = TypeFilter.parse(types)
    if principal.organization_id is None:
        # Admins belong to no organisation and see no case, hence no event.
        if position is None:
            position = await start_position(uow)
        return FeedPage([], position, position.encode(uow.cursors))
    bound = await horizon(uow)
    if position is not None:
        if (
            uow.reads_replica
            and position.epoch in (None, bound.epoch)
            and position.transaction_id > bound.oldest_running
        ):
            # A replica behind this cursor (handed out by the primary or a fresher replica):
            # nothing new here yet, the same cursor to come back with.
            return FeedPage([], position, after or position.encode(uow.cursors))
        await check_position(uow, principal.organization_id, position, bound)
    return await read_feed(
        uow,
        principal.organization_id,
        after=position,
        types=type_filter,
        limit=limit,
        retention_days=retention_days,
        case_id=case_id,
        bound=bound,
    )
