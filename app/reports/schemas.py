from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.domain.vocabulary import CaseStatus, Priority, Transport


class Flow(BaseModel):
    origin_country: str = Field(description="The referring organisation's country.")
    receiving_organization_id: uuid.UUID | None
    specialty: str | None
    referrals: int = Field(description="Submitted cases (drafts are not counted).")
    declined: int
    cancelled: int
    admitted: int
    discharged: int
    median_days_to_decision: float | None = Field(
        description="Submission to acceptance or decline."
    )
    median_days_decision_to_admission: float | None
    median_length_of_stay_days: float | None


class Flows(BaseModel):
    items: list[Flow]
    next_cursor: str | None = Field(default=None, description="Always null: one page.")


class AdmittedPatient(BaseModel):
    case_id: uuid.UUID
    reference: str
    receiving_organization_id: uuid.UUID | None
    unit: str
    bed: str | None
    admitted_at: datetime
    days_in: int


class UnitCount(BaseModel):
    unit: str
    count: int


class ExpectedArrival(BaseModel):
    case_id: uuid.UUID
    reference: str
    receiving_organization_id: uuid.UUID | None
    status: CaseStatus
    priority: Priority
    expected_arrival_at: datetime
    transport: Transport
    arrived_at: datetime | None


class Census(BaseModel):
    as_of: datetime
    admitted: list[AdmittedPatient]
    admitted_by_unit: list[UnitCount]
    expected: list[ExpectedArrival]


class FhirBundle(BaseModel):
    """A FHIR R4 Bundle of type `collection` (FHIR JSON, see hl7.org/fhir/R4/bundle.html)."""

    model_config = ConfigDict(extra="allow")

    resourceType: str = Field(examples=["Bundle"])
    id: str
    type: str = Field(examples=["collection"])
    entry: list[dict]
