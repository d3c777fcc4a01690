"""Integrations: the event feed integrators poll (gap-free, oldest first, thin) and the
webhooks that push the same events, with their deliveries."""

from __future__ import annotations

import uuid
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Query, Response

from app.cases.feed_item import feed_item_json
from app.db.models import WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow
from app.domain.vocabulary import DeliveryStatus
from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    FeedLimitDep,
    IdempotencyDep,
    IdempotencyKey,
    Idempotent,
    LimitDep,
    PrincipalDep,
    ReadUowDep,
    SettingsDep,
    UowDep,
)
from app.integrations import feed as event_service
from app.integrations import service as webhook_service
from app.integrations.feed_schemas import EventPage
from app.integrations.schemas import Webhook, WebhookCreate, WebhookCreated, WebhookDelivery
from app.platform.problems import problem_responses
from app.platform.schemas import Page

# -- events ------------------------------------------------------------------------------

events = APIRouter(route_class=AnsweredRoute, prefix="/v1/events", tags=["events"])


@events.get(
    "",
    response_model=EventPage,
    responses=problem_responses(401, 410, 422),
    name="list",
)
async def list_events(
    principal: PrincipalDep,
    uow: ReadUowDep,
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

    page = await event_service.feed(
        uow,
        principal,
        after=after,
        types=types,
        case_id=case_id,
        limit=limit,
        retention_days=settings.event_retention_days,
    )
    # Each item as JSON (the one rendering, `feed_item_json`), joined: no page model to
    # validate a thousand items against (EventPage documents it; the rendering is tested).
    # A feed item has no patient field and event data never carries patient data
    # (CaseEvent in app/domain/case.py): no patient id to note for the audit.
    items = b",".join(feed_item_json(row, event_id) for row, event_id in page.items)
    body = b'{"items":[' + items + b'],"next_cursor":' + orjson.dumps(page.next_cursor) + b"}"
    return Response(body, media_type="application/json")


# -- integrations ------------------------------------------------------------------------

webhooks = APIRouter(route_class=AnsweredRoute, prefix="/v1/webhooks", tags=["webhooks"])


def _webhook(row: WebhookEndpointRow) -> dict:
    return Webhook.model_validate(row, from_attributes=True).model_dump()


def _delivery(row: WebhookDeliveryRow, attempts: list[WebhookAttemptRow]) -> dict:
    return WebhookDelivery.model_validate(
        {
            "id": row.id,
            "webhook_id": row.endpoint_id,
            "event_id": row.event_id,
            "event_type": row.event_type,
            "case_id": row.case_id,
            "status": row.status,
            "attempt_count": row.attempt_count,
            "next_attempt_at": row.next_attempt_at,
            "last_status_code": row.last_status_code,
            "last_error": row.last_error,
            "delivered_at": row.delivered_at,
            "created_at": row.created_at,
            "attempts": [
                {
                    "number": a.number,
                    "attempted_at": a.attempted_at,
                    "duration_ms": a.duration_ms,
                    "status_code": a.status_code,
                    "error": a.error,
                }
                for a in attempts
            ],
        }
    ).model_dump(mode="json")


@webhooks.post(
    "",
    status_code=201,
    response_model=WebhookCreated,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_webhook(
    body: WebhookCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    settings: SettingsDep,
    idempotency: Annotated[
        IdempotencyKey | None, Depends(Idempotent(shown_once=("secret",)))
    ] = None,
):
    """Register an endpoint for your organisation's events, from now on. The answer alone
    carries the signing `secret`; deliveries follow the Standard Webhooks specification
    and are retried with back-off (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h,
    20 h, 24 h). Private and loopback addresses are refused. The secret is never stored
    with an Idempotency-Key's answer: a repeat is 409 `secret_shown_once`."""

    row, secret = await webhook_service.create_endpoint(
        uow,
        principal,
        settings,
        url=body.url,
        event_types=body.event_types,
        description=body.description,
    )
    created(response, uow, "webhook", row.id, f"/v1/webhooks/{row.id}")
    return {**_webhook(row), "secret": secret}


@webhooks.get(
    "", response_model=Page[Webhook], responses=problem_responses(401, 403, 422), name="list"
)
async def list_webhooks(
    principal: PrincipalDep, uow: UowDep, limit: LimitDep = 50, cursor: CursorDep = None
):
    """Your organisation's endpoints (without their secrets)."""

    rows, next_cursor = await webhook_service.list_endpoints(uow, principal, limit, cursor)
    return {"items": [_webhook(row) for row in rows], "next_cursor": next_cursor}


@webhooks.get(
    "/{webhook_id}",
    response_model=Webhook,
    responses=problem_responses(401, 403, 404, 422),
    name="get",
)
async def get_webhook(webhook_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One endpoint, with its status (a disabled one says why)."""

    return _webhook(await webhook_service.get_endpoint(uow, principal, webhook_id))


@webhooks.delete(
    "/{webhook_id}",
    status_code=204,
    response_class=Response,
    responses=problem_responses(401, 403, 404, 422),
    name="delete",
)
async def delete_webhook(webhook_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """Remove an endpoint and its delivery history; nothing more is sent to it."""
    await webhook_service.delete_endpoint(uow, principal, webhook_id)
    return Response(status_code=204)


@webhooks.post(
    "/{webhook_id}/enable",
    response_model=Webhook,
    responses=problem_responses(400, 401, 403, 404, 422),
    name="enable",
)
async def enable_webhook(
    webhook_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Turn a disabled endpoint back on: pending deliveries resume, and the events since it
    was disabled are delivered."""

    row = await webhook_service.enable_endpoint(uow, principal, webhook_id)
    return _webhook(row)


@webhooks.get(
    "/{webhook_id}/deliveries",
    response_model=Page[WebhookDelivery],
    responses=problem_responses(401, 403, 404, 422),
    name="list_deliveries",
)
async def list_deliveries(
    webhook_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    status: Annotated[DeliveryStatus | None, Query(description="Only these.")] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """The endpoint's deliveries, newest first, each with every attempt made."""

    items, next_cursor = await webhook_service.list_deliveries(
        uow, principal, webhook_id, status=status, limit=limit, cursor=cursor
    )
    return {
        "items": [_delivery(row, attempts) for row, attempts in items],
        "next_cursor": next_cursor,
    }


@webhooks.post(
    "/{webhook_id}/deliveries/{delivery_id}/retry",
    status_code=202,
    response_model=WebhookDelivery,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="retry_delivery",
)
async def retry_delivery(
    webhook_id: uuid.UUID,
    delivery_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Send a delivery again as soon as a worker is free: a failed one once more, a pending
    one without waiting for its back-off. 409 when it succeeded or the endpoint is
    disabled."""

    row, attempts = await webhook_service.retry_delivery(uow, principal, webhook_id, delivery_id)
    return _delivery(row, attempts)
