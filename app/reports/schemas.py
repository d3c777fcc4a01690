from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.domain.statistics import Stage
from app.domain.vocabulary import CaseStatus, Priority, Transport


class StatsFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


class FlowMeasure(StrEnum):
    """What the bars of `/v1/stats/flows.svg` count."""

    CASES = "cases"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    ON_HOLD = "on_hold"
    ADMITTED = "admitted"
    DISCHARGED = "discharged"


class LeadTime(BaseModel):
    median_days: float | None = Field(description="Null when no case (or too few) has it.")
    p90_days: float | None
    cases: int | None = Field(description="Cases with both milestones.")


class Amounts(BaseModel):
    """Money of the cell's cases in one currency, as decimal strings."""

    currency: str
    quoted: str = Field(description="The latest estimate of each case.")
    claimed: str = Field(description="Claims, but the replaced ones.")
    paid: str = Field(description="What payers paid on those claims.")


class Flow(BaseModel):
    origin_country: str | None = Field(
        default=None, description="The referring organisation's country (when grouped by it)."
    )
    receiving_organization_id: uuid.UUID | None = None
    specialty: str | None = None
    care_setting: str | None = None
    route: str | None = Field(default=None, description="The coverage route.")
    agreement_id: uuid.UUID | None = None
    status: CaseStatus | None = None
    month: str | None = Field(default=None, description="Month of creation (UTC), YYYY-MM.")
    cases: int | None = Field(description="Cases submitted at least once (no drafts).")
    referrals: int | None = Field(description="The same as `cases` (the earlier name).")
    declined: int | None
    cancelled: int | None
    on_hold: int | None
    admitted: int | None
    discharged: int | None
    lead_times: dict[Stage, LeadTime] = Field(
        description="Days between milestones; the wait for the referrer's answer to an "
        "information request is left out of the stages from submission."
    )
    median_days_to_decision: float | None = Field(
        description="Submission to acceptance or decline (`lead_times.submitted_to_decision`)."
    )
    median_days_decision_to_admission: float | None
    median_length_of_stay_days: float | None
    amounts: list[Amounts] | None = Field(description="Per currency; null when suppressed.")
    suppressed: bool = Field(
        description="Fewer cases than the threshold, for a caller who may not see them: "
        "counts, lead times and amounts are null."
    )


class Flows(BaseModel):
    group_by: list[str]
    suppression_threshold: int | None = Field(
        description="Cells of fewer cases are suppressed; null: your own cases, nothing is."
    )
    items: list[Flow]
    next_cursor: str | None = Field(default=None, description="Always null: one page.")


class AdmittedPatient(BaseModel):
    case_id: uuid.UUID
    reference: str
    receiving_organization_id: uuid.UUID | None
    unit: str | None = Field(description="null for a payer (where says why).")
    bed: str | None
    admitted_at: datetime
    days_in: int


class UnitCount(BaseModel):
    unit: str
    count: int | None
    suppressed: bool = False


class ExpectedArrival(BaseModel):
    case_id: uuid.UUID
    reference: str
    receiving_organization_id: uuid.UUID | None
    status: CaseStatus
    priority: Priority
    expected_arrival_at: datetime
    transport: Transport
    arrived_at: datetime | None


class HospitalCensus(BaseModel):
    receiving_organization_id: uuid.UUID
    admitted: int | None = Field(description="Patients admitted now.")
    expected_next_7_days: int | None = Field(
        description="Transfers scheduled to arrive within the next 7 days."
    )
    held_by_suspension: int | None = Field(description="Cases a corridor's suspension holds.")
    suppressed: bool


class Census(BaseModel):
    as_of: datetime
    suppression_threshold: int | None = None
    hospitals: list[HospitalCensus] = Field(default_factory=list)
    admitted: list[AdmittedPatient] = Field(
        description="Your own admitted patients (empty for coordination bodies and admins)."
    )
    admitted_by_unit: list[UnitCount] = Field(
        description="Of the cases you refer or receive (a payer's are not counted); for "
        "coordination bodies and admins, units of at least the threshold only."
    )
    expected: list[ExpectedArrival]


class FhirBundle(BaseModel):
    """A FHIR R4 Bundle of type `collection` (FHIR JSON, see hl7.org/fhir/R4/bundle.html)."""

    model_config = ConfigDict(extra="allow")

    resourceType: str = Field(examples=["Bundle"])
    id: str
    type: str = Field(examples=["collection"])
    entry: list[dict]
