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
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models.base import Base
from app.db.models.columns import Amount, Created, Currency, UuidPk
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import (
    ClaimDebtor,
    ClaimKind,
    ClaimPaymentKind,
    ClaimStatus,
    PaymentKind,
    PaymentPayer,
)


class EstimateRow(Base):
    """A quote; a new one supersedes the previous (the highest number is the latest)."""

    __tablename__ = "estimates"
    __table_args__ = (CheckConstraint("total_amount >= 0", name="total_not_negative"),)

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    total_amount: Mapped[Amount]
    currency: Mapped[Currency]
    lines: Mapped[list] = mapped_column(JSONB, server_default="[]")
    valid_until: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[Created]


class PaymentRow(Base):
    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    amount: Mapped[Amount]
    currency: Mapped[Currency]
    kind: Mapped[PaymentKind] = mapped_column(StrEnumColumn(PaymentKind, 20))
    payer: Mapped[PaymentPayer] = mapped_column(StrEnumColumn(PaymentPayer, 20))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reference: Mapped[str | None] = mapped_column(String(120))
    # Received in `currency`, counted in `counted_currency` at `exchange_rate` (1 base =
    # rate quote, exact decimal) from `exchange_rate_source`.
    counted_amount: Mapped[Decimal | None] = mapped_column(Numeric(19, 4))
    counted_currency: Mapped[str | None] = mapped_column(String(3))
    exchange_rate: Mapped[Decimal | None] = mapped_column(Numeric(19, 9))
    exchange_rate_base: Mapped[str | None] = mapped_column(String(3))
    exchange_rate_source: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[Created]


class ClaimRow(Base):
    """An invoice to a payer: submitted -> accepted | contested -> paid.

    A contested claim is corrected by a new claim that replaces it.
    """

    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint("total_amount >= 0", name="total_not_negative"),
        CheckConstraint("paid_amount IS NULL OR paid_amount >= 0", name="paid_not_negative"),
        UniqueConstraint("creditor_organization_id", "number"),
        # The claims list pages by (created_at, id), each side on its own (migration 0016).
        Index("ix_claims_created_at_id", "created_at", "id"),
        Index(
            "ix_claims_creditor_organization_id_created_at_id",
            "creditor_organization_id",
            "created_at",
            "id",
        ),
        Index(
            "ix_claims_debtor_organization_id_created_at_id",
            "debtor_organization_id",
            "created_at",
            "id",
        ),
    )

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(60))
    kind: Mapped[ClaimKind] = mapped_column(StrEnumColumn(ClaimKind, 20))
    status: Mapped[ClaimStatus] = mapped_column(StrEnumColumn(ClaimStatus, 20), index=True)
    total_amount: Mapped[Amount]
    currency: Mapped[Currency]
    lines: Mapped[list] = mapped_column(JSONB, server_default="[]")
    creditor_organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    # None for an invoice to the patient (self-pay, Directive 2011/24).
    debtor_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    debtor_kind: Mapped[ClaimDebtor] = mapped_column(
        StrEnumColumn(ClaimDebtor, 20), server_default="payer"
    )
    contested_lines: Mapped[list] = mapped_column(JSONB, server_default="[]")
    replaces_claim_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("claims.id")
    )
    contest_reason: Mapped[str | None] = mapped_column(Text)
    paid_amount: Mapped[Decimal | None] = mapped_column(Numeric(19, 4))
    paid_at: Mapped[date | None] = mapped_column(Date)
    payment_reference: Mapped[str | None] = mapped_column(String(120))
    # The care the claim bills (the receiving facility's local dates).
    care_from: Mapped[date | None] = mapped_column(Date)
    care_until: Mapped[date | None] = mapped_column(Date)
    # Reg. 987/2009 Art. 67(1) and (5), fixed when the claim is introduced (claims under a
    # coordination route only; app/domain/claims.py).
    introduction_deadline: Mapped[date | None] = mapped_column(Date)
    contest_deadline: Mapped[date | None] = mapped_column(Date)
    # A patient's invoice under Directive 2011/24: its submission at home and the answer.
    home_reimbursement: Mapped[dict | None] = mapped_column(JSONB)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    created_at: Mapped[Created]
    updated_at: Mapped[Created]


class ClaimPaymentRow(Base):
    """One payment of a claim: a down payment, an instalment (EESSI S089-S092), or the
    deposits applied to a patient's final invoice."""

    __tablename__ = "claim_payments"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[UuidPk]
    claim_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ClaimPaymentKind] = mapped_column(StrEnumColumn(ClaimPaymentKind, 20))
    amount: Mapped[Amount]
    currency: Mapped[Currency]
    paid_at: Mapped[date] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(120))
    recorded_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[Created]
