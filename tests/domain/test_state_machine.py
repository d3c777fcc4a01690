"""Random journeys: random actions by random parties with valid or invalid payloads.

Whatever happens, a status only moves along a row of TRANSITIONS, the version grows by
exactly one per success, a refusal leaves the case exactly as it was, and replaying the
timeline always lands on the current status.
"""

import copy
import itertools
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from app.domain import transitions
from app.domain.agreements import Agreement, ZoneEntry
from app.domain.case import EMERGENCY_PRESENTATION_ROUTES, OUTCOME_TARGETS, Case
from app.domain.errors import ActionForbidden, GuardFailed, InvalidTransition
from app.domain.funding import Authorisation, FundingContext, FundingEvidence, Guarantee
from app.domain.money import Money
from app.domain.vocabulary import (
    Action,
    AgreementKind,
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
    TeleconsultationMode,
    TeleconsultationOutcome,
    Transport,
)

from .builders import (
    COORDINATOR,
    NOW,
    OTHER_ORG,
    PATIENT,
    RECEIVING_ORG,
    REFERRER,
    S2_AUTHORISATION,
    actor,
    coverage,
    draft_case,
    perform,
)

START = NOW - timedelta(days=30)
ESTIMATE = Money.parse("8000.00", "EUR")
# Left to the random rule, or most journeys would end before they got anywhere.
ENDINGS = {Action.CANCEL, Action.DECLINE}
IN_HOSPITAL = {CaseStatus.ADMITTED, CaseStatus.DISCHARGED, CaseStatus.CLOSED}
AFTER_CARE = {CaseStatus.DISCHARGED, CaseStatus.CLOSED}

ZOAST = Agreement(
    id=UUID(int=99),
    kind=AgreementKind.ZOAST,
    receiving_organization_ids=frozenset({RECEIVING_ORG}),
    payer_organization_ids=frozenset(),
    zone=(ZoneEntry("BE", (), ("75",)),),
    excluded_specialties=frozenset(),
    prior_authorisation_required=False,
    advance_payment_required=False,
    deposit_ratio=None,
    valid_from=START.date(),
    valid_until=None,
)

# Everything every route (but ehic) could ask of approve-funding.
FULL_FUNDING = {
    "evidence": FundingEvidence(
        authorisation=S2_AUTHORISATION,
        # Dated, for an insurer's guarantee of payment (the other routes ignore the dates).
        guarantee=Guarantee(
            "G-1",
            ESTIMATE,
            valid_from=START.date(),
            valid_until=START.date() + timedelta(days=365),
        ),
        note="ok",
    ),
    "context": FundingContext(
        zoast_agreement=ZOAST, latest_estimate_total=ESTIMATE, payments_received=ESTIMATE
    ),
}


def maybe_invalid(valid: list[Any], invalid: list[Any]) -> st.SearchStrategy:
    return st.sampled_from([*valid, *invalid])


def moments(now) -> st.SearchStrategy:
    offsets = st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=10))
    return st.one_of(st.none(), offsets.map(lambda offset: now + offset))


def random_payload(action: Action, now) -> st.SearchStrategy:
    """Any payload, valid or not, for an action."""
    text = maybe_invalid(["a reason", "icu", "ward"], [None, "", "   "])
    authorisations = st.sampled_from(
        [None, S2_AUTHORISATION, Authorisation(" ", START.date(), NOW.date())]
    )
    amounts = st.sampled_from([None, Money.parse("100.00", "EUR"), ESTIMATE])
    strategies = {
        Action.SUBMIT: st.fixed_dictionaries({}),
        Action.SCHEDULE_TELECONSULTATION: st.fixed_dictionaries(
            {
                "teleconsultation_id": st.uuids(),
                "scheduled_at": moments(now),
                "mode": maybe_invalid(list(TeleconsultationMode), [None, "fax"]),
                "consultant": st.none(),
            }
        ),
        Action.RECORD_TELECONSULTATION: st.fixed_dictionaries(
            {"outcome": maybe_invalid(list(TeleconsultationOutcome), [None, "?"]), "notes": text}
        ),
        Action.REQUEST_INFORMATION: st.fixed_dictionaries(
            {
                "request_id": st.uuids(),
                "questions": text,
                "due_date": st.one_of(st.none(), moments(now).map(lambda m: m and m.date())),
            }
        ),
        Action.PROVIDE_INFORMATION: st.fixed_dictionaries(
            {"answer": text, "document_ids": st.sampled_from([None, [], [PATIENT]])}
        ),
        Action.RECORD_ATTENDANCE: st.fixed_dictionaries(
            {
                "attendance_id": st.uuids(),
                "attended_at": moments(now),
                "service": text,
                "outcome": maybe_invalid(list(AttendanceOutcome), [None, "?"]),
            }
        ),
        Action.SCHEDULE_FOLLOW_UP: st.fixed_dictionaries(
            {
                "teleconsultation_id": st.uuids(),
                "scheduled_at": moments(now),
                "mode": maybe_invalid(list(TeleconsultationMode), [None, "fax"]),
                "time_zone": st.sampled_from([None, "America/Martinique", "Mars/Olympus"]),
            }
        ),
        Action.RECORD_FOLLOW_UP: st.fixed_dictionaries(
            {"outcome": maybe_invalid(list(FollowUpOutcome), [None, "?"]), "notes": text}
        ),
        Action.ACKNOWLEDGE_DISCHARGE: st.fixed_dictionaries({}),
        Action.ACCEPT: st.fixed_dictionaries({"reason": text}),
        Action.DECLINE: st.fixed_dictionaries({"reason": text}),
        Action.HOLD: st.fixed_dictionaries({"reason": text}),
        Action.APPROVE_FUNDING: st.fixed_dictionaries(
            {
                "evidence": st.builds(
                    FundingEvidence,
                    authorisation=authorisations,
                    guarantee=amounts.map(lambda a: a and Guarantee("G-2", a)),
                    note=st.none(),
                ),
                "context": st.builds(
                    FundingContext,
                    zoast_agreement=st.sampled_from([None, ZOAST]),
                    latest_estimate_total=st.sampled_from([None, ESTIMATE]),
                    payments_received=amounts,
                    deposit_ratio=st.sampled_from([Decimal("0.3"), Decimal("1")]),
                ),
            }
        ),
        Action.SCHEDULE_TRANSFER: st.fixed_dictionaries(
            {
                "expected_arrival_at": moments(now),
                "transport": maybe_invalid(list(Transport), [None, "rocket"]),
                "escorts": st.integers(min_value=-1, max_value=3),
                "interpreter_language": st.sampled_from([None, "es", "ht"]),
            }
        ),
        Action.RECORD_ARRIVAL: st.fixed_dictionaries({"arrived_at": moments(now)}),
        Action.ADMIT: st.fixed_dictionaries(
            {"admitted_at": moments(now), "unit": text, "bed": st.sampled_from([None, "4"])}
        ),
        Action.TRANSFER_UNIT: st.fixed_dictionaries({"unit": text, "at": moments(now)}),
        Action.DISCHARGE: st.fixed_dictionaries(
            {
                "discharged_at": moments(now),
                "disposition": maybe_invalid(list(Disposition), [None, "moon"]),
                "summary": text,
            }
        ),
        Action.CLOSE: st.fixed_dictionaries({}),
        Action.CANCEL: st.fixed_dictionaries(
            {"reason_code": maybe_invalid(list(CancelReason), [None, "bored"]), "reason": text}
        ),
        Action.RESUME: st.fixed_dictionaries({}),
        Action.EXTEND_AUTHORISATION: st.fixed_dictionaries({"authorisation": authorisations}),
        Action.AMEND_GUARANTEE: st.fixed_dictionaries(
            {"guarantee": amounts.map(lambda a: a and Guarantee("G-3", a))}
        ),
    }
    return strategies[action]


class CaseJourney(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = START
        self.case: Case
        self.teleconsultation_ids = (UUID(int=n) for n in itertools.count(1000))

    @initialize(
        priority=st.sampled_from(list(Priority)),
        route=st.sampled_from(list(CoverageRoute)),
        complete=st.booleans(),
        creator=st.sampled_from([REFERRER, COORDINATOR]),
        care_setting=st.sampled_from(list(CareSetting)),
        origin=st.sampled_from(list(CaseOrigin)),
        admitted=st.booleans(),
    )
    def create(self, priority, route, complete, creator, care_setting, origin, admitted) -> None:
        if origin == CaseOrigin.EMERGENCY_PRESENTATION:
            # The receiving hospital opens it for a patient already there.
            self.case = Case.present(
                id=UUID(int=1),
                reference="COR-2026-000900",
                actor=COORDINATOR,
                now=self.now,
                presented_at=self.now - timedelta(hours=1),
                patient_id=PATIENT,
                specialty="emergency_medicine",
                coverage=coverage(sorted(EMERGENCY_PRESENTATION_ROUTES)[route_index(route)]),
                priority=priority,
                care_setting=care_setting,
                admitted_at=self.now if admitted else None,
                unit="emergency" if admitted else None,
            )
            return
        missing = {} if complete else {"clinical_summary": None}
        self.case = draft_case(
            priority,
            coverage=coverage(route),
            actor=creator,
            now=self.now,
            care_setting=care_setting,
            **missing,
        )

    @rule(step=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=2)))
    def time_passes(self, step) -> None:
        self.now += step

    @rule()
    def a_final_claim_is_submitted(self) -> None:
        self.case.has_final_claim = True

    @rule(status=st.sampled_from(list(LogisticsTaskStatus)))
    def the_return_is_planned(self, status) -> None:
        self.case.checklist.append((LogisticsTaskKind.RETURN_TRANSPORT, status))

    @rule(data=st.data())
    def make_progress(self, data) -> None:
        """A permitted, non-ending action with a valid payload: takes journeys deep."""
        options = [
            (Action(name), role)
            for role in Role
            for name in self.case.allowed_actions(actor(role))
            if name not in ENDINGS
        ]
        if options:
            action, role = data.draw(st.sampled_from(options))
            self.attempt(action, actor(role), self.valid_payload(action))

    @rule(data=st.data())
    def act_at_random(self, data) -> None:
        action = data.draw(st.sampled_from(list(Action)))
        role = data.draw(st.sampled_from(list(Role)))
        who = actor(role) if data.draw(st.integers(0, 9)) else actor(role, OTHER_ORG)
        if data.draw(st.booleans()):
            payload = self.valid_payload(action)
        else:
            payload = data.draw(random_payload(action, self.now))
        self.attempt(action, who, payload)

    def attempt(self, action: Action, who, payload: dict[str, Any]) -> None:
        case = self.case
        before = copy.deepcopy(case)
        acting = case.acting_roles(who)
        row = transitions.find_transition(
            case.status, action, acting, case.priority, case.care_setting, case.facts
        )
        leaving = transitions.actions_from(
            before.status, before.priority, before.care_setting, before.facts
        )
        try:
            perform(case, action, who, self.now, **payload)
        except InvalidTransition:
            assert action not in leaving
            assert case == before
        except ActionForbidden:
            assert action in leaving
            assert row is None
            assert case == before
        except GuardFailed as refused:
            assert row is not None and refused.missing
            assert case == before
        else:
            assert row is not None
            assert case.version == before.version + 1
            assert len(case.events) == len(before.events) + 1
            event = case.events[-1]
            assert (event.from_status, event.to_status) == (before.status, case.status)
            assert event.case_version == case.version
            assert case.status == self.expected_target(row, before, case)

    @staticmethod
    def expected_target(row, before: Case, after: Case) -> CaseStatus:
        if row.target is not None:
            return row.target
        if row.action == Action.RESUME:
            return before.held_from
        if row.action in (
            Action.EXTEND_AUTHORISATION,
            Action.AMEND_GUARANTEE,
            Action.APPROVE_FUNDING,  # a late approval: moved first, funded later
        ):
            return before.status
        outcome = next(t for t in after.teleconsultations if t.id == before_booked(before)).outcome
        return OUTCOME_TARGETS[outcome]

    def valid_payload(self, action: Action) -> dict[str, Any]:
        """A payload meeting the guard in the case's present state (ehic funding aside)."""
        case = self.case
        for booked in (case.booked_teleconsultation, case.booked_follow_up):
            if booked is not None and action in (
                Action.RECORD_TELECONSULTATION,
                Action.RECORD_FOLLOW_UP,
            ):
                # The call takes place: time reaches it, so its outcome can be known.
                self.now = max(self.now, booked.scheduled_at)
        now, stay = self.now, case.stay
        last_move = stay.movements[-1].at if stay else now
        began = case.arrived_at or now
        payloads = {
            Action.SCHEDULE_TELECONSULTATION: {
                "teleconsultation_id": next(self.teleconsultation_ids),
                "scheduled_at": now + timedelta(days=1),
                "mode": "phone",
            },
            Action.RECORD_TELECONSULTATION: {"outcome": "transfer_recommended"},
            Action.REQUEST_INFORMATION: {
                "request_id": UUID(int=case.version),
                "questions": "Recent labs?",
                "due_date": now.date() + timedelta(days=5),
            },
            Action.PROVIDE_INFORMATION: {"answer": "Attached."},
            Action.RECORD_ATTENDANCE: {
                "attendance_id": UUID(int=case.version),
                "attended_at": max(now, began),
                "service": "oncology-day-unit",
                "outcome": "completed",
            },
            Action.SCHEDULE_FOLLOW_UP: {
                "teleconsultation_id": next(self.teleconsultation_ids),
                "scheduled_at": now + timedelta(days=14),
                "mode": "video",
                "time_zone": "America/Martinique",
            },
            Action.RECORD_FOLLOW_UP: {"outcome": "completed"},
            Action.ACCEPT: {"reason": "fits"},
            Action.DECLINE: {"reason": "does not fit"},
            Action.HOLD: {"reason": "storm"},
            Action.APPROVE_FUNDING: FULL_FUNDING,
            Action.SCHEDULE_TRANSFER: {
                "expected_arrival_at": now + timedelta(days=3),
                "transport": "sea",
                "escorts": 0,
            },
            Action.RECORD_ARRIVAL: {},
            Action.ADMIT: {"admitted_at": now, "unit": "ward"},
            Action.TRANSFER_UNIT: {
                "unit": f"unit-{self.case.version}",
                "at": max(now, last_move),
            },
            Action.DISCHARGE: {
                "discharged_at": max(now, last_move + timedelta(minutes=1), began),
                "disposition": "home",
                "summary": "recovered",
            },
            Action.CANCEL: {"reason_code": "other"},
        }
        return payloads.get(action, {})

    @invariant()
    def the_timeline_replays_to_the_status(self) -> None:
        timeline = [(event.from_status, event.to_status) for event in self.case.events]
        assert Case.replay_status(timeline) == self.case.status
        assert self.case.version == len(self.case.events)

    @invariant()
    def funding_is_decided_once_and_never_undone(self) -> None:
        case = self.case
        approvals = [e for e in case.events if e.type == "case.funding_approved"]
        assert len(approvals) <= 1
        if approvals:
            assert case.funding is not None
            # Only the accepted row moves the case; a late approval leaves it where it is.
            [approval] = approvals
            moved = approval.from_status != approval.to_status
            assert moved == (approval.from_status == CaseStatus.ACCEPTED)
        if case.status == CaseStatus.FUNDING_APPROVED:
            assert case.funding is not None
        offered = {name for role in Role for name in case.allowed_actions(actor(role))}
        if case.funding is not None:
            assert Action.APPROVE_FUNDING.value not in offered
        if case.funding is None or case.funding.guarantee is None:
            assert Action.AMEND_GUARANTEE.value not in offered
        if case.coverage.authorisation is None:
            assert Action.EXTEND_AUTHORISATION.value not in offered

    @invariant()
    def held_from_only_while_on_hold(self) -> None:
        assert (self.case.held_from is not None) == (self.case.status == CaseStatus.ON_HOLD)

    @invariant()
    def a_stay_only_once_admitted(self) -> None:
        case = self.case
        if case.stay is not None:
            assert case.status in IN_HOSPITAL or case.status == CaseStatus.CANCELLED
        if case.status == CaseStatus.ADMITTED:
            assert case.stay is not None and case.care_setting == CareSetting.INPATIENT

    @invariant()
    def care_ends_with_a_letter(self) -> None:
        assert (self.case.discharge_letter is not None) == (self.case.status in AFTER_CARE)

    @invariant()
    def an_open_question_only_while_waiting_on_the_referrer(self) -> None:
        waiting = self.case.open_information_request is not None
        assert waiting == (self.case.status == CaseStatus.INFORMATION_REQUESTED)

    @invariant()
    def ambulatory_care_is_attended_before_it_ends(self) -> None:
        case = self.case
        if case.status in AFTER_CARE and case.stay is None:
            assert case.attendances and case.care_setting != CareSetting.INPATIENT

    @invariant()
    def a_closed_case_went_home(self) -> None:
        if self.case.status == CaseStatus.CLOSED:
            kinds = [status for kind, status in self.case.checklist]
            assert LogisticsTaskStatus.COMPLETED in kinds or LogisticsTaskStatus.NOT_NEEDED in kinds


def route_index(route: CoverageRoute) -> int:
    return list(CoverageRoute).index(route) % len(EMERGENCY_PRESENTATION_ROUTES)


def before_booked(before: Case):
    return before.booked_teleconsultation.id


CaseJourney.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestCaseJourney = CaseJourney.TestCase


def test_a_full_journey_replays_to_closed():
    journey = CaseJourney()
    journey.create(
        Priority.ROUTINE,
        CoverageRoute.S2,
        True,
        REFERRER,
        CareSetting.INPATIENT,
        CaseOrigin.REFERRAL,
        False,
    )
    steps = [
        (Action.SUBMIT, Role.REFERRER),
        (Action.SCHEDULE_TELECONSULTATION, Role.COORDINATOR),
        (Action.RECORD_TELECONSULTATION, Role.CLINICIAN),
        (Action.HOLD, Role.COORDINATOR),
        (Action.RESUME, Role.COORDINATOR),
        (Action.APPROVE_FUNDING, Role.PAYER),
        (Action.SCHEDULE_TRANSFER, Role.COORDINATOR),
        (Action.RECORD_ARRIVAL, Role.COORDINATOR),
        (Action.ADMIT, Role.CLINICIAN),
        (Action.TRANSFER_UNIT, Role.CLINICIAN),
        (Action.DISCHARGE, Role.CLINICIAN),
        (Action.CLOSE, Role.COORDINATOR),
    ]
    journey.a_final_claim_is_submitted()
    journey.the_return_is_planned(LogisticsTaskStatus.COMPLETED)
    for action, role in steps:
        journey.time_passes(timedelta(hours=6))
        journey.attempt(action, actor(role), journey.valid_payload(action))
    case = journey.case
    assert case.status == CaseStatus.CLOSED
    assert case.version == len(steps) + 1
    assert [event.type for event in case.events] == [
        "case.created",
        "case.submitted",
        "case.teleconsultation_scheduled",
        "case.teleconsultation_recorded",
        "case.held",
        "case.resumed",
        "case.funding_approved",
        "case.transfer_scheduled",
        "case.arrived",
        "case.admitted",
        "case.unit_transferred",
        "case.discharged",
        "case.closed",
    ]
    journey.the_timeline_replays_to_the_status()


def test_an_outpatient_journey_with_an_information_request_and_a_follow_up():
    journey = CaseJourney()
    journey.create(
        Priority.ROUTINE,
        CoverageRoute.S2,
        True,
        REFERRER,
        CareSetting.OUTPATIENT,
        CaseOrigin.REFERRAL,
        False,
    )
    steps = [
        (Action.SUBMIT, Role.REFERRER),
        (Action.REQUEST_INFORMATION, Role.CLINICIAN),
        (Action.PROVIDE_INFORMATION, Role.REFERRER),
        (Action.ACCEPT, Role.CLINICIAN),
        (Action.APPROVE_FUNDING, Role.PAYER),
        (Action.SCHEDULE_TRANSFER, Role.COORDINATOR),
        (Action.RECORD_ARRIVAL, Role.COORDINATOR),
        (Action.RECORD_ATTENDANCE, Role.CLINICIAN),
        (Action.RECORD_ATTENDANCE, Role.CLINICIAN),
        (Action.DISCHARGE, Role.CLINICIAN),
        (Action.ACKNOWLEDGE_DISCHARGE, Role.REFERRER),
        (Action.SCHEDULE_FOLLOW_UP, Role.COORDINATOR),
        (Action.RECORD_FOLLOW_UP, Role.CLINICIAN),
        (Action.CLOSE, Role.COORDINATOR),
    ]
    journey.a_final_claim_is_submitted()
    journey.the_return_is_planned(LogisticsTaskStatus.NOT_NEEDED)
    for action, role in steps:
        journey.time_passes(timedelta(hours=6))
        journey.attempt(action, actor(role), journey.valid_payload(action))
    case = journey.case
    assert case.status == CaseStatus.CLOSED
    assert case.stay is None and len(case.attendances) == 2
    assert case.care_setting == CareSetting.OUTPATIENT
    assert case.discharge_letter.acknowledged_by == "referrer-user"
    assert [t.status for t in case.teleconsultations] == ["fulfilled"]
    journey.the_timeline_replays_to_the_status()


def test_an_emergency_presentation_starts_admitted_or_arrived():
    for admitted, status in ((True, CaseStatus.ADMITTED), (False, CaseStatus.ARRIVED)):
        journey = CaseJourney()
        journey.create(
            Priority.EMERGENCY,
            CoverageRoute.EHIC,
            True,
            COORDINATOR,
            CareSetting.OUTPATIENT,
            CaseOrigin.EMERGENCY_PRESENTATION,
            admitted,
        )
        case = journey.case
        assert case.status == status and case.version == 1
        assert [(e.from_status, e.to_status) for e in case.events] == [(None, status)]
        assert case.unplanned_care
        journey.the_timeline_replays_to_the_status()


def test_replay_refuses_a_broken_timeline():
    with pytest.raises(ValueError, match="leaves"):
        Case.replay_status([(None, CaseStatus.DRAFT), (CaseStatus.SUBMITTED, CaseStatus.ACCEPTED)])
    with pytest.raises(ValueError, match="creation"):
        Case.replay_status([])
