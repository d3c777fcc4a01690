import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.models.base import Base
from app.db.models.columns import Created, UuidPk
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import Sex


class PatientRow(Base):
    __tablename__ = "patients"
    # The attribute naming the patient: a request that reads this row touches them (audit).
    PATIENT_KEY = "id"
    __table_args__ = (
        # The worklist's name search: lower(unaccent(name)), trigram-indexed (migration 0010).
        Index(
            "ix_patients_search_name",
            text("corridor_search_name(family_name, given_names) gin_trgm_ops"),
            postgresql_using="gin",
        ),
    )

    id: Mapped[UuidPk]
    # The organisation that registered the patient; others see the patient through a shared case.
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id"), index=True
    )
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[Sex] = mapped_column(StrEnumColumn(Sex, 10))
    nationality: Mapped[str | None] = mapped_column(String(2))
    residence: Mapped[dict] = mapped_column(JSONB, server_default="{}")
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    version: Mapped[int] = mapped_column(server_default="1")
    created_at: Mapped[Created]
    updated_at: Mapped[Created]

    identifiers: Mapped[list["PatientIdentifierRow"]] = relationship(
        back_populates="patient",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="PatientIdentifierRow.position",
    )


class PatientIdentifierRow(Base):
    __tablename__ = "patient_identifiers"
    __table_args__ = (
        # Unique within the registering organisation only: a 409 across organisations would
        # tell anyone which identifiers another organisation holds.
        UniqueConstraint("organization_id", "system", "value"),
        Index("ix_patient_identifiers_patient_id", "patient_id"),
    )

    id: Mapped[UuidPk]
    patient_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("patients.id", ondelete="CASCADE")
    )
    # The patient's registering organisation, copied here for the uniqueness constraint.
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    system: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(server_default="0")

    patient: Mapped[PatientRow] = relationship(back_populates="identifiers")
