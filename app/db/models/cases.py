import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Sequence,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.models.base import Base
from app.db.models.columns import Created, UuidPk
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import (
    Beneficiary,
    CancelReason,
    CareSetting,
    CaseOrigin,
    CaseStatus,
    CoverageRoute,
    Disposition,
    LogisticsTaskKind,
    LogisticsTaskStatus,
    Priority,
    TeleconsultationKind,
    TeleconsultationMode,
    TeleconsultationStatus,
    Transport,
)

PRIORITY_RANK_SQL = (
    "CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END"
)

# Human references COR-2026-000123 draw their number from this sequence.
case_reference_seq = Sequence("case_reference_seq", metadata=Base.metadata)


class CaseRow(Base):
    __tablename__ = "cases"
    # The attribute naming the patient: a request that reads this row touches them (audit).
    PATIENT_KEY = "patient_id"
    __table_args__ = (
        CheckConstraint("version >= 1", name="version_positive"),
        # Keyset pagination and the "updated since" sync of integrators.
        Index("ix_cases_updated_at_id", "updated_at", "id"),
        Index("ix_cases_created_at_id", "created_at", "id"),
        # A list pages each organisation side by creation on its own index, and under a
        # status filter each side and status (migration 0016).
        Index(
            "ix_cases_referring_organization_id_created_at_id",
            "referring_organization_id",
            "created_at",
            "id",
        ),
        Index(
            "ix_cases_referring_organization_id_status_created_at_id",
            "referring_organization_id",
            "status",
            "created_at",
            "id",
        ),
        Index(
            "ix_cases_receiving_organization_id_created_at_id",
            "receiving_organization_id",
            "created_at",
            "id",
        ),
        Index(
            "ix_cases_receiving_organization_id_status_created_at_id",
            "receiving_organization_id",
            "status",
            "created_at",
            "id",
        ),
        Index(
            "ix_cases_payer_organization_id_created_at_id",
            "payer_organization_id",
            "created_at",
            "id",
        ),
        Index(
            "ix_cases_payer_organization_id_status_created_at_id",
            "payer_organization_id",
            "status",
            "created_at",
            "id",
        ),
        Index("ix_cases_patient_id", "patient_id"),
        Index("ix_cases_status", "status"),
        Index("ix_cases_assignee", "assignee"),
        Index("ix_cases_care_setting", "care_setting"),
        Index("ix_cases_priority_rank_created_at_id", "priority_rank", "created_at", "id"),
        # A corridor's open cases (suspension) and its statistics.
        Index("ix_cases_agreement_id_status", "agreement_id", "status"),
        Index(
            "ix_cases_held_by_suspension_id",
            "held_by_suspension_id",
            postgresql_where=text("held_by_suspension_id IS NOT NULL"),
        ),
    )

    id: Mapped[UuidPk]
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[CaseStatus] = mapped_column(StrEnumColumn(CaseStatus, 40))
    held_from: Mapped[CaseStatus | None] = mapped_column(StrEnumColumn(CaseStatus, 40))
    # The corridor suspension that held the case (its resume resumes it).
    held_by_suspension_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("agreement_suspensions.id")
    )
    version: Mapped[int] = mapped_column(Integer)
    priority: Mapped[Priority] = mapped_column(StrEnumColumn(Priority, 20))
    # The worklist's priority order (emergency, urgent, routine), stored so that the
    # keyset page can sort and resume on it.
    priority_rank: Mapped[int] = mapped_column(
        SmallInteger,
        Computed(PRIORITY_RANK_SQL, persisted=True),
    )
    specialty: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    clinical_summary: Mapped[str | None] = mapped_column(Text)
    referring_practitioner: Mapped[dict | None] = mapped_column(JSONB)
    patient_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("patients.id")
    )
    referring_organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    receiving_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    # Coverage, flattened: the payer is a tenant of the case, so it needs a real column.
    coverage_route: Mapped[CoverageRoute | None] = mapped_column(StrEnumColumn(CoverageRoute, 40))
    payer_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id")
    )
    member_number: Mapped[str | None] = mapped_column(String(100))
    # The state whose scheme insures the patient (S2, EHIC, Directive conditions).
    insurance_country: Mapped[str | None] = mapped_column(String(2))
    cross_border_worker: Mapped[bool] = mapped_column(server_default="false")
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("agreements.id")
    )
    # Placed in the only agreement its facts fit rather than named (migration 0012).
    agreement_inferred: Mapped[bool] = mapped_column(server_default="false")
    authorisation_reference: Mapped[str | None] = mapped_column(String(120))
    authorisation_valid_from: Mapped[date | None] = mapped_column(Date)
    authorisation_valid_until: Mapped[date | None] = mapped_column(Date)
    funding: Mapped[dict | None] = mapped_column(JSONB)
    # Directive 2011/24 Art. 8-9: the home state's decision on the prior authorisation.
    prior_authorisation: Mapped[dict | None] = mapped_column(JSONB)
    cancel_reason_code: Mapped[CancelReason | None] = mapped_column(StrEnumColumn(CancelReason, 40))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[CaseOrigin] = mapped_column(
        StrEnumColumn(CaseOrigin, 30), server_default="referral"
    )
    care_setting: Mapped[CareSetting] = mapped_column(
        StrEnumColumn(CareSetting, 20), server_default="inpatient"
    )
    # The person at the receiving office who owns the case (a token subject).
    assignee: Mapped[str | None] = mapped_column(String(200))
    presented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Small, append-mostly lists that live and die with the case: kept on its row.
    information_requests: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    attendances: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    discharge_letter: Mapped[dict | None] = mapped_column(JSONB)
    # The first time the case reached each milestone of its journey (app/domain/milestones.py),
    # written with the event that reached it: statistics read them instead of the events.
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    funding_approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[Created]
    updated_at: Mapped[Created]

    teleconsultations: Mapped[list["TeleconsultationRow"]] = relationship(
        lazy="selectin", order_by="TeleconsultationRow.created_at", cascade="all, delete-orphan"
    )
    transfer: Mapped["TransferRow | None"] = relationship(
        lazy="selectin", cascade="all, delete-orphan"
    )
    stay: Mapped["StayRow | None"] = relationship(lazy="selectin", cascade="all, delete-orphan")


class TeleconsultationRow(Base):
    __tablename__ = "teleconsultations"

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    mode: Mapped[TeleconsultationMode] = mapped_column(StrEnumColumn(TeleconsultationMode, 30))
    consultant: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[TeleconsultationStatus] = mapped_column(
        StrEnumColumn(TeleconsultationStatus, 20)
    )
    outcome: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[TeleconsultationKind] = mapped_column(
        StrEnumColumn(TeleconsultationKind, 20), server_default="consultation"
    )
    virtual_service: Mapped[dict | None] = mapped_column(JSONB)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[Created]


class TransferRow(Base):
    __tablename__ = "transfers"

    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    expected_arrival_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    transport: Mapped[Transport] = mapped_column(StrEnumColumn(Transport, 30))
    escorts: Mapped[int] = mapped_column(Integer, server_default="0")
    interpreter_language: Mapped[str | None] = mapped_column(String(20))
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class StayRow(Base):
    __tablename__ = "stays"

    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    admitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    unit: Mapped[str] = mapped_column(String(120))
    bed: Mapped[str | None] = mapped_column(String(60))
    discharged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disposition: Mapped[Disposition | None] = mapped_column(StrEnumColumn(Disposition, 20))
    discharge_summary: Mapped[str | None] = mapped_column(Text)

    movements: Mapped[list["UnitMovementRow"]] = relationship(
        lazy="selectin",
        order_by="UnitMovementRow.at",
        cascade="all, delete-orphan",
        primaryjoin="StayRow.case_id == foreign(UnitMovementRow.case_id)",
    )


class UnitMovementRow(Base):
    __tablename__ = "unit_movements"

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("stays.case_id", ondelete="CASCADE"), index=True
    )
    from_unit: Mapped[str | None] = mapped_column(String(120))
    to_unit: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    bed: Mapped[str | None] = mapped_column(String(60))


class LogisticsTaskRow(Base):
    __tablename__ = "logistics_tasks"
    __table_args__ = (
        # The worklist's "overdue tasks": open tasks by due date.
        Index(
            "ix_logistics_tasks_open_due",
            "due_date",
            postgresql_where=text("status IN ('requested', 'in_progress')"),
        ),
    )

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[LogisticsTaskKind] = mapped_column(StrEnumColumn(LogisticsTaskKind, 40))
    status: Mapped[LogisticsTaskStatus] = mapped_column(StrEnumColumn(LogisticsTaskStatus, 20))
    assignee: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(35))  # interpreters: a BCP 47 tag
    beneficiary: Mapped[Beneficiary | None] = mapped_column(
        StrEnumColumn(Beneficiary, 20)
    )  # patient or companion
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    created_at: Mapped[Created]
    updated_at: Mapped[Created]
