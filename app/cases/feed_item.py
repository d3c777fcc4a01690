"""The feed item: one case event as the integrators' feed, webhooks and the case timeline
render it. One presenter, used by the feed's route, the delivery worker and
`app.cases.presenters.timeline_event`, so a webhook carries exactly what the feed serves."""

from __future__ import annotations

from datetime import datetime

from app.cases.schemas import CaseEvent
from app.db.models import CaseEventRow


def json_time(value: datetime) -> str:
    """A timestamp as the schemas render it (ISO 8601, `Z` for UTC)."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def feed_item(row: CaseEventRow, cursor: str | None = None, *, thin: bool = False) -> dict:
    """A timeline item; `thin` (the feed and webhooks) leaves out the free-text reason,
    which can carry clinical words and reaches every organisation of the case.

    Built as JSON-ready data directly, not through the `CaseEvent` model: the feed renders
    hundreds per page, and the row's columns already have the schema's types
    (tests/api/test_read_path.py checks the two agree)."""
    return {
        "id": cursor or str(row.seq),
        "type": row.type,
        "occurred_at": json_time(row.occurred_at),
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
        "data": row.data or {},
    }


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
