"""Issue 24, items 5-8, in the domain: funding after the care, an insurer's capped and
dated guarantee, the advisor's three answers, and a unit move's bed."""

from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID

import pytest

from app.domain.case import EMERGENCY_PRESENTATION_ROUTES, Case
from app.domain.errors import GuardFailed, InvalidTransition
from app.domain.funding import (
    FundingContext,
    FundingEvidence,
    Guarantee,
    check_funding,
    requirements_for,
)
from app.domain.money import Money
from app.domain.regimes import CareKind, CoverageFacts, coverage_options, missing_facts
from app.domain.transitions import CaseFact
from app.domain.vocabulary import (
    Action,
    CaseStatus,
    CoverageRoute,
    Priority,
    RouteVerdict,
)

from .builders import (
    CLINICIAN,
    COORDINATOR,
    NOW,
    PAYER,
    PAYER_ORG,
    case_in,
    coverage,
    perform,
)

R = CoverageRoute
CAP = Money.parse("5000.00", "EUR")
TODAY = NOW.date()


def gop(**changes) -> Guarantee:
    values = {
        "reference": "CTA-GOP-1",
        "amount": CAP,
        "valid_from": TODAY - timedelta(days=1),
        "valid_until": TODAY + timedelta(days=14),
    }
    return Guarantee(**(values | changes))


# -- 5. moved first, funded later ---------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [CaseStatus.TRANSFER_SCHEDULED, CaseStatus.ARRIVED, CaseStatus.ADMITTED, CaseStatus.DISCHARGED],
)
def test_an_unfunded_case_is_funded_where_it_stands(status):
    case = case_in(status, Priority.EMERGENCY, coverage=coverage(R.SELF_PAY))
    case.funding, case.has_final_claim = None, False
    assert "approve-funding" in case.allowed_actions(PAYER)
    estimate = Money.parse("1000.00", "EUR")
    context = FundingContext(latest_estimate_total=estimate, payments_received=estimate)
    perform(
        case, Action.APPROVE_FUNDING, PAYER, evidence=FundingEvidence(note="ok"), context=context
    )
    assert case.status == status and case.funding.approved_by_organization_id == PAYER_ORG
    [event] = case.events
    assert (event.from_status, event.to_status) == (status, status)
    assert event.data == {"route": "self_pay", "after": status.value}
    assert "approve-funding" not in case.allowed_actions(PAYER)


def test_no_funding_after_the_final_claim():
    case = case_in(CaseStatus.DISCHARGED, coverage=coverage(R.SELF_PAY))
    case.funding, case.has_final_claim = None, True
    estimate = Money.parse("1000.00", "EUR")
    context = FundingContext(latest_estimate_total=estimate, payments_received=estimate)
    with pytest.raises(GuardFailed) as refused:
        perform(case, Action.APPROVE_FUNDING, PAYER, evidence=FundingEvidence(), context=context)
    assert refused.value.missing == ["no_final_claim_yet"]


def test_the_facts_a_case_holds():
    case = case_in(CaseStatus.ADMITTED)  # S2, funded, no guarantee
    assert case.facts == {CaseFact.HOLDS_AUTHORISATION}
    case.funding = replace(case.funding, guarantee=gop())
    assert case.facts == {CaseFact.HOLDS_AUTHORISATION, CaseFact.HOLDS_GUARANTEE}
    case.funding, case.coverage.authorisation = None, None
    assert case.facts == {CaseFact.NOT_FUNDED}
    with pytest.raises(InvalidTransition):
        perform(case, Action.AMEND_GUARANTEE, PAYER, guarantee=gop())


def test_an_amended_capped_guarantee_keeps_its_dates_unless_new_ones_are_given():
    case = case_in(CaseStatus.ADMITTED, coverage=coverage(R.INSURER_GUARANTEE))
    case.funding = replace(case.funding, guarantee=gop())
    raised = Guarantee("CTA-GOP-1-A1", Money.parse("8000.00", "EUR"))
    perform(case, Action.AMEND_GUARANTEE, PAYER, guarantee=raised)
    assert case.funding.guarantee.amount == raised.amount
    assert case.funding.guarantee.valid_until == gop().valid_until


# -- 6. an insurer's guarantee of payment -------------------------------------------------


def test_an_insurer_guarantee_fits_a_walk_in():
    assert R.INSURER_GUARANTEE in EMERGENCY_PRESENTATION_ROUTES
    needs = requirements_for(R.INSURER_GUARANTEE, None)
    assert needs.guarantee and needs.guarantee_capped and not needs.estimate


@pytest.mark.parametrize(
    ("guarantee", "missing"),
    [
        (None, ["guarantee"]),
        (gop(valid_from=None, valid_until=None), ["guarantee_validity"]),
        (gop(valid_until=TODAY - timedelta(days=5)), ["guarantee_validity"]),
        (gop(amount=Money.parse("0.00", "EUR")), ["guarantee_cap"]),
        (gop(valid_from=TODAY + timedelta(days=2)), ["guarantee_valid_for_care"]),
        (gop(), []),
    ],
)
def test_what_an_insurers_guarantee_needs(guarantee, missing):
    context = FundingContext(today=TODAY, care=CareKind.UNPLANNED, care_start=TODAY)
    assert check_funding(R.INSURER_GUARANTEE, FundingEvidence(guarantee=guarantee), context) == (
        missing
    )


def test_a_ministry_guarantee_still_covers_the_estimate():
    estimate = Money.parse("9000.00", "EUR")
    context = FundingContext(latest_estimate_total=estimate)
    evidence = FundingEvidence(guarantee=gop())
    assert check_funding(R.THIRD_PARTY_GUARANTEE, evidence, context) == [
        "guarantee_amount_below_estimate"
    ]
    assert check_funding(R.INSURER_GUARANTEE, evidence, context) == []


def test_care_starts_when_the_walk_in_came():
    case = Case.present(
        id=UUID(int=5),
        reference="COR-2026-000905",
        actor=COORDINATOR,
        now=NOW,
        presented_at=NOW - timedelta(days=3),
        patient_id=UUID(int=6),
        specialty="orthopaedics",
        coverage=coverage(R.INSURER_GUARANTEE),
    )
    late_letter = gop(valid_from=TODAY - timedelta(days=1))
    with pytest.raises(GuardFailed) as refused:
        perform(
            case,
            Action.APPROVE_FUNDING,
            PAYER,
            evidence=FundingEvidence(guarantee=late_letter),
            context=FundingContext(),
        )
    assert refused.value.missing == ["guarantee_valid_for_care"]
    perform(
        case,
        Action.APPROVE_FUNDING,
        PAYER,
        evidence=FundingEvidence(guarantee=gop(valid_from=TODAY - timedelta(days=3))),
        context=FundingContext(),
    )
    assert case.status == CaseStatus.ARRIVED and case.funding.guarantee.amount == CAP


# -- 8. the advisor's three answers ---------------------------------------------------------


def options(**facts) -> dict:
    values = {"on": date(2026, 3, 2), "provider_country": "MQ", "residence_country": "LC"}
    return {o.route: o for o in coverage_options(CoverageFacts(**(values | facts)))}


def test_an_unknown_insuring_state_leaves_s2_undetermined_with_hints():
    s2 = options(nationality="FR")[R.S2]
    assert (s2.verdict, s2.applicable, s2.failed_conditions) == (
        RouteVerdict.UNDETERMINED,
        False,
        (),
    )
    assert s2.missing_facts == ("insurance_country",)
    by_source = {hint.presumed_from: hint for hint in s2.hints}
    assert by_source["residence_country"].verdict == RouteVerdict.NOT_APPLICABLE
    # A French national insured in France is treated in France (Martinique): not cross-border.
    assert by_source["nationality"].failed_conditions == ("care_in_another_state",)


def test_a_known_insuring_state_answers_yes_or_no():
    assert options(insurance_country="BE")[R.S2].verdict == RouteVerdict.APPLICABLE
    no = options(insurance_country="LC")[R.S2]
    assert no.verdict == RouteVerdict.NOT_APPLICABLE and not no.missing_facts and not no.hints
    assert options()[R.SELF_PAY].verdict == RouteVerdict.APPLICABLE


def test_what_each_route_needs_to_know():
    assert missing_facts(R.S2, CoverageFacts()) == [
        "insurance_country",
        "receiving_organization_id",
    ]
    assert missing_facts(R.ZOAST, CoverageFacts()) == [
        "receiving_organization_id",
        "residence_country",
    ]
    assert missing_facts(R.INSURER_GUARANTEE, CoverageFacts()) == ["payer_organization_id"]
    assert missing_facts(R.SELF_PAY, CoverageFacts()) == []


# -- also: a unit move's bed ----------------------------------------------------------------


def test_a_unit_move_without_a_bed_leaves_the_old_bed():
    case = case_in(CaseStatus.ADMITTED)
    case.stay.bed = "12"
    perform(case, Action.TRANSFER_UNIT, CLINICIAN, unit="icu", at=NOW)
    assert case.stay.bed is None and case.stay.movements[-1].bed is None
    perform(case, Action.TRANSFER_UNIT, CLINICIAN, unit="step-down", at=NOW, bed=" 4 ")
    assert case.stay.bed == "4"
