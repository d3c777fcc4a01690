"""The case aggregate: one patient's journey to one receiving organisation.

Only this class changes a case's status. Every action method follows the same steps:
resolve the transition from the table (InvalidTransition, ActionForbidden), check the
guard and report everything missing at once (GuardFailed), and only then mutate, bump
the version and append one event. A refused action leaves the case untouched.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID

from . import logistics, transitions
from .editing import editable_fields
from .errors import (
    ActionForbidden,
    FieldsNotEditable,
    GuardFailed,
    InvalidTransition,
    ValidationFailed,
)
from .funding import (
    Authorisation,
    FundingContext,
    FundingEvidence,
    Guarantee,
    PriorAuthorisation,
    check_funding,
    prior_authorisation_missing,
)
from .local_time import local_date
from .milestones import Milestone, milestones_reached
from .policies import POLICIES, Operation
from .regimes import REGIMES, CareKind
from .transitions import CaseFact, Transition
from .vocabulary import (
    CASE_COVERAGE_CORRECTED,
    CASE_CREATED,
    CASE_PRIOR_AUTHORISATION_RECORDED,
    CASE_UPDATED,
    Action,
    AttendanceOutcome,
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
    event_type_for,
)

# Admission is recorded by people at a ward desk whose clocks drift a little.
ADMISSION_CLOCK_SKEW = timedelta(minutes=5)

OUTCOME_TARGETS: dict[TeleconsultationOutcome, CaseStatus] = {
    TeleconsultationOutcome.TRANSFER_RECOMMENDED: CaseStatus.ACCEPTED,
    TeleconsultationOutcome.TREAT_LOCALLY: CaseStatus.DECLINED,
    TeleconsultationOutcome.NOT_ELIGIBLE: CaseStatus.DECLINED,
    TeleconsultationOutcome.MORE_INFORMATION_NEEDED: CaseStatus.SUBMITTED,
    TeleconsultationOutcome.NO_SHOW: CaseStatus.SUBMITTED,
}

# Who may create a case (the referring side, or the receiving side on its behalf).
CREATOR_ROLES = tuple(role for role in Role if role in POLICIES[Operation.CREATE_CASE].roles)
# Who acts for a corridor (its events' actor role): the policy table's row.
CORRIDOR_ROLES = tuple(role for role in Role if role in POLICIES[Operation.SUSPEND_CORRIDOR].roles)

# Unplanned care: the routes that fit a patient already on site. EHIC is for these only.
# A travel or assistance insurer's guarantee of payment is the usual cover of a visitor
# taken ill (assistance insurance: Directive 2009/138/EC Annex I, class 18).
EMERGENCY_PRESENTATION_ROUTES = frozenset(
    {
        CoverageRoute.EHIC,
        CoverageRoute.ZOAST,
        CoverageRoute.INSURER_GUARANTEE,
        CoverageRoute.SELF_PAY,
    }
)

# What a guard reports when Directive 2011/24 Art. 8's prior authorisation is missing: the
# action is refused with its own problem code, `prior_authorisation_required`.
PRIOR_AUTHORISATION_MISSING = frozenset(
    {"prior_authorisation_granted", "prior_authorisation_covers_care"}
)

# An IETF BCP 47 language tag (fr, en, ht, nl, pt-BR): the shape, not the registry.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Actor:
    sub: str
    organization_id: UUID | None
    roles: frozenset[Role]


@dataclass
class Coverage:
    route: CoverageRoute | None = None
    payer_organization_id: UUID | None = None
    member_number: str | None = None
    agreement_id: UUID | None = None
    authorisation: Authorisation | None = None
    # The state whose scheme insures the patient; None: the payer's country is assumed.
    insurance_country: str | None = None
    cross_border_worker: bool = False
    # True when the case was placed in the only agreement its facts fit, rather than named.
    agreement_inferred: bool = False


@dataclass(frozen=True)
class VirtualService:
    """How to join a teleconsultation, after FHIR R5 VirtualServiceDetail."""

    channel_type: str  # a code of http://hl7.org/fhir/virtual-service-type or a platform
    address_url: str | None = None
    additional_info: tuple[str, ...] = ()
    max_participants: int | None = None
    session_key: str | None = None


@dataclass
class Teleconsultation:
    id: UUID
    scheduled_at: datetime
    mode: TeleconsultationMode
    consultant: str | None = None
    status: TeleconsultationStatus = TeleconsultationStatus.BOOKED
    outcome: TeleconsultationOutcome | FollowUpOutcome | None = None
    notes: str | None = None
    kind: TeleconsultationKind = TeleconsultationKind.CONSULTATION
    virtual_service: VirtualService | None = None
    # The zone the time was given in (an IANA name, or the offset "-04:00"): kept so the
    # answer shows the participants' local time, not UTC.
    time_zone: str | None = None


@dataclass
class InformationRequest:
    id: UUID
    questions: str
    due_date: date
    requested_at: datetime
    requested_by: str
    answer: str | None = None
    document_ids: list[UUID] = field(default_factory=list)
    answered_at: datetime | None = None
    answered_by: str | None = None


@dataclass(frozen=True)
class Attendance:
    """One outpatient or day-case visit after arrival."""

    id: UUID
    attended_at: datetime
    service: str
    outcome: AttendanceOutcome
    notes: str | None = None


@dataclass(frozen=True)
class CodedEntry:
    display: str
    code: str | None = None
    system: str | None = None


@dataclass(frozen=True)
class Medication:
    name: str
    dosage: str | None = None
    instructions: str | None = None


@dataclass(frozen=True)
class LetterContent:
    """The structured parts of a discharge letter, as the discharge request brings them."""

    diagnoses: tuple[CodedEntry, ...] = ()
    procedures: tuple[CodedEntry, ...] = ()
    medications: tuple[Medication, ...] = ()
    follow_up_instructions: str | None = None
    language: str | None = None

    def has_content(self) -> bool:
        return bool(
            self.diagnoses
            or self.procedures
            or self.medications
            or not _blank(self.follow_up_instructions)
        )


@dataclass
class DischargeLetter:
    """The structured letter the referrer reads: what was found, done and prescribed."""

    discharged_at: datetime
    disposition: Disposition
    summary: str | None = None
    diagnoses: list[CodedEntry] = field(default_factory=list)
    procedures: list[CodedEntry] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    follow_up_instructions: str | None = None
    language: str | None = None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None


@dataclass
class TransferPlan:
    expected_arrival_at: datetime
    transport: Transport
    escorts: int = 0
    interpreter_language: str | None = None
    arrived_at: datetime | None = None


@dataclass(frozen=True)
class UnitMovement:
    from_unit: str | None  # None: the admission itself
    to_unit: str
    at: datetime
    bed: str | None = None


@dataclass
class Stay:
    admitted_at: datetime
    unit: str
    bed: str | None = None
    movements: list[UnitMovement] = field(default_factory=list)
    discharged_at: datetime | None = None
    disposition: Disposition | None = None
    discharge_summary: str | None = None


@dataclass(frozen=True)
class FundingApproval:
    route: CoverageRoute
    authorisation: Authorisation | None
    guarantee: Guarantee | None
    note: str | None
    approved_at: datetime
    # Whose decision it is (the payer's, or the hospital's on the payer's letter): a payer
    # reads its own note back, never the hospital's.
    approved_by_organization_id: UUID | None = None


@dataclass(frozen=True)
class CaseEvent:
    type: str
    action: Action | None
    from_status: CaseStatus | None
    to_status: CaseStatus
    case_version: int
    occurred_at: datetime
    actor: Actor
    actor_role: Role | None
    reason: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # ids and codes, never patient data


@dataclass(kw_only=True)
class Case:
    id: UUID
    reference: str
    referring_organization_id: UUID
    priority: Priority
    coverage: Coverage = field(default_factory=Coverage)
    patient_id: UUID | None = None
    receiving_organization_id: UUID | None = None
    specialty: str | None = None
    reason: str | None = None
    clinical_summary: str | None = None
    status: CaseStatus = CaseStatus.DRAFT
    version: int = 1
    held_from: CaseStatus | None = None
    # The corridor suspension that put the case on hold, if one did (its resume resumes it).
    held_by_suspension_id: UUID | None = None
    teleconsultations: list[Teleconsultation] = field(default_factory=list)
    transfer: TransferPlan | None = None
    stay: Stay | None = None
    funding: FundingApproval | None = None
    cancel_reason_code: CancelReason | None = None
    cancel_reason: str | None = None
    origin: CaseOrigin = CaseOrigin.REFERRAL
    care_setting: CareSetting = CareSetting.INPATIENT
    assignee: str | None = None
    presented_at: datetime | None = None  # an emergency presentation: when the patient came
    information_requests: list[InformationRequest] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    discharge_letter: DischargeLetter | None = None
    has_final_claim: bool = False  # loaded by the service before close
    # Directive 2011/24 Art. 8-9: the home state's decision, and whether its law requires
    # one for this care (loaded by the service from the regime's country list).
    prior_authorisation: PriorAuthorisation | None = None
    prior_authorisation_required: bool = False
    # The receiving facility's IANA time zone: its local dates bound authorisations.
    facility_time_zone: str | None = None
    # (kind, status) of each logistics task: loaded by the service before close.
    checklist: list[tuple[LogisticsTaskKind, LogisticsTaskStatus]] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)  # new, not yet persisted
    # The first time the case reached each milestone of its journey (statistics' lead times).
    milestones: dict[Milestone, datetime] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        reference: str,
        referring_organization_id: UUID,
        actor: Actor,
        now: datetime,
        priority: Priority = Priority.ROUTINE,
        patient_id: UUID | None = None,
        receiving_organization_id: UUID | None = None,
        specialty: str | None = None,
        reason: str | None = None,
        clinical_summary: str | None = None,
        coverage: Coverage | None = None,
        care_setting: CareSetting | str | None = None,
    ) -> "Case":
        case = cls(
            id=id,
            reference=reference,
            referring_organization_id=referring_organization_id,
            priority=Priority(priority),
            coverage=coverage or Coverage(),
            patient_id=patient_id,
            receiving_organization_id=receiving_organization_id,
            specialty=specialty,
            reason=reason,
            clinical_summary=clinical_summary,
            care_setting=CareSetting(care_setting or CareSetting.INPATIENT),
        )
        entry = transitions.entry_for(CaseOrigin.REFERRAL)
        acting = case.acting_roles(actor)
        creator_role = next((role for role in Role if role in acting & entry.roles), None)
        if creator_role is None:
            raise ActionForbidden("create", None, actor.roles)
        _require_aware(now=now)
        case._emit(
            CaseEvent(
                type=CASE_CREATED,
                action=None,
                from_status=None,
                to_status=CaseStatus.DRAFT,
                case_version=case.version,
                occurred_at=now,
                actor=actor,
                actor_role=creator_role,
            )
        )
        return case

    @classmethod
    def present(
        cls,
        *,
        id: UUID,
        reference: str,
        actor: Actor,
        now: datetime,
        presented_at: datetime | None,
        patient_id: UUID | None,
        specialty: str | None,
        coverage: Coverage | None,
        referring_organization_id: UUID | None = None,
        priority: Priority = Priority.EMERGENCY,
        care_setting: CareSetting | str | None = None,
        reason: str | None = None,
        clinical_summary: str | None = None,
        admitted_at: datetime | None = None,
        unit: str | None = None,
        bed: str | None = None,
    ) -> "Case":
        """An emergency presentation: the receiving hospital opens the case of a patient
        already on site, in `arrived`, or in `admitted` when an admission is given."""
        entry = transitions.entry_for(CaseOrigin.EMERGENCY_PRESENTATION)
        receiving = actor.organization_id
        coverage = coverage or Coverage()
        admitting = admitted_at is not None or not _blank(unit)
        status = CaseStatus.ADMITTED if admitting else CaseStatus.ARRIVED
        case = cls(
            id=id,
            reference=reference,
            # Nobody referred a walk-in: the hospital stands on both sides, unless the
            # patient's own doctor or hospital is named.
            referring_organization_id=referring_organization_id or receiving,
            receiving_organization_id=receiving,
            priority=Priority(priority),
            coverage=coverage,
            patient_id=patient_id,
            specialty=specialty,
            reason=reason,
            clinical_summary=clinical_summary,
            origin=CaseOrigin.EMERGENCY_PRESENTATION,
            care_setting=CareSetting(
                CareSetting.INPATIENT if admitting else care_setting or CareSetting.OUTPATIENT
            ),
        )
        acting = frozenset(
            role for role in actor.roles if receiving is not None and role in entry.roles
        )
        creator_role = next((role for role in Role if role in acting), None)
        if creator_role is None:
            raise ActionForbidden("create", None, actor.roles)
        _require_aware(now=now, presented_at=presented_at, admitted_at=admitted_at)
        route = coverage.route
        case._check(
            "create",
            patient_id=patient_id is not None,
            specialty=not _blank(specialty),
            coverage_route=route is not None,
            route_fits_unplanned_care=route is None or route in EMERGENCY_PRESENTATION_ROUTES,
            presented_at=presented_at is not None,
            presented_at_not_future=(
                presented_at is None or presented_at <= now + ADMISSION_CLOCK_SKEW
            ),
            unit=not admitting or not _blank(unit),
            admitted_at=not admitting or admitted_at is not None,
            admitted_at_not_before_presentation=(
                admitted_at is None or presented_at is None or admitted_at >= presented_at
            ),
            admitted_at_not_future=(
                admitted_at is None or admitted_at <= now + ADMISSION_CLOCK_SKEW
            ),
        )
        case.presented_at = presented_at
        if admitting:
            unit = unit.strip()
            case.stay = Stay(
                admitted_at=admitted_at,
                unit=unit,
                bed=bed,
                movements=[UnitMovement(from_unit=None, to_unit=unit, at=admitted_at, bed=bed)],
            )
        case.status = status
        case._emit(
            CaseEvent(
                type=CASE_CREATED,
                action=None,
                from_status=None,
                to_status=status,
                case_version=case.version,
                occurred_at=now,
                actor=actor,
                actor_role=creator_role,
                data={"origin": case.origin.value, "care_setting": case.care_setting.value},
            )
        )
        return case

    # -- parties and permissions ------------------------------------------------------

    @property
    def payer_organization_id(self) -> UUID | None:
        return self.coverage.payer_organization_id

    def organization_for(self, role: Role) -> UUID | None:
        """The organisation a role acts for on this case: its side of the corridor."""
        sides = {
            Role.REFERRER: self.referring_organization_id,
            Role.COORDINATOR: self.receiving_organization_id,
            Role.CLINICIAN: self.receiving_organization_id,
            Role.PAYER: self.payer_organization_id,
        }
        return sides.get(role)

    def acting_roles(self, actor: Actor) -> frozenset[Role]:
        if actor.organization_id is None:
            return frozenset()
        return frozenset(
            role for role in actor.roles if self.organization_for(role) == actor.organization_id
        )

    def allowed_actions(self, actor: Actor) -> list[str]:
        return transitions.allowed_actions(
            self.status, self.acting_roles(actor), self.priority, self.care_setting, self.facts
        )

    @property
    def facts(self) -> frozenset[CaseFact]:
        """The facts of the case some rows of the lifecycle table need."""
        facts = set()
        if self.funding is None:
            facts.add(CaseFact.NOT_FUNDED)
        if self.coverage.authorisation is not None:
            facts.add(CaseFact.HOLDS_AUTHORISATION)
        if self.funding is not None and self.funding.guarantee is not None:
            facts.add(CaseFact.HOLDS_GUARANTEE)
        return frozenset(facts)

    @property
    def unplanned_care(self) -> bool:
        """Care the patient did not plan: the input funding regimes take (EHIC covers only
        this). Decided by the case's origin."""
        return self.origin == CaseOrigin.EMERGENCY_PRESENTATION

    @property
    def open_information_request(self) -> InformationRequest | None:
        """The question the referrer has still to answer. It lapses when the case leaves
        `information_requested` otherwise (declined, cancelled): nobody waits on it."""
        if self.status != CaseStatus.INFORMATION_REQUESTED:
            return None
        open_ = [r for r in self.information_requests if r.answered_at is None]
        return open_[-1] if open_ else None

    @property
    def care_kind(self) -> CareKind:
        """The input the funding regimes take (app/domain/regimes.py)."""
        return CareKind.UNPLANNED if self.unplanned_care else CareKind.PLANNED

    def local_date(self, moment: datetime) -> date:
        return local_date(moment, self.facility_time_zone)

    @property
    def booked_teleconsultation(self) -> Teleconsultation | None:
        return self._booked(TeleconsultationKind.CONSULTATION)

    @property
    def booked_follow_up(self) -> Teleconsultation | None:
        return self._booked(TeleconsultationKind.FOLLOW_UP)

    def _booked(self, kind: TeleconsultationKind) -> Teleconsultation | None:
        booked = [
            t
            for t in self.teleconsultations
            if t.status == TeleconsultationStatus.BOOKED and t.kind == kind
        ]
        return booked[-1] if booked else None

    # -- actions ------------------------------------------------------------------------

    def submit(self, *, actor: Actor, now: datetime) -> None:
        row, role = self._authorise(Action.SUBMIT, actor)
        _require_aware(now=now)
        self._check(
            Action.SUBMIT,
            patient_id=self.patient_id is not None,
            receiving_organization_id=self.receiving_organization_id is not None,
            specialty=not _blank(self.specialty),
            clinical_summary=not _blank(self.clinical_summary),
            coverage_route=self.coverage.route is not None,
        )
        self._record(row, role, actor, now)

    def request_information(
        self,
        *,
        actor: Actor,
        now: datetime,
        request_id: UUID,
        questions: str | None = None,
        due_date: date | None = None,
    ) -> None:
        row, role = self._authorise(Action.REQUEST_INFORMATION, actor)
        _require_aware(now=now)
        self._check(
            Action.REQUEST_INFORMATION,
            questions=not _blank(questions),
            due_date=due_date is not None,
            due_date_not_past=due_date is None or due_date >= now.date(),
        )
        self.information_requests.append(
            InformationRequest(
                id=request_id,
                questions=questions.strip(),
                due_date=due_date,
                requested_at=now,
                requested_by=actor.sub,
            )
        )
        data = {"information_request_id": str(request_id), "due_date": due_date.isoformat()}
        self._record(row, role, actor, now, data=data)

    def provide_information(
        self,
        *,
        actor: Actor,
        now: datetime,
        answer: str | None = None,
        document_ids: list[UUID] | None = None,
    ) -> None:
        row, role = self._authorise(Action.PROVIDE_INFORMATION, actor)
        _require_aware(now=now)
        request = self.open_information_request
        self._check(
            Action.PROVIDE_INFORMATION,
            information_request=request is not None,
            answer=not _blank(answer) or bool(document_ids),
        )
        request.answer = None if _blank(answer) else answer.strip()
        request.document_ids = list(document_ids or [])
        request.answered_at = now
        request.answered_by = actor.sub
        data = {"information_request_id": str(request.id)}
        self._record(row, role, actor, now, data=data)

    def schedule_teleconsultation(
        self,
        *,
        actor: Actor,
        now: datetime,
        teleconsultation_id: UUID,
        scheduled_at: datetime | None = None,
        mode: TeleconsultationMode | str | None = None,
        consultant: str | None = None,
        virtual_service: VirtualService | None = None,
        time_zone: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.SCHEDULE_TELECONSULTATION, actor)
        self._book(
            row,
            role,
            actor,
            now,
            TeleconsultationKind.CONSULTATION,
            teleconsultation_id,
            scheduled_at,
            mode,
            consultant,
            virtual_service,
            time_zone,
        )

    def schedule_follow_up(
        self,
        *,
        actor: Actor,
        now: datetime,
        teleconsultation_id: UUID,
        scheduled_at: datetime | None = None,
        mode: TeleconsultationMode | str | None = None,
        consultant: str | None = None,
        virtual_service: VirtualService | None = None,
        time_zone: str | None = None,
    ) -> None:
        """A follow-up teleconsultation after discharge, before the case closes."""
        row, role = self._authorise(Action.SCHEDULE_FOLLOW_UP, actor)
        self._book(
            row,
            role,
            actor,
            now,
            TeleconsultationKind.FOLLOW_UP,
            teleconsultation_id,
            scheduled_at,
            mode,
            consultant,
            virtual_service,
            time_zone,
        )

    def _book(
        self,
        row: Transition,
        role: Role,
        actor: Actor,
        now: datetime,
        kind: TeleconsultationKind,
        teleconsultation_id: UUID,
        scheduled_at: datetime | None,
        mode: TeleconsultationMode | str | None,
        consultant: str | None,
        virtual_service: VirtualService | None,
        time_zone: str | None,
    ) -> None:
        _require_aware(now=now, scheduled_at=scheduled_at)
        mode = _member(TeleconsultationMode, mode)
        self._check(
            row.action,
            scheduled_at=scheduled_at is not None,
            scheduled_at_in_future=scheduled_at is None or scheduled_at > now,
            mode=mode is not None,
            time_zone_known=time_zone is None or _known_time_zone(time_zone),
        )
        self.teleconsultations.append(
            Teleconsultation(
                id=teleconsultation_id,
                scheduled_at=scheduled_at,
                mode=mode,
                consultant=consultant,
                kind=kind,
                virtual_service=virtual_service,
                time_zone=time_zone or _offset_of(scheduled_at),
            )
        )
        data = {"teleconsultation_id": str(teleconsultation_id), "mode": mode.value}
        self._record(row, role, actor, now, data=data)

    def record_teleconsultation(
        self,
        *,
        actor: Actor,
        now: datetime,
        outcome: TeleconsultationOutcome | str | None = None,
        notes: str | None = None,
    ) -> None:
        """Its outcome decides where the case goes (`OUTCOME_TARGETS`)."""
        self._record_outcome(Action.RECORD_TELECONSULTATION, actor, now, outcome, notes)

    def record_follow_up(
        self,
        *,
        actor: Actor,
        now: datetime,
        outcome: FollowUpOutcome | str | None = None,
        notes: str | None = None,
    ) -> None:
        """The case stays discharged."""
        self._record_outcome(Action.RECORD_FOLLOW_UP, actor, now, outcome, notes)

    def _record_outcome(
        self,
        action: Action,
        actor: Actor,
        now: datetime,
        outcome: TeleconsultationOutcome | FollowUpOutcome | str | None,
        notes: str | None,
    ) -> None:
        """The outcome of the booked teleconsultation, or of the booked follow-up."""
        row, role = self._authorise(action, actor)
        _require_aware(now=now)
        follow_up = action == Action.RECORD_FOLLOW_UP
        outcomes = FollowUpOutcome if follow_up else TeleconsultationOutcome
        outcome = _member(outcomes, outcome)
        booked = self.booked_follow_up if follow_up else self.booked_teleconsultation
        name = "follow_up" if follow_up else "teleconsultation"
        self._check(
            action,
            outcome=outcome is not None,
            **{
                f"booked_{name}": booked is not None,
                # An outcome is only known once the call has begun.
                f"{name}_started": booked is None or booked.scheduled_at <= now,
            },
        )
        booked.outcome = outcome
        booked.notes = notes
        booked.status = (
            TeleconsultationStatus.NOSHOW
            if outcome == outcomes.NO_SHOW
            else TeleconsultationStatus.FULFILLED
        )
        data = {"teleconsultation_id": str(booked.id), "outcome": outcome.value}
        target = None if follow_up else OUTCOME_TARGETS[outcome]
        self._record(row, role, actor, now, to=target, reason=outcome.value, data=data)

    def accept(self, *, actor: Actor, now: datetime, reason: str | None = None) -> None:
        row, role = self._authorise(Action.ACCEPT, actor)
        _require_aware(now=now)
        self._check(Action.ACCEPT, reason=not _blank(reason))
        self._record(row, role, actor, now, reason=reason)

    def decline(self, *, actor: Actor, now: datetime, reason: str | None = None) -> None:
        row, role = self._authorise(Action.DECLINE, actor)
        _require_aware(now=now)
        self._check(Action.DECLINE, reason=not _blank(reason))
        self._cancel_booked_teleconsultations()
        self._record(row, role, actor, now, reason=reason)

    def approve_funding(
        self,
        *,
        actor: Actor,
        now: datetime,
        evidence: FundingEvidence,
        context: FundingContext,
    ) -> None:
        row, role = self._authorise(Action.APPROVE_FUNDING, actor)
        _require_aware(now=now)
        # An authorisation already on the coverage counts as evidence too.
        merged = FundingEvidence(
            authorisation=evidence.authorisation or self.coverage.authorisation,
            guarantee=evidence.guarantee,
            note=evidence.note,
        )
        merged = replace(
            merged, planned_start=evidence.planned_start, planned_end=evidence.planned_end
        )
        today = context.today or self.local_date(now)
        context = replace(
            context,
            care=self.care_kind,
            today=today,
            care_start=self._care_start(evidence),
            prior_authorisation_required=self.prior_authorisation_required,
            prior_authorisation=self.prior_authorisation,
        )
        missing = check_funding(self.coverage.route, merged, context)
        # Moved first, funded later: until the final claim, which bills what was funded.
        late = row.target is None
        if late and self.has_final_claim:
            missing.append("no_final_claim_yet")
        if missing:
            raise _guard_failed(Action.APPROVE_FUNDING, missing)
        if evidence.authorisation is not None:
            self.coverage.authorisation = evidence.authorisation
        self.funding = FundingApproval(
            route=self.coverage.route,
            authorisation=merged.authorisation,
            guarantee=merged.guarantee,
            note=merged.note,
            approved_at=now,
            approved_by_organization_id=actor.organization_id,
        )
        data = {"route": self.coverage.route.value}
        if late:
            data["after"] = self.status.value  # the funding followed the transfer or the care
        self._record(row, role, actor, now, to=self.status, reason=evidence.note, data=data)

    def _care_start(self, evidence: FundingEvidence) -> date | None:
        """The first day of care, at the facility: when the patient arrived or was admitted,
        else the planned start the funding request gives."""
        began = self.arrived_at or (self.stay.admitted_at if self.stay else None)
        if began is not None:
            return self.local_date(began)
        return evidence.planned_start

    def schedule_transfer(
        self,
        *,
        actor: Actor,
        now: datetime,
        expected_arrival_at: datetime | None = None,
        transport: Transport | str | None = None,
        escorts: int = 0,
        interpreter_language: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.SCHEDULE_TRANSFER, actor)
        _require_aware(now=now, expected_arrival_at=expected_arrival_at)
        transport = _member(Transport, transport)
        arrival_day = self.local_date(expected_arrival_at) if expected_arrival_at else None
        self._check(
            Action.SCHEDULE_TRANSFER,
            expected_arrival_at=expected_arrival_at is not None,
            expected_arrival_at_in_future=expected_arrival_at is None or expected_arrival_at > now,
            transport=transport is not None,
            escorts=isinstance(escorts, int) and not isinstance(escorts, bool) and escorts >= 0,
            authorisation_valid_on_arrival=self._s2_authorised_on(expected_arrival_at),
            **{
                name: False
                for name in prior_authorisation_missing(
                    self.prior_authorisation_required, self.prior_authorisation, arrival_day
                )
            },
        )
        self.transfer = TransferPlan(
            expected_arrival_at=expected_arrival_at,
            transport=transport,
            escorts=escorts,
            interpreter_language=interpreter_language,
        )
        self._record(row, role, actor, now, data={"transport": transport.value})

    def record_arrival(
        self, *, actor: Actor, now: datetime, arrived_at: datetime | None = None
    ) -> None:
        row, role = self._authorise(Action.RECORD_ARRIVAL, actor)
        _require_aware(now=now, arrived_at=arrived_at)
        arrived_at = arrived_at or now
        self._check(
            Action.RECORD_ARRIVAL,
            transfer=self.transfer is not None,
            authorisation_valid_on_arrival=self._s2_authorised_on(arrived_at),
        )
        self.transfer.arrived_at = arrived_at
        self._record(row, role, actor, now)

    def admit(
        self,
        *,
        actor: Actor,
        now: datetime,
        admitted_at: datetime | None = None,
        unit: str | None = None,
        bed: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.ADMIT, actor)
        _require_aware(now=now, admitted_at=admitted_at)
        self._check(
            Action.ADMIT,
            admitted_at=admitted_at is not None,
            admitted_at_not_future=admitted_at is None or admitted_at <= now + ADMISSION_CLOCK_SKEW,
            unit=not _blank(unit),
            authorisation_valid_on_admission=self._s2_authorised_on(admitted_at),
        )
        unit = unit.strip()
        self.stay = Stay(
            admitted_at=admitted_at,
            unit=unit,
            bed=bed,
            movements=[UnitMovement(from_unit=None, to_unit=unit, at=admitted_at, bed=bed)],
        )
        # An outpatient who needs a bed becomes an inpatient.
        self.care_setting = CareSetting.INPATIENT
        self._record(row, role, actor, now, data={"care_setting": self.care_setting.value})

    def transfer_unit(
        self,
        *,
        actor: Actor,
        now: datetime,
        unit: str | None = None,
        at: datetime | None = None,
        bed: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.TRANSFER_UNIT, actor)
        _require_aware(now=now, at=at)
        at = at or now
        stay = self.stay
        unit = None if _blank(unit) else unit.strip()
        last_movement_at = stay.movements[-1].at if stay and stay.movements else None
        self._check(
            Action.TRANSFER_UNIT,
            stay=stay is not None,
            unit=unit is not None,
            unit_differs=stay is None or unit != stay.unit,
            at_not_before_admission=stay is None or at >= stay.admitted_at,
            at_not_before_last_movement=last_movement_at is None or at >= last_movement_at,
        )
        # A move to another unit leaves the old unit's bed: the new one is the bed given
        # with the move, or none until the ward assigns one (by a new move).
        stay.bed = None if _blank(bed) else bed.strip()
        stay.movements.append(UnitMovement(from_unit=stay.unit, to_unit=unit, at=at, bed=stay.bed))
        stay.unit = unit
        self._record(row, role, actor, now)

    def record_attendance(
        self,
        *,
        actor: Actor,
        now: datetime,
        attendance_id: UUID,
        attended_at: datetime | None = None,
        service: str | None = None,
        outcome: AttendanceOutcome | str | None = None,
        notes: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.RECORD_ATTENDANCE, actor)
        _require_aware(now=now, attended_at=attended_at)
        outcome = _member(AttendanceOutcome, outcome)
        arrived_at = self.arrived_at
        self._check(
            Action.RECORD_ATTENDANCE,
            attended_at=attended_at is not None,
            attended_at_not_future=(
                attended_at is None or attended_at <= now + ADMISSION_CLOCK_SKEW
            ),
            attended_at_not_before_arrival=(
                attended_at is None or arrived_at is None or attended_at >= arrived_at
            ),
            service=not _blank(service),
            outcome=outcome is not None,
        )
        self.attendances.append(
            Attendance(
                id=attendance_id,
                attended_at=attended_at,
                service=service.strip(),
                outcome=outcome,
                notes=notes,
            )
        )
        data = {"attendance_id": str(attendance_id), "outcome": outcome.value}
        self._record(row, role, actor, now, data=data)

    @property
    def arrived_at(self) -> datetime | None:
        if self.presented_at is not None:
            return self.presented_at
        return self.transfer.arrived_at if self.transfer else None

    def discharge(
        self,
        *,
        actor: Actor,
        now: datetime,
        discharged_at: datetime | None = None,
        disposition: Disposition | str | None = None,
        summary: str | None = None,
        letter: LetterContent | None = None,
    ) -> None:
        """End the care: from `admitted`, or from `arrived` for outpatient and day-case care
        once at least one attendance is recorded. The letter's structured parts (diagnoses,
        procedures, medications, follow-up instructions) travel with the summary."""
        row, role = self._authorise(Action.DISCHARGE, actor)
        _require_aware(now=now, discharged_at=discharged_at)
        disposition = _member(Disposition, disposition)
        stay = self.stay
        ambulatory = self.status == CaseStatus.ARRIVED
        began = self.arrived_at if ambulatory else (stay.admitted_at if stay else None)
        language = letter.language if letter else None
        self._check(
            Action.DISCHARGE,
            stay=ambulatory or stay is not None,
            attendance=not ambulatory or bool(self.attendances),
            discharged_at=discharged_at is not None,
            discharged_at_after_admission=(
                ambulatory
                or stay is None
                or discharged_at is None
                or discharged_at > stay.admitted_at
            ),
            discharged_at_not_before_arrival=(
                not ambulatory or began is None or discharged_at is None or discharged_at >= began
            ),
            disposition=disposition is not None,
            summary=not _blank(summary) or (letter is not None and letter.has_content()),
            letter_language=language is None or bool(LANGUAGE_TAG.match(language)),
        )
        if stay is not None and not ambulatory:
            stay.discharged_at = discharged_at
            stay.disposition = disposition
            stay.discharge_summary = summary
        self.discharge_letter = DischargeLetter(
            discharged_at=discharged_at,
            disposition=disposition,
            summary=summary,
            diagnoses=list(letter.diagnoses) if letter else [],
            procedures=list(letter.procedures) if letter else [],
            medications=list(letter.medications) if letter else [],
            follow_up_instructions=letter.follow_up_instructions if letter else None,
            language=language,
        )
        self._record(row, role, actor, now, data={"disposition": disposition.value})

    def acknowledge_discharge(self, *, actor: Actor, now: datetime) -> None:
        """The referrer confirms the discharge letter reached them."""
        row, role = self._authorise(Action.ACKNOWLEDGE_DISCHARGE, actor)
        _require_aware(now=now)
        letter = self.discharge_letter
        self._check(
            Action.ACKNOWLEDGE_DISCHARGE,
            discharge_letter=letter is not None,
            not_yet_acknowledged=letter is None or letter.acknowledged_at is None,
        )
        letter.acknowledged_at = now
        letter.acknowledged_by = actor.sub
        self._record(row, role, actor, now)

    def close(self, *, actor: Actor, now: datetime) -> None:
        row, role = self._authorise(Action.CLOSE, actor)
        _require_aware(now=now)
        self._check(
            Action.CLOSE,
            final_claim=self.has_final_claim,
            return_transport=logistics.return_settled(self.checklist),
        )
        self._cancel_booked_teleconsultations()  # a follow-up still booked will not happen
        self._record(row, role, actor, now)

    def cancel(
        self,
        *,
        actor: Actor,
        now: datetime,
        reason_code: CancelReason | str | None = None,
        reason: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.CANCEL, actor)
        _require_aware(now=now)
        reason_code = _member(CancelReason, reason_code)
        self._check(Action.CANCEL, reason_code=reason_code is not None)
        self._cancel_booked_teleconsultations()
        self.cancel_reason_code = reason_code
        self.cancel_reason = reason
        self.held_from = None
        self.held_by_suspension_id = None
        data = {"reason_code": reason_code.value}
        self._record(row, role, actor, now, reason=reason_code.value, data=data)

    def hold(self, *, actor: Actor, now: datetime, reason: str | None = None) -> None:
        row, role = self._authorise(Action.HOLD, actor)
        _require_aware(now=now)
        self._check(Action.HOLD, reason=not _blank(reason))
        self.held_from = self.status
        data = {"held_from": self.status.value}
        self._record(row, role, actor, now, reason=reason, data=data)

    def resume(self, *, actor: Actor, now: datetime) -> None:
        row, role = self._authorise(Action.RESUME, actor)
        _require_aware(now=now)
        self._check(Action.RESUME, held_from=self.held_from is not None)
        target, self.held_from = self.held_from, None
        self.held_by_suspension_id = None
        self._record(row, role, actor, now, to=target, data={"resumed_to": target.value})

    # -- a whole corridor at once (a border closure, a hurricane) -------------------------

    def hold_for_suspension(
        self, *, actor: Actor, now: datetime, suspension_id: UUID, reason_code: str
    ) -> None:
        """The `hold` row of the table, on the corridor's authority rather than a side's:
        whoever suspends the agreement (policies `SUSPEND_CORRIDOR`, checked by the service)
        holds each of its open cases, wherever it is received."""
        row, role = self._corridor_row(Action.HOLD, actor)
        _require_aware(now=now)
        self.held_from = self.status
        self.held_by_suspension_id = suspension_id
        data = {
            "held_from": self.status.value,
            "suspension_id": str(suspension_id),
            "reason_code": reason_code,
        }
        self._record(row, role, actor, now, reason=reason_code, data=data)

    def resume_after_suspension(self, *, actor: Actor, now: datetime, suspension_id: UUID) -> None:
        """Back to the status it was held from, if this suspension (and nothing else) held
        it: a case held for another reason stays held."""
        row, role = self._corridor_row(Action.RESUME, actor)
        _require_aware(now=now)
        self._check(
            Action.RESUME,
            held_by_this_suspension=self.held_by_suspension_id == suspension_id,
            held_from=self.held_from is not None,
        )
        target, self.held_from, self.held_by_suspension_id = self.held_from, None, None
        data = {"resumed_to": target.value, "suspension_id": str(suspension_id)}
        self._record(row, role, actor, now, to=target, data=data)

    def _corridor_row(self, action: Action, actor: Actor) -> tuple[Transition, Role]:
        rows = transitions.rows_leaving(
            self.status, action, self.priority, self.care_setting, self.facts
        )
        if not rows:
            raise InvalidTransition(action, self.status, self.allowed_actions(actor))
        role = next((r for r in CORRIDOR_ROLES if r in actor.roles), None)
        if role is None:
            raise ActionForbidden(action, self.status, actor.roles)
        return rows[0], role

    def extend_authorisation(
        self, *, actor: Actor, now: datetime, authorisation: Authorisation | None = None
    ) -> None:
        """Record a new validity and reference of the authorisation (EESSI S_BUC_09: an S2
        extended during the stay, S035/S037)."""
        row, role = self._authorise(Action.EXTEND_AUTHORISATION, actor)
        _require_aware(now=now)
        current = self.coverage.authorisation
        self._check(
            Action.EXTEND_AUTHORISATION,
            authorisation=authorisation is not None and authorisation.is_complete(),
            extends_validity=(
                authorisation is None
                or current is None
                or authorisation.valid_until > current.valid_until
            ),
        )
        self.coverage.authorisation = authorisation
        if self.funding is not None:
            self.funding = replace(self.funding, authorisation=authorisation)
        data = {"valid_until": authorisation.valid_until.isoformat()}
        self._record(row, role, actor, now, to=self.status, data=data)

    def amend_guarantee(
        self, *, actor: Actor, now: datetime, guarantee: Guarantee | None = None
    ) -> None:
        """A payer's amended letter of guarantee: claims up to the new amount."""
        row, role = self._authorise(Action.AMEND_GUARANTEE, actor)
        _require_aware(now=now)
        current = self.funding.guarantee if self.funding else None
        if guarantee is not None and current is not None and guarantee.valid_from is None:
            # An amended amount keeps the dates of the letter it amends unless it states new.
            guarantee = replace(
                guarantee, valid_from=current.valid_from, valid_until=current.valid_until
            )
        capped = current is not None and current.valid_from is not None
        self._check(
            Action.AMEND_GUARANTEE,
            guarantee=guarantee is not None and not _blank(guarantee.reference),
            funding=self.funding is not None,
            guarantee_validity=guarantee is None or not capped or guarantee.has_validity(),
        )
        self.funding = replace(self.funding, guarantee=guarantee)
        data = {"currency": guarantee.amount.currency}
        self._record(row, role, actor, now, to=self.status, data=data)

    # While the patient is in the hospital's care or after discharge (before close): when the
    # coverage that pays is known (an EHIC shown after an emergency visit, an S2 issued
    # afterwards, a wrong payer).
    COVERAGE_CORRECTABLE = frozenset(
        {CaseStatus.ARRIVED, CaseStatus.ADMITTED, CaseStatus.DISCHARGED}
    )

    def correct_coverage(
        self, *, actor: Actor, now: datetime, coverage: Coverage, reason: str | None = None
    ) -> None:
        """The receiving hospital's coordinator corrects the coverage once the care is given,
        so the stay is billed to the right debtor (Reg. 987/2009 Art. 25(5): the EHIC, or a
        certificate replacing it, may come after the care; the institution of the place of
        stay then bills the competent one). An event `case.coverage_corrected` says which
        route it was and is (no patient data); the service checks the route applies."""
        _require_aware(now=now)
        acting = self.acting_roles(actor)
        if Role.COORDINATOR not in acting or actor.organization_id != (
            self.receiving_organization_id
        ):
            raise ActionForbidden("correct-coverage", self.status, actor.roles)
        if self.status not in self.COVERAGE_CORRECTABLE:
            raise FieldsNotEditable(["coverage"], self.status)
        if coverage.route is None:
            raise GuardFailed("correct-coverage", ["coverage_route"])  # a route bills the stay
        previous = self.coverage.route
        self.coverage = coverage
        self.version += 1
        self._emit(
            CaseEvent(
                type=CASE_COVERAGE_CORRECTED,
                action=None,
                from_status=self.status,
                to_status=self.status,
                case_version=self.version,
                occurred_at=now,
                actor=actor,
                actor_role=Role.COORDINATOR,
                reason=reason,
                data={
                    "previous_route": previous.value if previous else None,
                    "route": coverage.route.value if coverage.route else None,
                },
            )
        )

    # -- Directive 2011/24 Art. 8: the home state's prior authorisation ------------------

    PRIOR_AUTHORISATION_RECORDABLE = frozenset(
        status for status in CaseStatus if status not in transitions.TERMINAL_STATUSES
    )

    def record_prior_authorisation(
        self, *, actor: Actor, now: datetime, record: PriorAuthorisation
    ) -> None:
        """The home state's decision on the prior authorisation (Directive 2011/24 Art. 8-9),
        as the patient brings it: recorded by the receiving office or the referring side on
        the patient's behalf, on a Directive case still open. A later decision (an appeal, a
        new period) replaces it. The event `case.prior_authorisation_recorded` says the
        decision only (no reference, no reason: they stay on the case)."""
        _require_aware(now=now)
        action = "record-prior-authorisation"
        acting = self.acting_roles(actor) & {Role.COORDINATOR, Role.REFERRER}
        if not acting:
            raise ActionForbidden(action, self.status, actor.roles)
        if self.status not in self.PRIOR_AUTHORISATION_RECORDABLE:
            raise InvalidTransition(action, self.status, self.allowed_actions(actor))
        route = self.coverage.route
        if route is None or REGIMES[route].prior_authorisation_states is None:
            raise ValidationFailed(
                "prior_authorisation_not_for_route",
                "a prior authorisation under Directive 2011/24 Art. 8 is recorded on a "
                "case under the eu_directive route",
            )
        problems = record.problems(self.local_date(now))
        if problems:
            raise GuardFailed(action, problems)
        self.prior_authorisation = record
        self.version += 1
        role = next(role for role in Role if role in acting)
        self._emit(
            CaseEvent(
                type=CASE_PRIOR_AUTHORISATION_RECORDED,
                action=None,
                from_status=self.status,
                to_status=self.status,
                case_version=self.version,
                occurred_at=now,
                actor=actor,
                actor_role=role,
                data={"decision": record.decision.value, "route": route.value},
            )
        )

    # -- its corridor -------------------------------------------------------------------

    def place_in_agreement(self, agreement_id: UUID) -> None:
        """Place the case in the agreement its facts fit (DESIGN.md: a case whose facts fit
        exactly one agreement is placed in it); the coverage named none. The creation or
        edit that led here says so in its event's data."""
        self.coverage.agreement_id = agreement_id
        self.coverage.agreement_inferred = True
        for event in self.events:  # not yet persisted
            if event.type in (CASE_CREATED, CASE_UPDATED):
                event.data["agreement_id"] = str(agreement_id)
                event.data["agreement_placement"] = "inferred"  # not named by the caller

    # -- editing --------------------------------------------------------------------------

    def edit(self, *, actor: Actor, now: datetime, changes: dict[str, Any]) -> None:
        """Change descriptive fields; which ones depends on the status and the caller's side."""
        _require_aware(now=now)
        acting = self.acting_roles(actor)
        if not acting:
            raise ActionForbidden("edit", self.status, actor.roles)
        refused = set(changes) - editable_fields(self.status, acting)
        if refused:
            raise FieldsNotEditable(sorted(refused), self.status)
        if not changes:
            return
        for name, value in changes.items():
            if name == "priority":
                value = Priority(value)
            if name == "care_setting":
                value = CareSetting(value)
            if name != "referring_practitioner":  # kept by the service: not a domain concept
                setattr(self, name, value)
        self.version += 1
        self._emit(
            CaseEvent(
                type=CASE_UPDATED,
                action=None,
                from_status=self.status,
                to_status=self.status,
                case_version=self.version,
                occurred_at=now,
                actor=actor,
                actor_role=next(role for role in Role if role in acting),
                data={"fields": ",".join(sorted(changes))},
            )
        )

    # -- events -------------------------------------------------------------------------

    def _emit(self, event: CaseEvent) -> None:
        """Every event of the case passes here: it may reach a milestone (first time kept)."""
        self.events.append(event)
        for milestone in milestones_reached(event.type, event.from_status, event.to_status):
            self.milestones.setdefault(milestone, event.occurred_at)

    def collect_events(self) -> list[CaseEvent]:
        """Hand the new events to the service for persistence, and forget them."""
        collected, self.events = self.events, []
        return collected

    @staticmethod
    def replay_status(
        events: Iterable[tuple[CaseStatus | None, CaseStatus]],
    ) -> CaseStatus:
        """Fold a timeline's (from, to) pairs into the status it leads to."""
        status: CaseStatus | None = None
        for from_status, to_status in events:
            if from_status != status:
                raise ValueError(f"event leaves {from_status} but the case was {status}")
            status = to_status
        if status is None:
            raise ValueError("a timeline starts with the case's creation")
        return status

    # -- the steps every action shares --------------------------------------------------

    def _authorise(self, action: Action, actor: Actor) -> tuple[Transition, Role]:
        rows = transitions.rows_leaving(
            self.status, action, self.priority, self.care_setting, self.facts
        )
        if not rows:
            raise InvalidTransition(action, self.status, self.allowed_actions(actor))
        acting = self.acting_roles(actor)
        for row in rows:
            if row.permits(acting):
                # Deterministic choice when an actor holds several permitted roles.
                return row, next(role for role in Role if role in row.roles & acting)
        raise ActionForbidden(action, self.status, actor.roles)

    def _check(self, action: Action, **conditions: bool) -> None:
        missing = [name for name, met in conditions.items() if not met]
        if missing:
            raise _guard_failed(action, missing)

    def _record(
        self,
        row: Transition,
        role: Role,
        actor: Actor,
        now: datetime,
        *,
        to: CaseStatus | None = None,
        reason: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        target = row.target or to
        if target is None:
            raise ValueError(f"'{row.action}' decides its target but none was given")
        from_status = self.status
        self.status = target
        self.version += 1
        self._emit(
            CaseEvent(
                type=event_type_for(row.action),
                action=row.action,
                from_status=from_status,
                to_status=target,
                case_version=self.version,
                occurred_at=now,
                actor=actor,
                actor_role=role,
                reason=reason,
                data=data or {},
            )
        )

    def _cancel_booked_teleconsultations(self) -> None:
        for teleconsultation in self.teleconsultations:
            if teleconsultation.status == TeleconsultationStatus.BOOKED:
                teleconsultation.status = TeleconsultationStatus.CANCELLED

    def _s2_authorised_on(self, arrival: datetime | None) -> bool:
        if self.coverage.route != CoverageRoute.S2 or arrival is None:
            return True
        authorisation = self.coverage.authorisation
        # Regulation 987/2009 Art. 26: the S2 covers the dates it states, in the place of care.
        return authorisation is not None and authorisation.valid_on(self.local_date(arrival))


E = TypeVar("E", bound=StrEnum)


def _member(enum: type[E], value: E | str | None) -> E | None:
    """The enum member for a value, or None when it is missing or not one of its values."""
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        return None


def _known_time_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if _OFFSET.match(name):
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")


def _offset_of(moment: datetime | None) -> str | None:
    """The UTC offset a time was given with, as "+HH:MM"."""
    if moment is None or moment.utcoffset() is None:
        return None
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _guard_failed(action: Action | str, missing: list[str]) -> GuardFailed:
    """A guard's refusal; the missing prior authorisation of Directive 2011/24 Art. 8 has
    its own code, so a client can tell it from the other needs at a glance."""
    if PRIOR_AUTHORISATION_MISSING & set(missing):
        return GuardFailed(
            action,
            missing,
            f"'{action}' needs the home state's prior authorisation, granted for the care "
            f"(Directive 2011/24 Art. 8): {', '.join(missing)}",
            code="prior_authorisation_required",
        )
    return GuardFailed(action, missing)


def _blank(text: str | None) -> bool:
    return text is None or not str(text).strip()


def _require_aware(**moments: datetime | None) -> None:
    # Comparing naive and aware datetimes fails late and obscurely; refuse naive ones here.
    for name, moment in moments.items():
        if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
            raise ValidationFailed("naive_datetime", f"{name} needs a UTC offset")
