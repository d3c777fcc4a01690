import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models.base import Base
from app.db.models.columns import Created, UuidPk
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import CareSetting


class DirectoryServiceRow(Base):
    """A service a receiving organisation offers, published in the public directory."""

    __tablename__ = "directory_services"
    __table_args__ = (
        CheckConstraint(
            "care_setting IN ('inpatient', 'day_case', 'outpatient')", name="care_setting_known"
        ),
        CheckConstraint("lead_time_days >= 0", name="lead_time_not_negative"),
    )

    id: Mapped[UuidPk]
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    specialty: Mapped[str] = mapped_column(String(100))
    care_setting: Mapped[CareSetting] = mapped_column(StrEnumColumn(CareSetting, 20))
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    lead_time_days: Mapped[int] = mapped_column(Integer)
    contact: Mapped[dict] = mapped_column(JSONB, server_default="{}")
    created_at: Mapped[Created]
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
