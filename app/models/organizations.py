import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Numeric, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.columns import Created, UuidPk


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[UuidPk]
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(2))
    identifiers: Mapped[list] = mapped_column(JSONB, server_default="[]")
    created_at: Mapped[Created]


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
    kind: Mapped[str] = mapped_column(String(40))
    receiving_organization_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default="{}"
    )
    payer_organization_ids: Mapped[list[uuid.UUID]] = mapped_column(
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
