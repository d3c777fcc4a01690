"""The feed item: one case event as the integrators' feed, webhooks and the case timeline
render it. One rendering (`feed_item_json`), used by the feed's route, the delivery
worker and `app.cases.presenters.timeline_event`, so a webhook carries exactly what the
feed serves."""

from __future__ import annotations

import asyncpg
import orjson

from app.cases.schemas import CaseEvent
from app.db.models import CaseEventRow


def feed_item_json(
    row: CaseEventRow | asyncpg.Record, event_id: str, *, thin: bool = True
) -> bytes:
    """The one rendering of a feed item, as JSON: the feed's page, each webhook's body
    (`data`) and, parsed, the case timeline. `thin` (the feed and webhooks) leaves out
    the free-text reason, which can carry clinical words and reaches every organisation
    of the case.

    orjson from the row's columns: times in UTC with `Z` and microseconds only when there
    are some, the event's data as the database's JSON text when the row
    comes from the driver (never parsed, never rebuilt). Cheaper, for the API and for
    PostgreSQL, than having the database build each item (benchmarks/RESULTS.md)."""
    data = row["data"] if isinstance(row, asyncpg.Record) else row.data
    return orjson.dumps(
        {
            "id": event_id,
            "type": row.type,
            "occurred_at": row.occurred_at,
            # str(): the driver's UUIDs are its own type, which orjson does not know.
            "case_id": str(row.case_id),
            "case_version": row.case_version,
            "status": row.to_status,
            "from_status": row.from_status,
            "to_status": row.to_status,
            "actor": {
                "sub": row.actor_sub,
                "organization_id": (
                    str(row.actor_organization_id) if row.actor_organization_id else None
                ),
                "role": row.actor_role,
            },
            "reason": None if thin else row.reason,
            "data": orjson.Fragment(data) if isinstance(data, str) else (data or {}),
        },
        option=orjson.OPT_UTC_Z,
    )


def feed_item(row: CaseEventRow, event_id: str | None = None, *, thin: bool = False) -> dict:
    """`feed_item_json`'s item as data (the case timeline, whose id is the event's seq)."""
    return orjson.loads(feed_item_json(row, event_id or str(row.seq), thin=thin))


def event_through_schema(row: CaseEventRow, cursor: str | None = None, *, thin: bool = False):
    """The same item through the `CaseEvent` model (what `feed_item` must equal)."""
    return CaseEvent(
        id=cursor or str(row.seq),
        type=row.type,
        occurred_at=row.occurred_at,
        case_id=row.case_id,
        case_version=row.case_version,
        status=row.to_status,
        from_status=row.from_status,
        to_status=row.to_status,
        actor={
            "sub": row.actor_sub,
            "organization_id": row.actor_organization_id,
            "role": row.actor_role,
        },
        reason=None if thin else row.reason,
        data=row.data or {},
    ).model_dump(mode="json")
