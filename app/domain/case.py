"""The case aggregate: one patient's journey to one receiving organisation.

Only this class changes a case's status. Every action method follows the same steps:
resolve the transition from the table (InvalidTransition, ActionForbidden), check the
guard and report everything missing at once (GuardFailed), and only then mutate, bump
the version and append one event. A refused action leaves the case untouched.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID

from . import transitions
from .editing import editable_fields
from .errors import (
    ActionForbidden,
    FieldsNotEditable,
    GuardFailed,
    InvalidTransition,
    ValidationFailed,
)
from .funding import Authorisation, FundingContext, FundingEvidence, Guarantee, check_funding
from .policies import POLICIES, Operation
from .transitions import Transition
from .vocabulary import (
    CASE_CREATED,
    CASE_UPDATED,
    Action,
    CancelReason,
    CaseStatus,
    CoverageRoute,
    Disposition,
    Priority,
    Role,
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


@dataclass
class Teleconsultation:
    id: UUID
    scheduled_at: datetime
    mode: TeleconsultationMode
    consultant: str | None = None
    status: TeleconsultationStatus = TeleconsultationStatus.BOOKED
    outcome: TeleconsultationOutcome | None = None
    notes: str | None = None


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
    teleconsultations: list[Teleconsultation] = field(default_factory=list)
    transfer: TransferPlan | None = None
    stay: Stay | None = None
    funding: FundingApproval | None = None
    cancel_reason_code: CancelReason | None = None
    cancel_reason: str | None = None
    has_final_claim: bool = False  # loaded by the service before close
    events: list[CaseEvent] = field(default_factory=list)  # new, not yet persisted

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
        )
        acting = case.acting_roles(actor)
        creator_role = next((role for role in CREATOR_ROLES if role in acting), None)
        if creator_role is None:
            raise ActionForbidden("create", None, actor.roles)
        _require_aware(now=now)
        case.events.append(
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
        return transitions.allowed_actions(self.status, self.acting_roles(actor), self.priority)

    @property
    def is_terminal(self) -> bool:
        return self.status in transitions.TERMINAL_STATUSES

    @property
    def booked_teleconsultation(self) -> Teleconsultation | None:
        booked = [t for t in self.teleconsultations if t.status == TeleconsultationStatus.BOOKED]
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

    def schedule_teleconsultation(
        self,
        *,
        actor: Actor,
        now: datetime,
        teleconsultation_id: UUID,
        scheduled_at: datetime | None = None,
        mode: TeleconsultationMode | str | None = None,
        consultant: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.SCHEDULE_TELECONSULTATION, actor)
        _require_aware(now=now, scheduled_at=scheduled_at)
        mode = _member(TeleconsultationMode, mode)
        self._check(
            Action.SCHEDULE_TELECONSULTATION,
            scheduled_at=scheduled_at is not None,
            scheduled_at_in_future=scheduled_at is None or scheduled_at > now,
            mode=mode is not None,
        )
        self.teleconsultations.append(
            Teleconsultation(
                id=teleconsultation_id, scheduled_at=scheduled_at, mode=mode, consultant=consultant
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
        row, role = self._authorise(Action.RECORD_TELECONSULTATION, actor)
        _require_aware(now=now)
        outcome = _member(TeleconsultationOutcome, outcome)
        teleconsultation = self.booked_teleconsultation
        self._check(
            Action.RECORD_TELECONSULTATION,
            outcome=outcome is not None,
            booked_teleconsultation=teleconsultation is not None,
        )
        teleconsultation.outcome = outcome
        teleconsultation.notes = notes
        teleconsultation.status = (
            TeleconsultationStatus.NOSHOW
            if outcome == TeleconsultationOutcome.NO_SHOW
            else TeleconsultationStatus.FULFILLED
        )
        data = {"teleconsultation_id": str(teleconsultation.id), "outcome": outcome.value}
        self._record(
            row, role, actor, now, to=OUTCOME_TARGETS[outcome], reason=outcome.value, data=data
        )

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
        missing = check_funding(self.coverage.route, merged, context)
        if missing:
            raise GuardFailed(Action.APPROVE_FUNDING, missing)
        if evidence.authorisation is not None:
            self.coverage.authorisation = evidence.authorisation
        self.funding = FundingApproval(
            route=self.coverage.route,
            authorisation=merged.authorisation,
            guarantee=merged.guarantee,
            note=merged.note,
            approved_at=now,
        )
        data = {"route": self.coverage.route.value}
        self._record(row, role, actor, now, reason=evidence.note, data=data)

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
        self._check(
            Action.SCHEDULE_TRANSFER,
            expected_arrival_at=expected_arrival_at is not None,
            expected_arrival_at_in_future=expected_arrival_at is None or expected_arrival_at > now,
            transport=transport is not None,
            escorts=isinstance(escorts, int) and not isinstance(escorts, bool) and escorts >= 0,
            authorisation_valid_on_arrival=self._s2_authorised_on(expected_arrival_at),
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
        self._check(Action.RECORD_ARRIVAL, transfer=self.transfer is not None)
        self.transfer.arrived_at = arrived_at or now
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
        )
        unit = unit.strip()
        self.stay = Stay(
            admitted_at=admitted_at,
            unit=unit,
            bed=bed,
            movements=[UnitMovement(from_unit=None, to_unit=unit, at=admitted_at)],
        )
        self._record(row, role, actor, now)

    def transfer_unit(
        self, *, actor: Actor, now: datetime, unit: str | None = None, at: datetime | None = None
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
        stay.movements.append(UnitMovement(from_unit=stay.unit, to_unit=unit, at=at))
        stay.unit = unit
        stay.bed = None  # a bed belongs to the unit left behind
        self._record(row, role, actor, now)

    def discharge(
        self,
        *,
        actor: Actor,
        now: datetime,
        discharged_at: datetime | None = None,
        disposition: Disposition | str | None = None,
        summary: str | None = None,
    ) -> None:
        row, role = self._authorise(Action.DISCHARGE, actor)
        _require_aware(now=now, discharged_at=discharged_at)
        disposition = _member(Disposition, disposition)
        stay = self.stay
        self._check(
            Action.DISCHARGE,
            stay=stay is not None,
            discharged_at=discharged_at is not None,
            discharged_at_after_admission=(
                stay is None or discharged_at is None or discharged_at > stay.admitted_at
            ),
            disposition=disposition is not None,
            summary=not _blank(summary),
        )
        stay.discharged_at = discharged_at
        stay.disposition = disposition
        stay.discharge_summary = summary
        self._record(row, role, actor, now, data={"disposition": disposition.value})

    def close(self, *, actor: Actor, now: datetime) -> None:
        row, role = self._authorise(Action.CLOSE, actor)
        _require_aware(now=now)
        self._check(Action.CLOSE, final_claim=self.has_final_claim)
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
        self._record(row, role, actor, now, to=target, data={"resumed_to": target.value})

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
            if name != "referring_practitioner":  # kept by the service: not a domain concept
                setattr(self, name, value)
        self.version += 1
        self.events.append(
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
        rows = transitions.rows_leaving(self.status, action, self.priority)
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
            raise GuardFailed(action, missing)

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
        self.events.append(
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
        return authorisation is not None and authorisation.valid_on(arrival.date())


E = TypeVar("E", bound=StrEnum)


def _member(enum: type[E], value: E | str | None) -> E | None:
    """The enum member for a value, or None when it is missing or not one of its values."""
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        return None


def _blank(text: str | None) -> bool:
    return text is None or not str(text).strip()


def _require_aware(**moments: datetime | None) -> None:
    # Comparing naive and aware datetimes fails late and obscurely; refuse naive ones here.
    for name, moment in moments.items():
        if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
            raise ValidationFailed("naive_datetime", f"{name} needs a UTC offset")
