import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.models.base import Base
from app.db.models.columns import Created, UuidPk
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import AgreementKind, OrganizationKind, SuspensionReason


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[UuidPk]
    name: Mapped[str] = mapped_column(String(300))
    # The public directory's name for it (app.domain.directory.slug_of): never the id.
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[OrganizationKind] = mapped_column(StrEnumColumn(OrganizationKind, 40))
    country: Mapped[str] = mapped_column(String(2))
    identifiers: Mapped[list] = mapped_column(JSONB, server_default="[]")
    # IANA zone of a receiving facility: its local dates count stays, bills, validity.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[Created]


class RegimeCountryListRow(Base):
    """A regime's country list (app/domain/regimes.py), edited by platform admins."""

    __tablename__ = "regime_country_lists"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    countries: Mapped[list[str]] = mapped_column(ARRAY(String(2)), server_default="{}")
    updated_at: Mapped[Created]


class AgreementRow(Base):
    __tablename__ = "agreements"
    __table_args__ = (
        CheckConstraint(
            "deposit_ratio IS NULL OR (deposit_ratio >= 0 AND deposit_ratio <= 1)",
            name="deposit_ratio_range",
        ),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="validity_order"),
    )

    id: Mapped[UuidPk]
    name: Mapped[str] = mapped_column(String(300))
    # The public directory's name for it (app.domain.directory.slug_of): never the id.
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[AgreementKind] = mapped_column(StrEnumColumn(AgreementKind, 40))
    receiving_organization_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default="{}"
    )
    payer_organization_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default="{}"
    )
    # Coordination bodies (observatories, the Interreg programme's secretariat): they see
    # the corridor's aggregates, never a case.
    coordinating_organization_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default="{}"
    )
    zone: Mapped[list] = mapped_column(JSONB, server_default="[]")
    excluded_specialties: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    prior_authorisation_required: Mapped[bool] = mapped_column(server_default="false")
    advance_payment_required: Mapped[bool] = mapped_column(server_default="false")
    deposit_ratio: Mapped[Decimal | None] = mapped_column(Numeric(5, 4))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[Created]
    # The corridor-wide suspension in force, if any: read with the agreement (every answer
    # shows it).
    suspension_in_force: Mapped["AgreementSuspensionRow | None"] = relationship(
        primaryjoin="and_(AgreementSuspensionRow.agreement_id == AgreementRow.id,"
        " AgreementSuspensionRow.resumed_at.is_(None),"
        " AgreementSuspensionRow.receiving_organization_id.is_(None))",
        uselist=False,
        lazy="selectin",
        viewonly=True,
    )
    # The receiving hospitals that paused their own intake on the corridor.
    intake_pauses_in_force: Mapped[list["AgreementSuspensionRow"]] = relationship(
        primaryjoin="and_(AgreementSuspensionRow.agreement_id == AgreementRow.id,"
        " AgreementSuspensionRow.resumed_at.is_(None),"
        " AgreementSuspensionRow.receiving_organization_id.is_not(None))",
        lazy="selectin",
        viewonly=True,
        order_by="AgreementSuspensionRow.receiving_organization_id",
    )


class AgreementSuspensionRow(Base):
    """A corridor stopped for a while (a border closure, a hurricane): while `resumed_at` is
    null the agreement takes no submission; the cases it held name it
    (`cases.held_by_suspension_id`)."""

    __tablename__ = "agreement_suspensions"
    __table_args__ = (
        CheckConstraint(
            "reason IN ('border_closure', 'transport_disruption', 'capacity', 'other')",
            name="reason_known",
        ),
        # At most one corridor-wide suspension in force per agreement, and one intake pause
        # per receiving hospital.
        Index(
            "uq_agreement_suspensions_in_force",
            "agreement_id",
            unique=True,
            postgresql_where=text("resumed_at IS NULL AND receiving_organization_id IS NULL"),
        ),
        Index(
            "uq_agreement_suspensions_pause_in_force",
            "agreement_id",
            "receiving_organization_id",
            unique=True,
            postgresql_where=text("resumed_at IS NULL AND receiving_organization_id IS NOT NULL"),
        ),
    )

    id: Mapped[UuidPk]
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("agreements.id"), index=True
    )
    # Set: one receiving hospital's intake paused (its cases only); null: the whole corridor.
    receiving_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    reason: Mapped[SuspensionReason] = mapped_column(StrEnumColumn(SuspensionReason, 40))
    note: Mapped[str | None] = mapped_column(Text)
    suspended_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    suspended_by: Mapped[str] = mapped_column(String(200))
    held_count: Mapped[int] = mapped_column(Integer, server_default="0")
    resumed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resumed_by: Mapped[str | None] = mapped_column(String(200))
    resumed_count: Mapped[int | None] = mapped_column(Integer)
