"""Funding rules by route, alone and through approve-funding."""

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

import pytest

from app.domain.agreements import Agreement, ZoneEntry, applicable_agreements
from app.domain.errors import GuardFailed
from app.domain.funding import (
    Authorisation,
    FundingContext,
    FundingEvidence,
    Guarantee,
    check_funding,
    requirements_for,
)
from app.domain.money import Money
from app.domain.regimes import CareKind
from app.domain.vocabulary import AgreementKind, CaseStatus, CoverageRoute, Priority, Transport

from .builders import COORDINATOR, NOW, RECEIVING_ORG, case_in, coverage

R = CoverageRoute
NO_EVIDENCE = FundingEvidence()
ESTIMATE = Money.parse("10000.00", "EUR")


def eur(amount: str) -> Money:
    return Money.parse(amount, "EUR")


def zoast_agreement(**changes) -> Agreement:
    values = {
        "id": UUID(int=1),
        "kind": AgreementKind.ZOAST,
        "receiving_organization_ids": frozenset({RECEIVING_ORG}),
        "payer_organization_ids": frozenset(),
        "zone": (ZoneEntry("BE", (), ("75", "76")),),
        "excluded_specialties": frozenset({"Cosmetic surgery"}),
        "prior_authorisation_required": False,
        "advance_payment_required": False,
        "deposit_ratio": None,
        "valid_from": date(2024, 1, 1),
        "valid_until": None,
    }
    return Agreement(**(values | changes))


def test_every_route_has_requirements():
    assert {requirements_for(route, None).debtor for route in CoverageRoute}


def test_a_case_without_a_route_cannot_be_funded():
    assert check_funding(None, NO_EVIDENCE, FundingContext()) == ["coverage_route"]


# -- zoast ---------------------------------------------------------------------------------


def zoast_context(postal_code: str, specialty: str) -> FundingContext:
    found = applicable_agreements(
        [zoast_agreement()], "BE", postal_code, RECEIVING_ORG, specialty, NOW.date()
    )
    return FundingContext(zoast_agreement=found[0] if found else None)


def test_zoast_with_an_agreement_needs_nothing_else():
    assert check_funding(R.ZOAST, NO_EVIDENCE, zoast_context("7500", "cardiology")) == []


def test_zoast_without_an_agreement():
    assert check_funding(R.ZOAST, NO_EVIDENCE, FundingContext()) == ["zoast_agreement"]


def test_zoast_matches_the_postal_prefix():
    assert check_funding(R.ZOAST, NO_EVIDENCE, zoast_context("7 601", "cardiology")) == []
    assert check_funding(R.ZOAST, NO_EVIDENCE, zoast_context("1000", "cardiology")) == [
        "zoast_agreement"
    ]


def test_zoast_excluded_specialty_finds_no_agreement():
    context = zoast_context("7500", "COSMETIC SURGERY")
    assert check_funding(R.ZOAST, NO_EVIDENCE, context) == ["zoast_agreement"]


# -- s2 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authorisation", "missing"),
    [
        (Authorisation("S2-1", date(2026, 1, 1), date(2026, 6, 30)), []),
        (Authorisation("S2-1", date(2026, 1, 1), date(2026, 1, 1)), []),
        (None, ["authorisation"]),
        (Authorisation(" ", date(2026, 1, 1), date(2026, 6, 30)), ["authorisation"]),
        (Authorisation("S2-1", date(2026, 6, 30), date(2026, 1, 1)), ["authorisation"]),
    ],
)
def test_s2_needs_a_referenced_authorisation(authorisation, missing):
    evidence = FundingEvidence(authorisation=authorisation)
    assert check_funding(R.S2, evidence, FundingContext()) == missing


# -- third-party guarantee -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("guarantee", "estimate", "missing"),
    [
        (Guarantee("G-1", eur("10000.00")), ESTIMATE, []),
        (Guarantee("G-1", eur("12000.00")), ESTIMATE, []),
        (Guarantee("G-1", eur("9999.99")), ESTIMATE, ["guarantee_amount_below_estimate"]),
        (
            Guarantee("G-1", Money.parse("20000.00", "USD")),
            ESTIMATE,
            ["guarantee_amount_below_estimate"],
        ),
        (Guarantee("", eur("10000.00")), ESTIMATE, ["guarantee"]),
        (None, ESTIMATE, ["guarantee"]),
        (Guarantee("G-1", eur("10000.00")), None, ["estimate"]),
        (None, None, ["guarantee", "estimate"]),
    ],
)
def test_third_party_guarantee_covers_the_estimate(guarantee, estimate, missing):
    evidence = FundingEvidence(guarantee=guarantee)
    context = FundingContext(latest_estimate_total=estimate)
    assert check_funding(R.THIRD_PARTY_GUARANTEE, evidence, context) == missing


# -- self-pay and EU directive -------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "missing"),
    [
        ("3000.00", []),
        ("2999.99", ["deposit"]),
        ("10000.00", []),
        (None, ["deposit"]),
    ],
)
def test_self_pay_deposit_at_the_default_ratio(received, missing):
    context = FundingContext(
        latest_estimate_total=ESTIMATE,
        payments_received=eur(received) if received else None,
    )
    assert context.deposit_ratio == Decimal("0.3")
    assert check_funding(R.SELF_PAY, NO_EVIDENCE, context) == missing


def test_self_pay_uses_the_agreements_ratio():
    context = FundingContext(
        latest_estimate_total=ESTIMATE,
        payments_received=eur("5000.00"),
        deposit_ratio=Decimal("0.5"),
    )
    assert check_funding(R.SELF_PAY, NO_EVIDENCE, context) == []
    lower = FundingContext(
        latest_estimate_total=ESTIMATE,
        payments_received=eur("4999.99"),
        deposit_ratio=Decimal("0.5"),
    )
    assert check_funding(R.SELF_PAY, NO_EVIDENCE, lower) == ["deposit"]


def test_self_pay_needs_an_estimate():
    assert check_funding(R.SELF_PAY, NO_EVIDENCE, FundingContext()) == ["estimate"]


def test_self_pay_payments_in_another_currency_do_not_count():
    context = FundingContext(
        latest_estimate_total=ESTIMATE, payments_received=Money.parse("9000.00", "USD")
    )
    assert check_funding(R.SELF_PAY, NO_EVIDENCE, context) == ["deposit"]


# Directive 2011/24/EU Art. 7(4): the patient pays the provider (a deposit on the quote, as
# for self-pay); Art. 8: prior authorisation only where the payer's rules require it.
def test_eu_directive_is_paid_by_the_patient_with_a_deposit():
    paid = FundingContext(latest_estimate_total=ESTIMATE, payments_received=eur("3000.00"))
    short = FundingContext(latest_estimate_total=ESTIMATE, payments_received=eur("100.00"))
    assert check_funding(R.EU_DIRECTIVE, NO_EVIDENCE, paid) == []
    assert check_funding(R.EU_DIRECTIVE, NO_EVIDENCE, short) == ["deposit"]
    assert check_funding(R.EU_DIRECTIVE, NO_EVIDENCE, FundingContext()) == ["estimate"]


def test_eu_directive_needs_prior_authorisation_only_where_the_payers_rules_do():
    rules = zoast_agreement(
        kind=AgreementKind.EU_DIRECTIVE, prior_authorisation_required=True, zone=()
    )
    paid = FundingContext(
        latest_estimate_total=ESTIMATE, payments_received=eur("3000.00"), agreement=rules
    )
    assert check_funding(R.EU_DIRECTIVE, NO_EVIDENCE, paid) == ["authorisation"]
    evidence = FundingEvidence(
        authorisation=Authorisation("PA-7", date(2026, 1, 1), date(2026, 12, 1))
    )
    assert check_funding(R.EU_DIRECTIVE, evidence, paid) == []


# -- ehic ----------------------------------------------------------------------------------


# Regulation 883/2004 Art. 19: the EHIC covers care that becomes necessary during a stay,
# never planned care; it needs nothing else (no deposit, no authorisation).
@pytest.mark.parametrize("priority", list(Priority))
def test_ehic_never_funds_planned_care(priority):
    context = FundingContext(
        latest_estimate_total=ESTIMATE, payments_received=ESTIMATE, priority=priority
    )
    assert check_funding(R.EHIC, NO_EVIDENCE, context) == ["unplanned_care"]
    unplanned = FundingContext(care=CareKind.UNPLANNED)
    assert check_funding(R.EHIC, NO_EVIDENCE, unplanned) == []


def test_a_planned_ehic_case_cannot_reach_funding_approved():
    case = case_in(CaseStatus.ACCEPTED, coverage=coverage(CoverageRoute.EHIC))
    with pytest.raises(GuardFailed) as refused:
        case.approve_funding(
            actor=COORDINATOR, now=NOW, evidence=NO_EVIDENCE, context=FundingContext()
        )
    assert refused.value.missing == ["unplanned_care"]
    assert case.status == CaseStatus.ACCEPTED


def test_an_emergency_ehic_case_schedules_its_transfer_from_accepted():
    case = case_in(CaseStatus.ACCEPTED, Priority.EMERGENCY, coverage=coverage(CoverageRoute.EHIC))
    case.schedule_transfer(
        actor=COORDINATOR,
        now=NOW,
        expected_arrival_at=NOW + timedelta(hours=6),
        transport=Transport.AIR_AMBULANCE,
        escorts=2,
    )
    assert case.status == CaseStatus.TRANSFER_SCHEDULED
    assert case.funding is None
