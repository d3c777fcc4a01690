"""Security tables: the audit trail, its chain head, and integrators' API clients."""

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
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models.base import Base
from app.db.models.columns import Created, UuidPk


class AuditEventRow(Base):
    """One access to the API: who, what (ids only), when, with which outcome.

    Append-only: the database refuses DELETE, TRUNCATE and every UPDATE but one (a
    trigger): the sealer gives a committed row its place in the chain once
    (`chain_seq`, `prev_hash`, `hash`; the application role may update only those
    columns). `seq` comes from a sequence (gaps where a transaction rolled back);
    `chain_seq` is gap-free and each sealed row's `hash` covers its fields and the
    previous row's hash; `corridor audit verify` walks the chain.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_organization_id_seq", "organization_id", "seq"),
        Index("ix_audit_events_patient_ids", "patient_ids", postgresql_using="gin"),
        Index("ix_audit_events_object_id", "object_id"),
        Index(
            "ix_audit_events_caller_request_id",
            "caller_request_id",
            postgresql_where=text("caller_request_id IS NOT NULL"),
        ),
        Index("ix_audit_events_unsealed", "seq", postgresql_where=text("chain_seq IS NULL")),
    )

    seq: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        autoincrement=False,
        server_default=text("nextval('audit_events_seq')"),
    )
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    request_id: Mapped[str | None] = mapped_column(String(64))
    caller_request_id: Mapped[str | None] = mapped_column(String(64))
    actor_sub: Mapped[str | None] = mapped_column(String(200))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(20)), server_default="{}")
    client_id: Mapped[str | None] = mapped_column(String(80))
    operation: Mapped[str] = mapped_column(String(120))
    object_type: Mapped[str | None] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(80))
    # Every id named by the request (path parameters, the created resource).
    object_ids: Mapped[dict] = mapped_column(JSONB, server_default="{}")
    patient_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default="{}"
    )
    outcome: Mapped[str] = mapped_column(String(20))
    status: Mapped[int | None] = mapped_column(Integer)
    # The seal, written once by the sealer; NULL while the row waits for it.
    chain_seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainHeadRow(Base):
    """The chain's last sealed row; only the sealer moves it (requests never touch it)."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    hash: Mapped[str] = mapped_column(String(64))


class ApiClientRow(Base):
    """An integrator's OAuth client (client credentials) acting for one organisation."""

    __tablename__ = "api_clients"

    id: Mapped[UuidPk]
    client_id: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id"), index=True
    )
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(20)))
    # SHA-256 of a 256-bit random secret: the secret itself is shown once, never stored.
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[Created]
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SystemContextKeyRow(Base):
    """The SHA-256 of each token that opens row-level security's system context
    (app.db.row_security): written by migrations, read by `corridor_is_system()`
    only; the application role may not read it."""

    __tablename__ = "corridor_system_context_keys"

    digest: Mapped[str] = mapped_column(Text, primary_key=True)
