"""The event feed integrators poll: gap-free, oldest first, thin."""

import uuid
from typing import Annotated

import orjson
from fastapi import APIRouter, Query

from app.integrations import feed as event_service
from app.integrations.feed_schemas import EventPage
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
    read the case or claim for details. A cursor older than the retention window, or one
    handed out after the backup the database was restored from, is 410
    `cursor_expired`: start again without `after` and skip the event ids already
    processed."""

    async def produce():
        page = await event_service.feed(
            uow,
            principal,
            after=after,
            types=types,
            case_id=case_id,
            limit=limit,
            retention_days=settings.event_retention_days,
            rendered=True,
        )
        # Each item comes as JSON text from the database (THIN_ITEM, equal to
        # `feed_item`'s rendering, tested); its id, a signed cursor, is put in front. A
        # feed item has no patient field and event data never carries patient data
        # (CaseEvent in app/domain/case.py): no patient id to note for the audit.
        items = b",".join(
            b'{"id":"' + cursor.encode() + b'",' + row.item[1:].encode()
            for row, cursor in page.items
        )
        body = b'{"items":[' + items + b'],"next_cursor":' + orjson.dumps(page.next_cursor) + b"}"
        return JSONAnswer(body, names_patients=False)

    return await read(uow, produce)
