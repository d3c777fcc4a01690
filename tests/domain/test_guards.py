"""Each action's guard, passing and failing; a refusal changes nothing."""

import copy
from datetime import date, datetime, timedelta
from uuid import UUID

import pytest

from app.domain.case import Actor, Case
from app.domain.errors import ActionForbidden, GuardFailed, ValidationFailed
from app.domain.funding import Authorisation, FundingContext, FundingEvidence
from app.domain.vocabulary import (
    Action,
    CancelReason,
    CaseStatus,
    CoverageRoute,
    Disposition,
    Role,
    TeleconsultationOutcome,
    TeleconsultationStatus,
)

from .builders import (
    ADMITTED_AT,
    CLINICIAN,
    COORDINATOR,
    NOW,
    OTHER_ORG,
    PAYER,
    RECEIVING_ORG,
    REFERRER,
    REFERRING_ORG,
    TELECONSULTATION_ID,
    actor,
    case_in,
    coverage,
    draft_case,
    valid_payload,
)


def refused_with(missing: list[str], case: Case, method: str, who: Actor, **payload) -> None:
    """Assert the guard refuses with exactly `missing`, leaving the case as it was."""
    before = copy.deepcopy(case)
    with pytest.raises(GuardFailed) as refused:
        getattr(case, method)(actor=who, now=NOW, **payload)
    assert refused.value.code == "guard_failed"
    assert refused.value.missing == missing
    assert case == before


# -- create and parties --------------------------------------------------------------------


def test_create_starts_a_draft_with_a_created_event():
    case = draft_case()
    assert (case.status, case.version) == (CaseStatus.DRAFT, 1)
    [event] = case.events
    assert (event.type, event.from_status, event.to_status) == ("case.created", None, "draft")
    assert (event.case_version, event.actor_role) == (1, Role.REFERRER)


def test_a_coordinator_creates_for_its_receiving_organisation():
    case = draft_case(actor=COORDINATOR)
    assert case.events[0].actor_role == Role.COORDINATOR


@pytest.mark.parametrize(
    "who",
    [PAYER, CLINICIAN, actor(Role.ADMIN), actor(Role.REFERRER, OTHER_ORG)],
    ids=["payer", "clinician", "admin", "referrer-of-another-org"],
)
def test_only_a_party_referrer_or_coordinator_creates(who):
    with pytest.raises(ActionForbidden):
        draft_case(actor=who)


def test_roles_count_only_for_their_own_side():
    case = draft_case()
    misplaced = Actor("u", REFERRING_ORG, frozenset({Role.COORDINATOR, Role.REFERRER}))
    assert case.acting_roles(misplaced) == {Role.REFERRER}
    assert case.acting_roles(Actor("u", None, frozenset(Role))) == frozenset()
    assert case.payer_organization_id == coverage().payer_organization_id


def test_a_coordinator_of_another_hospital_is_forbidden():
    case = case_in(CaseStatus.SUBMITTED)
    with pytest.raises(ActionForbidden) as refused:
        case.accept(actor=actor(Role.COORDINATOR, OTHER_ORG), now=NOW, reason="ok")
    assert refused.value.code == "forbidden_action"


def test_only_the_cases_own_payer_approves_funding():
    case = case_in(CaseStatus.ACCEPTED)
    payload = valid_payload(Action.APPROVE_FUNDING)
    with pytest.raises(ActionForbidden):
        case.approve_funding(actor=actor(Role.PAYER, OTHER_ORG), now=NOW, **payload)
    case.approve_funding(actor=PAYER, now=NOW, **payload)
    assert case.status == CaseStatus.FUNDING_APPROVED


# -- submit --------------------------------------------------------------------------------


def test_submit_passes_with_everything_present():
    case = draft_case()
    case.submit(actor=REFERRER, now=NOW)
    assert (case.status, case.version) == (CaseStatus.SUBMITTED, 2)


def test_submit_lists_everything_missing_at_once():
    case = draft_case(
        patient_id=None,
        receiving_organization_id=None,
        specialty=" ",
        clinical_summary="",
        coverage=coverage(route=None),
    )
    refused_with(
        [
            "patient_id",
            "receiving_organization_id",
            "specialty",
            "clinical_summary",
            "coverage_route",
        ],
        case,
        "submit",
        REFERRER,
    )


@pytest.mark.parametrize(
    ("override", "missing"),
    [
        ({"patient_id": None}, "patient_id"),
        ({"specialty": None}, "specialty"),
        ({"clinical_summary": "  \n"}, "clinical_summary"),
        ({"coverage": coverage(route=None)}, "coverage_route"),
    ],
)
def test_submit_refuses_each_missing_item(override, missing):
    refused_with([missing], draft_case(**override), "submit", REFERRER)


# -- teleconsultation ----------------------------------------------------------------------


def schedule(**changes):
    return valid_payload(Action.SCHEDULE_TELECONSULTATION) | changes


def test_schedule_teleconsultation_books_one():
    case = case_in(CaseStatus.SUBMITTED)
    case.schedule_teleconsultation(actor=COORDINATOR, now=NOW, **schedule())
    assert case.status == CaseStatus.TELECONSULTATION_SCHEDULED
    [booked] = case.teleconsultations
    assert (booked.id, booked.status) == (TELECONSULTATION_ID, TeleconsultationStatus.BOOKED)
    assert case.events[-1].data == {
        "teleconsultation_id": str(TELECONSULTATION_ID),
        "mode": "video",
    }


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"scheduled_at": NOW}, ["scheduled_at_in_future"]),
        ({"scheduled_at": NOW - timedelta(minutes=1)}, ["scheduled_at_in_future"]),
        ({"scheduled_at": None}, ["scheduled_at"]),
        ({"mode": None}, ["mode"]),
        ({"mode": "carrier-pigeon"}, ["mode"]),
        ({"scheduled_at": NOW, "mode": None}, ["scheduled_at_in_future", "mode"]),
    ],
)
def test_schedule_teleconsultation_guard(changes, missing):
    case = case_in(CaseStatus.SUBMITTED)
    refused_with(missing, case, "schedule_teleconsultation", COORDINATOR, **schedule(**changes))


@pytest.mark.parametrize(
    ("outcome", "status", "teleconsultation_status"),
    [
        ("transfer_recommended", CaseStatus.ACCEPTED, TeleconsultationStatus.FULFILLED),
        ("treat_locally", CaseStatus.DECLINED, TeleconsultationStatus.FULFILLED),
        ("not_eligible", CaseStatus.DECLINED, TeleconsultationStatus.FULFILLED),
        ("more_information_needed", CaseStatus.SUBMITTED, TeleconsultationStatus.FULFILLED),
        ("no_show", CaseStatus.SUBMITTED, TeleconsultationStatus.NOSHOW),
    ],
)
def test_record_teleconsultation_routes_by_outcome(outcome, status, teleconsultation_status):
    case = case_in(CaseStatus.TELECONSULTATION_SCHEDULED)
    case.record_teleconsultation(actor=CLINICIAN, now=NOW, outcome=outcome, notes="n")
    assert case.status == status
    [teleconsultation] = case.teleconsultations
    assert teleconsultation.status == teleconsultation_status
    assert teleconsultation.outcome == TeleconsultationOutcome(outcome)
    assert case.events[-1].reason == outcome


@pytest.mark.parametrize("outcome", [None, "maybe"])
def test_record_teleconsultation_needs_an_outcome(outcome):
    case = case_in(CaseStatus.TELECONSULTATION_SCHEDULED)
    refused_with(["outcome"], case, "record_teleconsultation", CLINICIAN, outcome=outcome)


def test_record_teleconsultation_needs_a_booked_one():
    case = case_in(CaseStatus.TELECONSULTATION_SCHEDULED)
    case.teleconsultations.clear()
    refused_with(
        ["booked_teleconsultation"], case, "record_teleconsultation", CLINICIAN, outcome="no_show"
    )


def test_a_second_teleconsultation_after_more_information():
    case = case_in(CaseStatus.TELECONSULTATION_SCHEDULED)
    case.record_teleconsultation(actor=CLINICIAN, now=NOW, outcome="more_information_needed")
    second = UUID(int=2)
    case.schedule_teleconsultation(
        actor=COORDINATOR, now=NOW, **schedule(teleconsultation_id=second)
    )
    started = schedule()["scheduled_at"]
    case.record_teleconsultation(actor=CLINICIAN, now=started, outcome="transfer_recommended")
    assert [t.status for t in case.teleconsultations] == ["fulfilled", "fulfilled"]
    assert case.events[-1].data["teleconsultation_id"] == str(second)


# -- accept, decline, hold: a reason -------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "status"),
    [
        ("accept", CaseStatus.SUBMITTED),
        ("decline", CaseStatus.SUBMITTED),
        ("hold", CaseStatus.ACCEPTED),
    ],
)
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_reason_is_required(method, status, reason):
    refused_with(["reason"], case_in(status), method, COORDINATOR, reason=reason)


@pytest.mark.parametrize(
    ("method", "target"),
    [
        ("accept", CaseStatus.ACCEPTED),
        ("decline", CaseStatus.DECLINED),
        ("hold", CaseStatus.ON_HOLD),
    ],
)
def test_a_reason_is_recorded_on_the_event(method, target):
    case = case_in(CaseStatus.SUBMITTED)
    getattr(case, method)(actor=COORDINATOR, now=NOW, reason="because")
    assert case.status == target
    assert case.events[-1].reason == "because"


def test_declining_cancels_the_booked_teleconsultation():
    case = case_in(CaseStatus.TELECONSULTATION_SCHEDULED)
    case.decline(actor=CLINICIAN, now=NOW, reason="not our specialty")
    assert case.teleconsultations[0].status == TeleconsultationStatus.CANCELLED


# -- hold and resume -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        CaseStatus.SUBMITTED,
        CaseStatus.TELECONSULTATION_SCHEDULED,
        CaseStatus.ACCEPTED,
        CaseStatus.FUNDING_APPROVED,
        CaseStatus.TRANSFER_SCHEDULED,
    ],
)
def test_resume_returns_to_the_status_held_from(status):
    case = case_in(status)
    case.hold(actor=COORDINATOR, now=NOW, reason="border closed")
    assert (case.status, case.held_from) == (CaseStatus.ON_HOLD, status)
    assert case.events[-1].data == {"held_from": status.value}
    case.resume(actor=COORDINATOR, now=NOW)
    assert (case.status, case.held_from) == (status, None)
    assert case.events[-1].type == "case.resumed"


def test_resume_needs_to_know_where_from():
    case = case_in(CaseStatus.ON_HOLD)
    case.held_from = None
    refused_with(["held_from"], case, "resume", COORDINATOR)


# -- approve-funding -----------------------------------------------------------------------


def test_approve_funding_stores_the_approval_and_the_new_authorisation():
    case = case_in(CaseStatus.ACCEPTED, coverage=coverage(authorisation=None))
    authorisation = Authorisation("S2-NEW", date(2026, 3, 1), date(2026, 6, 30))
    evidence = FundingEvidence(authorisation=authorisation, note="form S2 received")
    case.approve_funding(actor=PAYER, now=NOW, evidence=evidence, context=FundingContext())
    assert case.coverage.authorisation == authorisation
    assert case.funding is not None
    assert (case.funding.route, case.funding.approved_at) == (CoverageRoute.S2, NOW)
    assert case.events[-1].data == {"route": "s2"}
    assert case.events[-1].actor_role == Role.PAYER


def test_the_coverage_authorisation_counts_as_evidence():
    case = case_in(CaseStatus.ACCEPTED)
    case.approve_funding(
        actor=COORDINATOR, now=NOW, evidence=FundingEvidence(), context=FundingContext()
    )
    assert case.status == CaseStatus.FUNDING_APPROVED


def test_approve_funding_reports_the_routes_missing_items():
    case = case_in(CaseStatus.ACCEPTED, coverage=coverage(CoverageRoute.THIRD_PARTY_GUARANTEE))
    refused_with(
        ["guarantee", "estimate"],
        case,
        "approve_funding",
        COORDINATOR,
        evidence=FundingEvidence(),
        context=FundingContext(),
    )


# -- schedule-transfer ---------------------------------------------------------------------


def transfer(**changes):
    return valid_payload(Action.SCHEDULE_TRANSFER) | changes


def test_schedule_transfer_records_the_plan():
    case = case_in(CaseStatus.FUNDING_APPROVED)
    case.schedule_transfer(actor=COORDINATOR, now=NOW, **transfer())
    assert case.status == CaseStatus.TRANSFER_SCHEDULED
    assert case.transfer is not None and case.transfer.escorts == 1
    assert case.events[-1].data == {"transport": "air_ambulance"}


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"expected_arrival_at": NOW}, ["expected_arrival_at_in_future"]),
        ({"expected_arrival_at": None}, ["expected_arrival_at"]),
        ({"transport": None}, ["transport"]),
        ({"transport": "teleport"}, ["transport"]),
        ({"escorts": -1}, ["escorts"]),
        ({"escorts": True}, ["escorts"]),
        (
            {"expected_arrival_at": datetime(2027, 1, 5, tzinfo=NOW.tzinfo)},
            ["authorisation_valid_on_arrival"],
        ),
    ],
)
def test_schedule_transfer_guard(changes, missing):
    case = case_in(CaseStatus.FUNDING_APPROVED)
    refused_with(missing, case, "schedule_transfer", COORDINATOR, **transfer(**changes))


def test_an_s2_transfer_needs_an_authorisation_at_all():
    case = case_in(CaseStatus.FUNDING_APPROVED, coverage=coverage(authorisation=None))
    refused_with(
        ["authorisation_valid_on_arrival"], case, "schedule_transfer", COORDINATOR, **transfer()
    )


def test_other_routes_need_no_authorisation_on_arrival():
    case = case_in(CaseStatus.FUNDING_APPROVED, coverage=coverage(CoverageRoute.SELF_PAY))
    case.schedule_transfer(
        actor=COORDINATOR,
        now=NOW,
        **transfer(expected_arrival_at=datetime(2030, 1, 1, tzinfo=NOW.tzinfo)),
    )
    assert case.status == CaseStatus.TRANSFER_SCHEDULED


# -- arrival, admission, movements, discharge, close ---------------------------------------


def test_record_arrival_defaults_to_now():
    case = case_in(CaseStatus.TRANSFER_SCHEDULED)
    case.record_arrival(actor=COORDINATOR, now=NOW)
    assert case.transfer.arrived_at == NOW
    assert case.status == CaseStatus.ARRIVED


def test_record_arrival_keeps_the_given_time():
    case = case_in(CaseStatus.TRANSFER_SCHEDULED)
    case.record_arrival(actor=COORDINATOR, now=NOW, arrived_at=NOW - timedelta(hours=2))
    assert case.transfer.arrived_at == NOW - timedelta(hours=2)


@pytest.mark.parametrize("status", [CaseStatus.ARRIVED, CaseStatus.TRANSFER_SCHEDULED])
def test_admit_opens_a_stay(status):
    case = case_in(status)
    case.admit(
        actor=CLINICIAN, now=NOW, admitted_at=NOW + timedelta(minutes=5), unit=" icu ", bed="3"
    )
    assert case.status == CaseStatus.ADMITTED
    assert (case.stay.unit, case.stay.bed) == ("icu", "3")
    assert [(m.from_unit, m.to_unit) for m in case.stay.movements] == [(None, "icu")]


@pytest.mark.parametrize(
    ("payload", "missing"),
    [
        ({"admitted_at": NOW + timedelta(minutes=6), "unit": "icu"}, ["admitted_at_not_future"]),
        ({"admitted_at": None, "unit": "icu"}, ["admitted_at"]),
        ({"admitted_at": NOW, "unit": " "}, ["unit"]),
        ({}, ["admitted_at", "unit"]),
    ],
)
def test_admit_guard(payload, missing):
    refused_with(missing, case_in(CaseStatus.ARRIVED), "admit", CLINICIAN, **payload)


def test_transfer_unit_records_a_movement():
    case = case_in(CaseStatus.ADMITTED)
    case.transfer_unit(actor=CLINICIAN, now=NOW, unit="icu")
    case.transfer_unit(actor=CLINICIAN, now=NOW, unit="cardiology-a", at=NOW)
    assert case.status == CaseStatus.ADMITTED
    assert case.stay.unit == "cardiology-a"
    assert [(m.from_unit, m.to_unit, m.at) for m in case.stay.movements[1:]] == [
        ("cardiology-a", "icu", NOW),
        ("icu", "cardiology-a", NOW),
    ]
    assert case.events[-1].type == "case.unit_transferred"


@pytest.mark.parametrize(
    ("payload", "missing"),
    [
        ({"unit": "cardiology-a"}, ["unit_differs"]),
        ({"unit": "  "}, ["unit"]),
        (
            {"unit": "icu", "at": ADMITTED_AT - timedelta(seconds=1)},
            ["at_not_before_admission", "at_not_before_last_movement"],
        ),
    ],
)
def test_transfer_unit_guard(payload, missing):
    refused_with(missing, case_in(CaseStatus.ADMITTED), "transfer_unit", CLINICIAN, **payload)


def test_transfer_unit_cannot_go_back_before_the_last_movement():
    case = case_in(CaseStatus.ADMITTED)
    case.transfer_unit(actor=CLINICIAN, now=NOW, unit="icu", at=NOW - timedelta(hours=1))
    refused_with(
        ["at_not_before_last_movement"],
        case,
        "transfer_unit",
        CLINICIAN,
        unit="ward",
        at=NOW - timedelta(hours=2),
    )


def test_discharge_closes_the_stay():
    case = case_in(CaseStatus.ADMITTED)
    case.discharge(
        actor=CLINICIAN, now=NOW, discharged_at=NOW, disposition="alt-home", summary="ok"
    )
    assert case.status == CaseStatus.DISCHARGED
    assert case.stay.disposition == Disposition.ALT_HOME
    assert (case.stay.discharged_at, case.stay.discharge_summary) == (NOW, "ok")
    assert case.events[-1].data == {"disposition": "alt-home"}


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"discharged_at": ADMITTED_AT}, ["discharged_at_after_admission"]),
        ({"discharged_at": None}, ["discharged_at"]),
        ({"disposition": None}, ["disposition"]),
        ({"disposition": "HOME"}, ["disposition"]),
        ({"summary": ""}, ["summary"]),
    ],
)
def test_discharge_guard(changes, missing):
    payload = valid_payload(Action.DISCHARGE) | changes
    refused_with(missing, case_in(CaseStatus.ADMITTED), "discharge", CLINICIAN, **payload)


def test_close_needs_a_final_claim():
    case = case_in(CaseStatus.DISCHARGED)
    case.has_final_claim = False
    refused_with(["final_claim"], case, "close", COORDINATOR)
    case.has_final_claim = True
    case.close(actor=COORDINATOR, now=NOW)
    assert case.status == CaseStatus.CLOSED


# -- cancel --------------------------------------------------------------------------------


@pytest.mark.parametrize("reason_code", [None, "bored", "PATIENT_WITHDREW"])
def test_cancel_needs_a_known_reason_code(reason_code):
    refused_with(
        ["reason_code"], case_in(CaseStatus.SUBMITTED), "cancel", REFERRER, reason_code=reason_code
    )


@pytest.mark.parametrize("reason_code", list(CancelReason))
def test_cancel_records_the_reason_code(reason_code):
    case = case_in(CaseStatus.TELECONSULTATION_SCHEDULED)
    case.cancel(actor=COORDINATOR, now=NOW, reason_code=reason_code.value, reason="free text")
    assert case.status == CaseStatus.CANCELLED
    assert (case.cancel_reason_code, case.cancel_reason) == (reason_code, "free text")
    assert case.events[-1].reason == reason_code.value
    assert case.teleconsultations[0].status == TeleconsultationStatus.CANCELLED


def test_cancel_from_hold_forgets_the_held_status():
    case = case_in(CaseStatus.ON_HOLD)
    case.cancel(actor=COORDINATOR, now=NOW, reason_code="deceased")
    assert (case.status, case.held_from) == (CaseStatus.CANCELLED, None)


def test_a_referrer_cannot_cancel_once_accepted():
    with pytest.raises(ActionForbidden):
        case_in(CaseStatus.ACCEPTED).cancel(actor=REFERRER, now=NOW, reason_code="other")


# -- values the domain refuses -------------------------------------------------------------


def test_naive_datetimes_are_refused_before_any_change():
    case = case_in(CaseStatus.SUBMITTED)
    before = copy.deepcopy(case)
    with pytest.raises(ValidationFailed) as refused:
        case.schedule_teleconsultation(
            actor=COORDINATOR, now=NOW, **schedule(scheduled_at=datetime(2026, 5, 1, 10))
        )
    assert refused.value.code == "naive_datetime"
    assert case == before


def test_events_carry_no_patient_data():
    case = draft_case(clinical_summary="Jane Doe, severe stenosis")
    case.submit(actor=REFERRER, now=NOW)
    case.accept(actor=COORDINATOR, now=NOW, reason="fits")
    for event in case.events:
        assert "Jane" not in repr(event.data) and "stenosis" not in repr(event.data)
        assert event.reason in (None, "fits")


def test_collect_events_hands_over_and_forgets():
    case = draft_case()
    case.submit(actor=REFERRER, now=NOW)
    collected = case.collect_events()
    assert [e.type for e in collected] == ["case.created", "case.submitted"]
    assert case.events == []
    assert case.receiving_organization_id == RECEIVING_ORG
