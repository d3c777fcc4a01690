"""Case resource and one named request body per lifecycle action.

Action bodies leave guard-checked fields optional on purpose: a missing reason or
unit is reported by the domain as 422 `guard_failed` naming what is missing,
exactly as the lifecycle table states the rule.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field, StrictBool, StringConstraints

from app.db.models.cases import (
    CaseRow,
    LogisticsTaskRow,
    StayRow,
    TeleconsultationRow,
    TransferRow,
)
from app.db.models.finance import PaymentRow
from app.domain.vocabulary import (
    AttendanceOutcome,
    AuthorisationDecision,
    Beneficiary,
    CancelReason,
    CareSetting,
    CaseOrigin,
    CaseStatus,
    CoverageRoute,
    Disposition,
    FollowUpOutcome,
    LogisticsTaskKind,
    LogisticsTaskStatus,
    Priority,
    Role,
    TeleconsultationKind,
    TeleconsultationMode,
    TeleconsultationOutcome,
    TeleconsultationStatus,
    Transport,
)
from app.platform.schemas import (
    VISIBLE_CHARACTER,
    CountryCode,
    Money,
    RequestBody,
    ShortText,
    Specialty,
    Text,
    Trimmed,
    VisibleText,
    stored_in,
)

Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
# Lengths of text stored in a column are the column's (stored_in).
Unit = stored_in(Trimmed, StayRow.unit)
Bed = stored_in(Trimmed, StayRow.bed)
Assignee = Annotated[
    stored_in(
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)], CaseRow.assignee
    ),
    Field(description="Who owns the case at the receiving office (a user's subject)."),
]
TaskAssignee = stored_in(Trimmed, LogisticsTaskRow.assignee)
LanguageTag = Annotated[
    stored_in(
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")],
        LogisticsTaskRow.language,
    ),
    Field(description="An IETF BCP 47 language tag", examples=["fr", "en", "ht", "nl"]),
]
TimeZone = Annotated[
    stored_in(
        Annotated[
            str,
            StringConstraints(pattern=r"^([A-Za-z_]+(/[A-Za-z0-9_+\-]+)*|[+-]\d{2}:\d{2})$"),
        ],
        TeleconsultationRow.time_zone,
    ),
    Field(
        description="The IANA zone the participants meet in (or a fixed offset); "
        "defaults to the offset scheduled_at was given with.",
        examples=["America/Martinique"],
    ),
]
HttpsUrl = Annotated[
    str,
    StringConstraints(max_length=2000, pattern=r"^https://[^\s]+$"),
    Field(examples=["https://meet.chu-martinique.fr/tc/8f3a"]),
]


Currency = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{3}$"), Field(description="ISO 4217", examples=["USD"])
]
Rate = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{1,9}(\.[0-9]{1,9})?$"),
    Field(
        description="An exact decimal string: `quote` units per one `base` unit", examples=["2.70"]
    ),
]


class ExchangeRate(RequestBody):
    """1 `base` = `rate` `quote` (1 USD = 2.70 XCD), and where the rate comes from."""

    base: Currency
    quote: Currency
    rate: Rate
    source: Annotated[
        stored_in(VisibleText, PaymentRow.exchange_rate_source),
        Field(examples=["ECB reference rate of 2026-11-30"]),
    ]


class VirtualServiceIn(RequestBody):
    """How to join: FHIR R5 VirtualServiceDetail (channelType, addressUrl, additionalInfo,
    maxParticipants, sessionKey)."""

    channel_type: Annotated[
        str,
        StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9_\-.]+$"),
        Field(
            description="A code of http://hl7.org/fhir/virtual-service-type (zoom, ms-teams, "
            "whatsapp) or of the hospital's own platform.",
            examples=["ms-teams"],
        ),
    ]
    address_url: HttpsUrl | None = None
    additional_info: list[HttpsUrl] = Field(default_factory=list, max_length=5)
    max_participants: Annotated[int, Field(ge=2, le=100)] | None = None
    session_key: Annotated[str, StringConstraints(max_length=200)] | None = None


class VirtualService(BaseModel):
    channel_type: str
    address_url: str | None
    additional_info: list[str]
    max_participants: int | None
    session_key: str | None = Field(default=None, description="Absent from a payer's view.")


class Presentation(RequestBody):
    """An emergency presentation: the patient is already at the caller's hospital."""

    presented_at: AwareDatetime | None = Field(
        default=None, description="When the patient came (required)."
    )
    admitted_at: AwareDatetime | None = Field(
        default=None, description="Given with `unit`: the case starts `admitted`."
    )
    unit: Unit | None = None
    bed: Bed | None = None


class CodedEntryIn(RequestBody):
    display: ShortText
    code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    system: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, examples=["http://hl7.org/fhir/sid/icd-10"]
    )


class MedicationIn(RequestBody):
    name: ShortText
    dosage: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    instructions: Reason | None = None


class DischargeLetterIn(RequestBody):
    diagnoses: list[CodedEntryIn] = Field(default_factory=list, max_length=50)
    procedures: list[CodedEntryIn] = Field(default_factory=list, max_length=50)
    medications: list[MedicationIn] = Field(default_factory=list, max_length=50)
    follow_up_instructions: Text | None = None
    language: LanguageTag | None = None


class CodedEntry(BaseModel):
    display: str
    code: str | None
    system: str | None


class Medication(BaseModel):
    name: str
    dosage: str | None
    instructions: str | None


class DischargeLetter(BaseModel):
    """The structured discharge letter the referrer reads (absent from a payer's view)."""

    discharged_at: datetime
    disposition: Disposition
    summary: str | None
    diagnoses: list[CodedEntry]
    procedures: list[CodedEntry]
    medications: list[Medication]
    follow_up_instructions: str | None
    language: str | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None


class InformationRequest(BaseModel):
    id: uuid.UUID
    questions: str | None = Field(default=None, description="Absent from a payer's view.")
    due_date: date
    requested_at: datetime
    requested_by: str
    answer: str | None = Field(default=None, description="Absent from a payer's view.")
    document_ids: list[uuid.UUID]
    answered_at: datetime | None
    answered_by: str | None
    overdue: bool


class Attendance(BaseModel):
    id: uuid.UUID
    attended_at: datetime
    service: str | None = Field(description="null in a payer's view (it says what for).")
    outcome: AttendanceOutcome
    notes: str | None = Field(default=None, description="Absent from a payer's view.")


class Authorisation(RequestBody):
    reference: stored_in(VisibleText, CaseRow.authorisation_reference)
    valid_from: date
    valid_until: date


class Guarantee(RequestBody):
    reference: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=120, pattern=VISIBLE_CHARACTER
        ),
    ]
    amount: Money = Field(
        description="The sum guaranteed: under `third_party_guarantee` at least the latest "
        "estimate; under `insurer_guarantee` the cap (claims go to the insurer up to it, the "
        "patient owes the excess)."
    )
    exchange_rate: ExchangeRate | None = Field(
        default=None,
        description="For a letter in another currency than the estimate: the recorded rate "
        "it counts at (fixed parities apply by themselves); without one, 422 "
        "`currency_mismatch` naming both currencies.",
    )
    valid_from: date | None = Field(
        default=None,
        description="First day of care the guarantee pays for (required under "
        "`insurer_guarantee`).",
    )
    valid_until: date | None = Field(
        default=None,
        description="Last day of care the guarantee pays for (required under `insurer_guarantee`).",
    )


class FundedGuarantee(Guarantee):
    """A guarantee as approved: the letter's amount and what it counts for in the case's
    currency."""

    counted_amount: Money | None = Field(
        default=None, description="The amount in the estimate's currency, at `exchange_rate`."
    )


class CoverageIn(RequestBody):
    route: CoverageRoute | None = None
    payer_organization_id: uuid.UUID | None = None
    member_number: stored_in(Trimmed, CaseRow.member_number) | None = None
    agreement_id: uuid.UUID | None = None
    authorisation: Authorisation | None = None
    insurance_country: stored_in(CountryCode, CaseRow.insurance_country) | None = Field(
        default=None,
        description="ISO 3166 code of the state whose scheme insures the patient; "
        "defaults to the payer organisation's country.",
    )
    cross_border_worker: StrictBool = Field(
        default=False, description="A frontier worker: excluded from ZOAST care."
    )


class ReferringPractitioner(RequestBody):
    name: ShortText
    contact: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None


class CaseCreate(RequestBody):
    patient_id: uuid.UUID | None = None
    receiving_organization_id: uuid.UUID | None = None
    referring_organization_id: uuid.UUID | None = Field(
        default=None, description="Defaults to the caller's organisation."
    )
    specialty: stored_in(Specialty, CaseRow.specialty) | None = None
    priority: Priority = Priority.ROUTINE
    reason: Reason | None = None
    clinical_summary: Text | None = None
    referring_practitioner: ReferringPractitioner | None = None
    coverage: CoverageIn | None = None
    care_setting: CareSetting = Field(
        default=CareSetting.INPATIENT,
        description="inpatient, day_case or outpatient (FHIR Encounter class IMP, SS, AMB).",
    )
    assignee: Assignee | None = None
    origin: CaseOrigin = Field(
        default=CaseOrigin.REFERRAL,
        description="`emergency_presentation`: the receiving hospital opens the case of a "
        "patient already on site; it starts `arrived` (or `admitted` with an admission), "
        "covered by ehic, zoast or self_pay.",
    )
    presentation: Presentation | None = Field(
        default=None, description="Emergency presentations only."
    )


class CoverageCorrection(RequestBody):
    """The coverage as it turns out to be, once the patient is in the hospital's care or
    discharged (an EHIC shown after an emergency visit, a wrong payer)."""

    coverage: CoverageIn
    reason: Reason | None = Field(
        default=None, description="Why, for the timeline (no clinical text)."
    )


class PriorAuthorisationIn(RequestBody):
    """The home state's decision on a prior authorisation (Directive 2011/24 Art. 8-9), as
    the patient received it."""

    decision: AuthorisationDecision
    reference: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=120, pattern=VISIBLE_CHARACTER
        ),
        Field(description="The decision's reference at the issuing institution."),
    ]
    issuing_institution: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=200, pattern=VISIBLE_CHARACTER
        ),
        Field(description="The institution of the state of affiliation that decided."),
    ]
    decided_on: date
    valid_from: date | None = Field(default=None, description="Granted: the first day covered.")
    valid_until: date | None = Field(default=None, description="Granted: the last day covered.")
    refusal_reason: Reason | None = Field(
        default=None, description="Refused: the reason the decision gives (Art. 9(4))."
    )


class PriorAuthorisation(BaseModel):
    decision: AuthorisationDecision
    reference: str
    issuing_institution: str
    decided_on: date
    valid_from: date | None = None
    valid_until: date | None = None
    refusal_reason: str | None = None


class CaseUpdate(RequestBody):
    """Fields to change; which ones a status allows is the domain's rule."""

    patient_id: uuid.UUID | None = None
    receiving_organization_id: uuid.UUID | None = None
    specialty: stored_in(Specialty, CaseRow.specialty) | None = None
    priority: Priority | None = None
    reason: Reason | None = None
    clinical_summary: Text | None = None
    referring_practitioner: ReferringPractitioner | None = None
    coverage: CoverageIn | None = None
    care_setting: CareSetting | None = None
    assignee: Assignee | None = None


class Coverage(BaseModel):
    route: CoverageRoute | None
    payer_organization_id: uuid.UUID | None
    member_number: str | None
    agreement_id: uuid.UUID | None
    authorisation: Authorisation | None
    insurance_country: str | None = None
    cross_border_worker: bool = False
    agreement_inferred: bool = Field(
        default=False,
        description="true when the case was placed in `agreement_id` because it is the only "
        "agreement in force its facts fit (receiver, residence, specialty, payer, route); "
        "false when the coverage named it or names none.",
    )


class Funding(BaseModel):
    route: CoverageRoute
    authorisation: Authorisation | None
    guarantee: FundedGuarantee | None
    note: str | None = Field(
        description="null in a payer's view unless the payer's own organisation approved "
        "the funding (its own note)."
    )
    approved_at: datetime
    approved_by_organization_id: uuid.UUID | None = Field(
        default=None, description="The organisation whose decision it is (payer or hospital)."
    )


class Teleconsultation(BaseModel):
    id: uuid.UUID
    scheduled_at: datetime
    mode: TeleconsultationMode
    consultant: str | None = Field(description="null in a payer's view.")
    status: TeleconsultationStatus
    outcome: TeleconsultationOutcome | FollowUpOutcome | None
    notes: str | None = Field(default=None, description="Absent from a payer's view.")
    kind: TeleconsultationKind
    virtual_service: VirtualService | None = None
    time_zone: str | None = Field(
        description="The zone it was scheduled in; scheduled_at is shown in it."
    )


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
    bed: str | None = None


class Stay(BaseModel):
    admitted_at: datetime
    unit: str | None = Field(
        description="The unit now; null in a payer's view, which shows that the patient is "
        "admitted and since when, not where."
    )
    bed: str | None = Field(description="null in a payer's view.")
    movements: list[UnitMovement] = Field(description="Empty in a payer's view.")
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
    language: str | None = None
    beneficiary: Beneficiary | None = None
    overdue: bool = False
    version: int
    created_at: datetime
    updated_at: datetime


class Case(BaseModel):
    id: uuid.UUID
    reference: str = Field(examples=["COR-2026-000123"])
    status: CaseStatus
    version: int
    priority: Priority
    origin: CaseOrigin
    care_setting: CareSetting
    assignee: str | None
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
    prior_authorisation: PriorAuthorisation | None = Field(
        default=None,
        description="Directive 2011/24 Art. 8: the home state's decision, where recorded. "
        "Where the state of affiliation requires one for this care (the regime country list "
        "`directive_prior_authorisation`), approve-funding and schedule-transfer answer 422 "
        "`prior_authorisation_required` until it is granted for the care's dates.",
    )
    held_from: CaseStatus | None
    cancel_reason_code: CancelReason | None
    cancel_reason: str | None = Field(default=None, description="Absent from a payer's view.")
    allowed_actions: list[str] = Field(description="Action path segments open to this caller now.")
    teleconsultations: list[Teleconsultation]
    transfer: Transfer | None
    presented_at: datetime | None = Field(description="Emergency presentations: when.")
    stay: Stay | None
    attendances: list[Attendance]
    information_requests: list[InformationRequest]
    discharge_letter: DischargeLetter | None = Field(
        default=None, description="Absent from a payer's view."
    )
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
    consultant: stored_in(Trimmed, TeleconsultationRow.consultant) | None = None
    virtual_service: VirtualServiceIn | None = Field(
        default=None, description="The channel and join link."
    )
    time_zone: TimeZone | None = None


class ScheduleFollowUpRequest(ScheduleTeleconsultationRequest):
    pass


class RecordFollowUpRequest(RequestBody):
    outcome: FollowUpOutcome | None = None
    notes: Text | None = None


class AcknowledgeDischargeRequest(RequestBody):
    pass


class RequestInformationRequest(RequestBody):
    questions: Text | None = Field(default=None, description="What the receiving team needs.")
    due_date: date | None = Field(default=None, description="When the answer is needed by.")


class ProvideInformationRequest(RequestBody):
    answer: Text | None = None
    document_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=20, description="Documents uploaded to the case."
    )


class RecordAttendanceRequest(RequestBody):
    attended_at: AwareDatetime | None = None
    service: Unit | None = Field(default=None, examples=["nuclear-medicine"])
    outcome: AttendanceOutcome | None = None
    notes: Text | None = None


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
    planned_start: date | None = Field(
        default=None, description="First planned day of care; the authorisation must cover it."
    )
    planned_end: date | None = Field(
        default=None, description="Last planned day of care; the authorisation must cover it."
    )


class ExtendAuthorisationRequest(RequestBody):
    """A new validity and reference for the authorisation (S2 extended during the stay)."""

    authorisation: Authorisation | None = None


class AmendGuaranteeRequest(RequestBody):
    """The payer's amended letter of guarantee; claims may then go up to its amount."""

    guarantee: Guarantee | None = None


class ScheduleTransferRequest(RequestBody):
    expected_arrival_at: AwareDatetime | None = None
    transport: Transport | None = None
    escorts: Annotated[int, Field(ge=0, le=20)] = 0
    interpreter_language: stored_in(str, TransferRow.interpreter_language) | None = None


class RecordArrivalRequest(RequestBody):
    arrived_at: AwareDatetime | None = None


class AdmitRequest(RequestBody):
    admitted_at: AwareDatetime | None = None
    unit: Unit | None = None
    bed: Bed | None = None


class TransferUnitRequest(RequestBody):
    unit: Unit | None = None
    at: AwareDatetime | None = None
    bed: Bed | None = Field(default=None, description="Without one, the patient keeps theirs.")


class DischargeRequest(RequestBody):
    discharged_at: AwareDatetime | None = None
    disposition: Disposition | None = None
    summary: Text | None = None
    letter: DischargeLetterIn | None = Field(
        default=None, description="The structured letter; a summary or a letter is required."
    )


class CancelRequest(RequestBody):
    reason_code: CancelReason | None = None
    reason: Reason | None = None


class LogisticsTaskCreate(RequestBody):
    kind: LogisticsTaskKind
    assignee: TaskAssignee | None = None
    due_date: date | None = None
    note: Reason | None = None
    language: LanguageTag | None = Field(default=None, description="Interpreters only.")
    beneficiary: Beneficiary | None = Field(
        default=None, description="Travel, visa, accommodation: the patient or a companion."
    )
    status: LogisticsTaskStatus = Field(
        default=LogisticsTaskStatus.REQUESTED,
        description="`not_needed` records at once that the task does not apply.",
    )


class LogisticsTaskUpdate(RequestBody):
    status: LogisticsTaskStatus | None = None
    assignee: TaskAssignee | None = None
    due_date: date | None = None
    note: Reason | None = None
    language: LanguageTag | None = None
