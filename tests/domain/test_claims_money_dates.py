"""Claims as a table, exact conversions, lines that add up, facility-local dates, and the
S2 validity during the journey."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.domain import claims
from app.domain.errors import GuardFailed, MoneyError, ValidationFailed
from app.domain.exchange import ExchangeRate, fixed_peg
from app.domain.funding import Authorisation, Guarantee
from app.domain.local_time import check_time_zone, local_date, stay_days
from app.domain.money import Money, check_lines_sum
from app.domain.vocabulary import Action, CaseStatus, ClaimDebtor, ClaimPaymentKind, ClaimStatus

from .builders import COORDINATOR, PAYER, case_in, perform

C = ClaimStatus


def xcd(amount: str) -> Money:
    return Money.parse(amount, "XCD")


# -- claims ---------------------------------------------------------------------------------


def test_instalments_keep_a_claim_partially_paid_until_paid_in_full():
    # EESSI S091/S092 payment notices: each payment is recorded, the claim is paid once
    # the payments reach its total.
    total = xcd("35000.00")
    assert claims.status_after_payment(total, xcd("0"), xcd("10000.00")) == C.PARTIALLY_PAID
    assert claims.status_after_payment(total, xcd("10000.00"), xcd("25000.00")) == C.PAID
    with pytest.raises(ValidationFailed) as over:
        claims.status_after_payment(total, xcd("30000.00"), xcd("5000.01"))
    assert over.value.code == "payment_exceeds_claim"


def test_the_payer_pays_an_accepted_or_partially_paid_claim_again():
    row = claims.transition(claims.PAY, C.PARTIALLY_PAID, ClaimDebtor.PAYER, claims.DEBTOR_SIDE)
    assert row.target is None
    with pytest.raises(claims.ClaimTransitionRefused) as paid:
        claims.transition(claims.PAY, C.PAID, ClaimDebtor.PAYER, claims.DEBTOR_SIDE)
    assert paid.value.code == "claim_already_paid"


def test_a_down_payment_comes_before_acceptance_an_instalment_after():
    # EESSI S089/S090: a down payment may be requested before the claim is settled.
    kind = ClaimPaymentKind.DOWN_PAYMENT
    claims.transition(claims.PAY, C.SUBMITTED, ClaimDebtor.PAYER, claims.DEBTOR_SIDE, kind)
    with pytest.raises(claims.ClaimTransitionRefused):
        claims.transition(
            claims.PAY,
            C.SUBMITTED,
            ClaimDebtor.PAYER,
            claims.DEBTOR_SIDE,
            ClaimPaymentKind.INSTALMENT,
        )


def test_a_patient_invoice_is_settled_by_the_hospital_not_answered_by_a_payer():
    # Directive 2011/24/EU Art. 7(4): the patient pays; nobody accepts or contests for them.
    claims.transition(claims.PAY, C.SUBMITTED, ClaimDebtor.PATIENT, claims.CREDITOR_SIDE)
    with pytest.raises(claims.ClaimTransitionRefused):
        claims.transition(claims.ACCEPT, C.SUBMITTED, ClaimDebtor.PATIENT, claims.DEBTOR_SIDE)
    with pytest.raises(claims.ClaimSideForbidden):
        claims.transition(claims.PAY, C.ACCEPTED, ClaimDebtor.PAYER, claims.CREDITOR_SIDE)


def test_contested_lines_are_positions_with_reasons():
    lines = [claims.ContestedLine(1, "not in the S2's care")]
    assert claims.check_contested_lines(lines, 3) == lines
    with pytest.raises(ValidationFailed):
        claims.check_contested_lines([claims.ContestedLine(3, "x")], 3)
    with pytest.raises(ValidationFailed):
        claims.check_contested_lines([claims.ContestedLine(0, " ")], 3)


def test_claims_stay_within_the_guarantee():
    guarantee = xcd("35000.00")
    assert claims.within_guarantee(guarantee, xcd("0"), xcd("35000.00"))
    assert not claims.within_guarantee(guarantee, xcd("0"), xcd("41000.00"))
    assert not claims.within_guarantee(guarantee, xcd("30000.00"), xcd("5000.01"))
    assert not claims.within_guarantee(guarantee, None, Money.parse("1.00", "USD"))
    assert claims.within_guarantee(None, None, xcd("41000.00"))


# -- exchange -------------------------------------------------------------------------------


def test_the_eastern_caribbean_dollar_is_pegged_at_2_70():
    peg = fixed_peg("XCD", "USD")
    assert peg.rate == Decimal("2.70") and "ECCB" in peg.source
    assert peg.convert(xcd("2700.00"), "USD") == Money.parse("1000.00", "USD")
    assert peg.convert(Money.parse("1000.00", "USD"), "XCD") == xcd("2700.00")
    # One rounding, half up, to the cent: 100 XCD = 37.037... USD.
    assert peg.convert(xcd("100.00"), "USD") == Money.parse("37.04", "USD")


def test_a_rate_names_its_source_and_is_positive():
    with pytest.raises(MoneyError):
        ExchangeRate("USD", "EUR", Decimal("0.92"), " ")
    with pytest.raises(MoneyError):
        ExchangeRate("USD", "EUR", Decimal("0"), "ECB")
    assert fixed_peg("EUR", "USD") is None


def test_lines_must_sum_to_the_total():
    check_lines_sum(xcd("36000.00"), [xcd("30000.00"), xcd("6000.00")])
    with pytest.raises(MoneyError) as refused:
        check_lines_sum(xcd("38500.00"), [xcd("30000.00"), xcd("6000.00")])
    assert refused.value.code == "lines_do_not_sum_to_total"


# -- local dates ----------------------------------------------------------------------------


def test_a_martinique_discharge_at_21h_is_on_the_local_day():
    discharged = datetime(2026, 11, 30, 21, 0, tzinfo=timezone(timedelta(hours=-4)))
    admitted = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    assert discharged.astimezone(UTC).date() == date(2026, 12, 1)
    assert local_date(discharged, "America/Martinique") == date(2026, 11, 30)
    days = stay_days(
        local_date(admitted, "America/Martinique"), local_date(discharged, "America/Martinique")
    )
    assert days == 1


def test_time_zones_are_iana_names():
    assert check_time_zone("Europe/Brussels") == "Europe/Brussels"
    with pytest.raises(ValidationFailed):
        check_time_zone("Mars/Olympus")


# -- S2 validity on the journey -------------------------------------------------------------


def test_arrival_after_the_s2_expired_is_refused_until_extended():
    # Regulation 987/2009 Art. 26; EESSI S_BUC_09 (S035/S037) extends the S2 during the stay.
    case = case_in(CaseStatus.TRANSFER_SCHEDULED)
    case.facility_time_zone = "America/Martinique"
    late = datetime(2027, 1, 1, 2, 0, tzinfo=UTC)  # 31 December 22:00 in Martinique
    perform(case, Action.RECORD_ARRIVAL, COORDINATOR, now=late, arrived_at=late)
    assert case.status == CaseStatus.ARRIVED
    later = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
    with pytest.raises(GuardFailed) as refused:
        perform(case, Action.ADMIT, COORDINATOR, now=later, admitted_at=later, unit="ward")
    assert refused.value.missing == ["authorisation_valid_on_admission"]
    extended = Authorisation("S2-FR-2026-0042-B", date(2026, 1, 1), date(2027, 3, 31))
    perform(case, Action.EXTEND_AUTHORISATION, PAYER, now=later, authorisation=extended)
    assert case.status == CaseStatus.ARRIVED and case.coverage.authorisation == extended
    perform(case, Action.ADMIT, COORDINATOR, now=later, admitted_at=later, unit="ward")
    assert case.status == CaseStatus.ADMITTED


def test_an_extension_must_extend():
    case = case_in(CaseStatus.ADMITTED)
    shorter = Authorisation("S2-X", date(2026, 1, 1), date(2026, 6, 30))
    with pytest.raises(GuardFailed) as refused:
        perform(case, Action.EXTEND_AUTHORISATION, PAYER, authorisation=shorter)
    assert refused.value.missing == ["extends_validity"]


def test_an_amended_guarantee_replaces_the_funding_guarantee():
    case = case_in(CaseStatus.ADMITTED)
    # Only a funding that carries a letter of guarantee has one to amend (issue 24).
    case.funding = replace(case.funding, guarantee=Guarantee("MOH-LC-77", xcd("30000.00")))
    amended = Guarantee("MOH-LC-77-A1", xcd("45000.00"))
    perform(case, Action.AMEND_GUARANTEE, PAYER, guarantee=amended)
    assert case.funding.guarantee == amended and case.status == CaseStatus.ADMITTED
