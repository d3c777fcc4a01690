"""Case resource and one named request body per lifecycle action.

Action bodies leave guard-checked fields optional on purpose: a missing reason or
unit is reported by the domain as 422 `guard_failed` naming what is missing,
exactly as the lifecycle table states the rule.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

from app.domain.vocabulary import (
    CancelReason,
    CaseStatus,
    CoverageRoute,
    Disposition,
    LogisticsTaskKind,
    LogisticsTaskStatus,
    Priority,
    Role,
    TeleconsultationMode,
    TeleconsultationOutcome,
    TeleconsultationStatus,
    Transport,
)
from app.platform.schemas import VISIBLE_CHARACTER, Money, RequestBody, ShortText, Specialty, Text

Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]


class Authorisation(RequestBody):
    reference: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=120, pattern=VISIBLE_CHARACTER
        ),
    ]
    valid_from: date
    valid_until: date


class Guarantee(RequestBody):
    reference: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=120, pattern=VISIBLE_CHARACTER
        ),
    ]
    amount: Money


class CoverageIn(RequestBody):
    route: CoverageRoute | None = None
    payer_organization_id: uuid.UUID | None = None
    member_number: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None
    ) = None
    agreement_id: uuid.UUID | None = None
    authorisation: Authorisation | None = None


class ReferringPractitioner(RequestBody):
    name: ShortText
    contact: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None


class CaseCreate(RequestBody):
    patient_id: uuid.UUID | None = None
    receiving_organization_id: uuid.UUID | None = None
    referring_organization_id: uuid.UUID | None = Field(
        default=None, description="Defaults to the caller's organisation."
    )
    specialty: Specialty | None = None
    priority: Priority = Priority.ROUTINE
    reason: Reason | None = None
    clinical_summary: Text | None = None
    referring_practitioner: ReferringPractitioner | None = None
    coverage: CoverageIn | None = None


class CaseUpdate(RequestBody):
    """Fields to change; which ones a status allows is the domain's rule."""

    patient_id: uuid.UUID | None = None
    receiving_organization_id: uuid.UUID | None = None
    specialty: Specialty | None = None
    priority: Priority | None = None
    reason: Reason | None = None
    clinical_summary: Text | None = None
    referring_practitioner: ReferringPractitioner | None = None
    coverage: CoverageIn | None = None


class Coverage(BaseModel):
    route: CoverageRoute | None
    payer_organization_id: uuid.UUID | None
    member_number: str | None
    agreement_id: uuid.UUID | None
    authorisation: Authorisation | None


class Funding(BaseModel):
    route: CoverageRoute
    authorisation: Authorisation | None
    guarantee: Guarantee | None
    note: str | None = Field(
        description="null in a payer's view (a payer's own note stays in its timeline)."
    )
    approved_at: datetime


class Teleconsultation(BaseModel):
    id: uuid.UUID
    scheduled_at: datetime
    mode: TeleconsultationMode
    consultant: str | None
    status: TeleconsultationStatus
    outcome: TeleconsultationOutcome | None
    notes: str | None = Field(default=None, description="Absent from a payer's view.")


class Transfer(BaseModel):
    expected_arrival_at: datetime
    transport: Transport
    escorts: int
    interpreter_language: str | None
    arrived_at: datetime | None


class UnitMovement(BaseModel):
    from_unit: str | None
    to_unit: str
    at: datetime


class Stay(BaseModel):
    admitted_at: datetime
    unit: str
    bed: str | None
    movements: list[UnitMovement]
    discharged_at: datetime | None
    disposition: Disposition | None
    discharge_summary: str | None = Field(default=None, description="Absent from a payer's view.")


class LogisticsTask(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: LogisticsTaskKind
    status: LogisticsTaskStatus
    assignee: str | None
    due_date: date | None
    note: str | None = Field(description="null in a payer's view.")
    version: int
    created_at: datetime
    updated_at: datetime


class Case(BaseModel):
    id: uuid.UUID
    reference: str = Field(examples=["COR-2026-000123"])
    status: CaseStatus
    version: int
    priority: Priority
    specialty: str | None
    patient_id: uuid.UUID | None
    referring_organization_id: uuid.UUID
    receiving_organization_id: uuid.UUID | None
    payer_organization_id: uuid.UUID | None
    reason: str | None = None
    clinical_summary: str | None = Field(default=None, description="Absent from a payer's view.")
    referring_practitioner: ReferringPractitioner | None = None
    coverage: Coverage
    funding: Funding | None
    held_from: CaseStatus | None
    cancel_reason_code: CancelReason | None
    cancel_reason: str | None = Field(default=None, description="Absent from a payer's view.")
    allowed_actions: list[str] = Field(description="Action path segments open to this caller now.")
    teleconsultations: list[Teleconsultation]
    transfer: Transfer | None
    stay: Stay | None
    logistics_tasks: list[LogisticsTask]
    created_at: datetime
    updated_at: datetime


class Actor(BaseModel):
    sub: str
    organization_id: uuid.UUID | None
    role: Role | None


class CaseEvent(BaseModel):
    """A timeline or feed item: thin, ids and codes only."""

    id: str = Field(description="The event's position in the feed (a cursor).")
    type: str = Field(examples=["case.accepted"])
    occurred_at: datetime
    case_id: uuid.UUID
    case_version: int
    status: CaseStatus
    from_status: CaseStatus | None
    to_status: CaseStatus
    actor: Actor
    reason: str | None = None
    data: dict[str, str | int | None] = Field(default_factory=dict)


# -- action bodies ----------------------------------------------------------------------


class SubmitRequest(RequestBody):
    pass


class CloseRequest(RequestBody):
    pass


class ResumeRequest(RequestBody):
    pass


class ScheduleTeleconsultationRequest(RequestBody):
    scheduled_at: AwareDatetime | None = None
    mode: TeleconsultationMode | None = None
    consultant: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = (
        None
    )


class RecordTeleconsultationRequest(RequestBody):
    outcome: TeleconsultationOutcome | None = None
    notes: Text | None = None


class AcceptRequest(RequestBody):
    reason: Reason | None = None


class DeclineRequest(RequestBody):
    reason: Reason | None = None


class HoldRequest(RequestBody):
    reason: Reason | None = None


class ApproveFundingRequest(RequestBody):
    authorisation: Authorisation | None = None
    guarantee: Guarantee | None = None
    note: Reason | None = None


class ScheduleTransferRequest(RequestBody):
    expected_arrival_at: AwareDatetime | None = None
    transport: Transport | None = None
    escorts: Annotated[int, Field(ge=0, le=20)] = 0
    interpreter_language: Annotated[str, StringConstraints(max_length=20)] | None = None


class RecordArrivalRequest(RequestBody):
    arrived_at: AwareDatetime | None = None


class AdmitRequest(RequestBody):
    admitted_at: AwareDatetime | None = None
    unit: Unit | None = None
    bed: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] | None = None


class TransferUnitRequest(RequestBody):
    unit: Unit | None = None
    at: AwareDatetime | None = None


class DischargeRequest(RequestBody):
    discharged_at: AwareDatetime | None = None
    disposition: Disposition | None = None
    summary: Text | None = None


class CancelRequest(RequestBody):
    reason_code: CancelReason | None = None
    reason: Reason | None = None


class LogisticsTaskCreate(RequestBody):
    kind: LogisticsTaskKind
    assignee: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    due_date: date | None = None
    note: Reason | None = None


class LogisticsTaskUpdate(RequestBody):
    status: LogisticsTaskStatus | None = None
    assignee: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    due_date: date | None = None
    note: Reason | None = None
