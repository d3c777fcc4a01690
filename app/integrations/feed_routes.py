"""The event feed integrators poll: gap-free, oldest first, thin."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.integrations import feed as event_service
from app.integrations.feed_schemas import EventPage
from app.integrations.presenters import feed_item
from app.platform.answers import JSONAnswer, read
from app.platform.dependencies import FeedLimitDep, PrincipalDep, SettingsDep, UowDep
from app.platform.problems import problem_responses

router = APIRouter(prefix="/v1/events", tags=["events"])


@router.get(
    "",
    response_model=EventPage,
    responses=problem_responses(401, 410, 422),
    name="list",
)
async def list_events(
    principal: PrincipalDep,
    uow: UowDep,
    settings: SettingsDep,
    after: Annotated[
        str | None,
        Query(max_length=512, description="A `next_cursor` or an event `id`: read after it."),
    ] = None,
    types: Annotated[
        list[str] | None,
        Query(
            description=(
                "Event types, comma-separated or repeated: `case.accepted`, a family "
                "`claim.*`, or `*`."
            )
        ),
    ] = None,
    case_id: Annotated[uuid.UUID | None, Query(description="Only this case's events.")] = None,
    limit: FeedLimitDep = 50,
):
    """Your organisation's events, oldest first. The feed never skips an event, even when
    transactions commit out of order: it orders by transaction and serves only what no
    running transaction can still add to. Items are thin (ids, codes, statuses, actor):
    read the case or claim for details. A cursor older than the retention window is 410
    `cursor_expired`."""

    async def produce():
        page = await event_service.feed(
            uow,
            principal,
            after=after,
            types=types,
            case_id=case_id,
            limit=limit,
            retention_days=settings.event_retention_days,
        )
        # Items are built as JSON-ready data (checked against the schema in the tests):
        # answered directly, not validated again through `EventPage`. A feed item has
        # no patient field and event data never carries patient data (CaseEvent in
        # app/domain/case.py): no patient id to note for the audit.
        return JSONAnswer(
            {
                "items": [feed_item(row, cursor, thin=True) for row, cursor in page.items],
                "next_cursor": page.next_cursor,
            },
            names_patients=False,
        )

    return await read(uow, produce)
