"""Webhooks: endpoints an organisation registers, and the outbox of deliveries to them."""

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models.base import Base
from app.db.models.columns import Created, UuidPk
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import DeliveryStatus, WebhookStatus


class WebhookEndpointRow(Base):
    """Where an organisation wants its events pushed.

    `cursor_transaction_id`/`cursor_seq` is the endpoint's position in its
    organisation's event feed: the worker turns the events after it into
    deliveries and moves it forward in the same transaction, with the feed's
    gap-free rule, so no event is ever skipped or turned into two deliveries.
    """

    __tablename__ = "webhook_endpoints"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'disabled')", name="status_known"),
        Index("ix_webhook_endpoints_organization_id_created_at", "organization_id", "created_at"),
    )

    id: Mapped[UuidPk]
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(500))
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    # The signing secret (whsec_...): needed in clear to sign, shown to its owner once.
    secret: Mapped[str] = mapped_column(String(100))
    status: Mapped[WebhookStatus] = mapped_column(
        StrEnumColumn(WebhookStatus, 20), server_default="active"
    )
    disabled_reason: Mapped[str | None] = mapped_column(String(200))
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cursor_transaction_id: Mapped[int] = mapped_column(BigInteger)
    cursor_seq: Mapped[int] = mapped_column(BigInteger, server_default="0")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[Created]
    updated_at: Mapped[Created]


class WebhookDeliveryRow(Base):
    """One event for one endpoint; its id is the `webhook-id`, stable across retries.

    `body` is frozen when the delivery is created, so every attempt signs and
    sends the same bytes.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_seq"),
        CheckConstraint("status IN ('pending', 'succeeded', 'failed')", name="status_known"),
        Index("ix_webhook_deliveries_endpoint_id_created_at", "endpoint_id", "created_at"),
        # The worker's queue: only pending deliveries, each endpoint's by due time.
        Index(
            "ix_webhook_deliveries_endpoint_due",
            "endpoint_id",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[UuidPk]
    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    event_seq: Mapped[int] = mapped_column(BigInteger)
    event_id: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(60))
    case_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[DeliveryStatus] = mapped_column(
        StrEnumColumn(DeliveryStatus, 20), server_default="pending"
    )
    attempt_count: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set while a worker is sending it: no other worker takes it before then.
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[Created]
    updated_at: Mapped[Created]


class WebhookAttemptRow(Base):
    """Every attempt to send a delivery, successful or not."""

    __tablename__ = "webhook_attempts"

    id: Mapped[UuidPk]
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_ms: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    response_excerpt: Mapped[str | None] = mapped_column(String(1000))
