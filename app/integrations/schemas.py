"""Webhook endpoints and their deliveries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from app.db.models.integrations import WebhookEndpointRow
from app.domain.vocabulary import DeliveryStatus, WebhookStatus
from app.platform.schemas import VISIBLE_CHARACTER, RequestBody, Trimmed, VisibleText, stored_in

EventTypeName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=60, pattern=VISIBLE_CHARACTER
    ),
]


class WebhookCreate(RequestBody):
    url: Annotated[
        stored_in(VisibleText, WebhookEndpointRow.url),
        Field(examples=["https://billing.example.org/corridor/webhooks"]),
    ]
    event_types: list[EventTypeName] = Field(
        default_factory=lambda: ["*"],
        max_length=100,
        description="Types (`claim.submitted`), families (`claim.*`) or `*` for every event.",
    )
    description: stored_in(Trimmed, WebhookEndpointRow.description) | None = None


class Webhook(BaseModel):
    id: uuid.UUID
    organization_id: uuid.UUID
    url: str
    event_types: list[str]
    description: str | None
    status: WebhookStatus
    disabled_reason: str | None = Field(
        description="`retries_exhausted` or `receiver_gone` (the receiver answered 410)."
    )
    disabled_at: datetime | None
    created_at: datetime
    updated_at: datetime


class WebhookCreated(Webhook):
    secret: str = Field(
        description=(
            "The signing secret (`whsec_…`), shown this once: verify each delivery's "
            "`webhook-signature` with it, per the Standard Webhooks specification."
        )
    )


class WebhookAttempt(BaseModel):
    number: int
    attempted_at: datetime
    duration_ms: int
    status_code: int | None
    error: str | None


class WebhookDelivery(BaseModel):
    id: uuid.UUID = Field(description="Sent as `webhook-id` (`msg_<id in hex>`) on every attempt.")
    webhook_id: uuid.UUID
    event_id: str = Field(description="The event's feed cursor.")
    event_type: str
    case_id: uuid.UUID
    status: DeliveryStatus
    attempt_count: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime
    attempts: list[WebhookAttempt]
