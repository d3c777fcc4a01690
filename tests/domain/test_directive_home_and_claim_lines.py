"""Issue 24 items 9 and 10 in the domain: Directive 2011/24 Art. 8's prior authorisation
(who requires it, what it gates), the reimbursement at home (Art. 7(4)), coded claim lines
and Reg. 987/2009 Art. 67's deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.claims import (
    CodedLine,
    HomeReimbursementStepRefused,
    check_line,
    contest_deadline,
    deadlines_of,
    decide_home,
    introduction_deadline,
    submit_home,
)
from app.domain.errors import ValidationFailed
from app.domain.funding import (
    FundingContext,
    FundingEvidence,
    PriorAuthorisation,
    check_funding,
    prior_authorisation_missing,
)
from app.domain.money import Money
from app.domain.regimes import (
    DEFAULT_COUNTRY_LISTS,
    DIRECTIVE_PRIOR_AUTHORISATION,
    CareKind,
    CountryLists,
    prior_authorisation_required,
)
from app.domain.vocabulary import (
    AuthorisationDecision,
    ClaimCodeSystem,
    ClaimStatus,
    CoverageRoute,
    HomeReimbursementStatus,
)

TODAY = date(2026, 12, 7)


def eur(amount: str) -> Money:
    return Money.parse(amount, "EUR")


# -- prior authorisation (Directive 2011/24 Art. 8) -------------------------------------------


@pytest.mark.parametrize(
    ("country", "care", "overnight", "expected"),
    [
        ("DE", CareKind.PLANNED, True, True),
        ("FR", CareKind.PLANNED, True, True),
        ("GP", CareKind.PLANNED, True, True),  # Guadeloupe: France's law
        ("BE", CareKind.PLANNED, True, False),  # no prior authorisation system
        ("NL", CareKind.PLANNED, True, False),
        ("DE", CareKind.PLANNED, False, False),  # no night in hospital (Art. 8(2)(a)(i))
        ("DE", CareKind.UNPLANNED, True, False),  # nothing planned to authorise
        (None, CareKind.PLANNED, True, False),
    ],
)
def test_which_home_states_require_prior_authorisation(country, care, overnight, expected):
    required = prior_authorisation_required(CoverageRoute.EU_DIRECTIVE, country, care, overnight)
    assert required is expected


def test_only_the_directive_route_asks_it_and_the_list_is_data():
    for route in CoverageRoute:
        if route != CoverageRoute.EU_DIRECTIVE:
            assert not prior_authorisation_required(route, "DE", CareKind.PLANNED, True)
    edited = CountryLists({**DEFAULT_COUNTRY_LISTS, DIRECTIVE_PRIOR_AUTHORISATION: frozenset()})
    assert not prior_authorisation_required(
        CoverageRoute.EU_DIRECTIVE, "DE", CareKind.PLANNED, True, edited
    )


def grant(**changes) -> PriorAuthorisation:
    values = {
        "decision": AuthorisationDecision.GRANTED,
        "reference": "AOK-1",
        "issuing_institution": "AOK Bayern",
        "decided_on": TODAY - timedelta(days=3),
        "valid_from": TODAY,
        "valid_until": TODAY + timedelta(days=30),
    }
    return PriorAuthorisation(**(values | changes))


def test_a_refusal_or_a_grant_for_other_dates_gates_like_no_record():
    assert prior_authorisation_missing(False, None, TODAY) == []
    assert prior_authorisation_missing(True, None, TODAY) == ["prior_authorisation_granted"]
    refused = grant(decision=AuthorisationDecision.REFUSED, refusal_reason="Available at home")
    assert prior_authorisation_missing(True, refused, TODAY) == ["prior_authorisation_granted"]
    late = TODAY + timedelta(days=31)
    assert prior_authorisation_missing(True, grant(), late) == ["prior_authorisation_covers_care"]
    assert prior_authorisation_missing(True, grant(), TODAY) == []
    assert prior_authorisation_missing(True, grant(), None) == []


def test_check_funding_asks_the_prior_authorisation_only_where_required():
    context = FundingContext(
        latest_estimate_total=eur("1000.00"), payments_received=eur("300.00"), today=TODAY
    )
    route = CoverageRoute.EU_DIRECTIVE
    assert check_funding(route, FundingEvidence(), context) == []
    required = FundingContext(**{**context.__dict__, "prior_authorisation_required": True})
    assert check_funding(route, FundingEvidence(), required) == ["prior_authorisation_granted"]
    granted = FundingContext(**{**required.__dict__, "prior_authorisation": grant()})
    assert check_funding(route, FundingEvidence(), granted) == []


def test_a_record_is_checked_before_it_is_kept():
    assert grant().problems(TODAY) == []
    assert grant(valid_until=None).problems(TODAY) == ["validity"]
    assert grant(valid_from=TODAY + timedelta(days=40)).problems(TODAY) == ["validity_in_order"]
    assert grant(decided_on=TODAY + timedelta(days=1)).problems(TODAY) == ["decided_on_not_future"]
    refused = grant(decision=AuthorisationDecision.REFUSED, valid_from=None, valid_until=None)
    assert refused.problems(TODAY) == ["refusal_reason"]
    assert grant(reference=" ", issuing_institution="").problems(TODAY) == [
        "reference",
        "issuing_institution",
    ]


# -- the reimbursement at home (Art. 7(4)) ----------------------------------------------------


def submitted(**changes):
    values = {
        "submitted_on": TODAY,
        "invoiced_on": TODAY - timedelta(days=2),
        "today": TODAY,
        "reference": "MC-1",
        "insurer_organization_id": uuid4(),
        "insurer_name": None,
    }
    return submit_home(None, **(values | changes))


def test_submission_names_the_insurer_and_a_date_after_the_invoice():
    record = submitted()
    assert record.status == HomeReimbursementStatus.SUBMITTED
    with pytest.raises(ValidationFailed) as refused:
        submitted(insurer_organization_id=None, insurer_name="  ")
    assert refused.value.code == "home_insurer_required"
    for day in (TODAY - timedelta(days=3), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationFailed) as refused:
            submitted(submitted_on=day)
        assert refused.value.code == "home_reimbursement_date_invalid"
    with pytest.raises(HomeReimbursementStepRefused) as twice:
        submit_home(
            record,
            submitted_on=TODAY,
            invoiced_on=TODAY,
            today=TODAY,
            reference="x",
            insurer_organization_id=None,
            insurer_name="y",
        )
    assert twice.value.code == "home_reimbursement_already_submitted"


def decide(current, amount: Money | None, reason: str | None = None):
    return decide_home(
        current,
        decided_on=TODAY,
        today=TODAY,
        invoice_total=eur("1200.00"),
        reimbursed=amount,
        refusal_reason=reason,
    )


def test_the_answer_is_full_partial_or_a_refusal_never_more_than_the_invoice():
    assert decide(submitted(), eur("1200.00")).status == HomeReimbursementStatus.REIMBURSED
    partial = decide(submitted(), eur("816.40"))
    assert partial.status == HomeReimbursementStatus.PARTIALLY_REIMBURSED
    assert partial.amount == eur("816.40") and partial.refusal_reason is None
    # At the home tariff, in the home currency: not compared with the invoice.
    in_usd = decide(submitted(), Money.parse("9000.00", "USD"))
    assert in_usd.status == HomeReimbursementStatus.PARTIALLY_REIMBURSED
    refused = decide(submitted(), None, "Not a benefit at home")
    assert refused.status == HomeReimbursementStatus.REFUSED and refused.amount is None
    for amount, reason, code in (
        (eur("1200.01"), None, "reimbursement_exceeds_invoice"),
        (None, " ", "refusal_reason_required"),
    ):
        with pytest.raises(ValidationFailed) as failed:
            decide(submitted(), amount, reason)
        assert failed.value.code == code
    with pytest.raises(HomeReimbursementStepRefused) as early:
        decide(None, eur("1.00"))
    assert early.value.code == "home_reimbursement_not_submitted"
    with pytest.raises(HomeReimbursementStepRefused) as again:
        decide(partial, eur("1.00"))
    assert again.value.code == "home_reimbursement_already_decided"


# -- coded lines --------------------------------------------------------------------------------


def test_a_coded_line_is_exactly_quantity_times_unit_price():
    line = CodedLine(eur("138.24"), ClaimCodeSystem.CCAM, "DEQP003", Decimal("2"), eur("69.12"))
    check_line(line, 0)
    check_line(CodedLine(eur("39.75"), ClaimCodeSystem.NGAP, "C", Decimal("1.5"), eur("26.50")), 1)
    check_line(CodedLine(eur("12.00")), 2)  # an uncoded line stays possible
    cases = [
        (CodedLine(eur("138.25"), ClaimCodeSystem.CCAM, "X", Decimal("2"), eur("69.12")),
         "line_amount_mismatch"),
        # 1.5 x 0.33 is 0.495: no amount in cents is it, so none is accepted (no rounding).
        (CodedLine(eur("0.50"), None, None, Decimal("1.5"), eur("0.33")),
         "line_amount_mismatch"),
        (CodedLine(eur("1.00"), ClaimCodeSystem.GHS, None), "line_code_incomplete"),
        (CodedLine(eur("1.00"), None, "X"), "line_code_incomplete"),
        (CodedLine(eur("1.00"), None, None, Decimal("1")), "line_code_incomplete"),
        (CodedLine(eur("0.00"), None, None, Decimal("0"), eur("1.00")), "invalid_quantity"),
        (CodedLine(eur("1.00"), None, None, Decimal("1"), Money.parse("1.00", "USD")),
         "currency_mismatch"),
    ]  # fmt: skip
    for bad, code in cases:
        with pytest.raises(ValidationFailed) as refused:
            check_line(bad, 4)
        assert refused.value.code == code and "line 4" in refused.value.detail


# -- Reg. 987/2009 Art. 67 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("care_ended", "deadline"),
    [
        (date(2026, 1, 1), date(2027, 6, 30)),
        (date(2026, 6, 30), date(2027, 6, 30)),
        (date(2026, 7, 1), date(2027, 12, 31)),
        (date(2026, 12, 31), date(2027, 12, 31)),
    ],
)
def test_introduction_within_12_months_of_the_half_years_end(care_ended, deadline):
    assert introduction_deadline(care_ended) == deadline


@pytest.mark.parametrize(
    ("introduced", "deadline"),
    [
        (date(2027, 3, 10), date(2028, 9, 30)),
        (date(2026, 12, 7), date(2028, 6, 30)),
        (date(2026, 8, 31), date(2028, 2, 29)),  # a leap February
        (date(2026, 7, 1), date(2028, 1, 31)),
    ],
)
def test_pay_or_contest_within_18_months_of_the_end_of_the_month(introduced, deadline):
    assert contest_deadline(introduced) == deadline


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_the_contest_deadline_is_the_last_day_of_the_18th_month_after(introduced):
    deadline = contest_deadline(introduced)
    months = (deadline.year - introduced.year) * 12 + deadline.month - introduced.month
    assert months == 18 and (deadline + timedelta(days=1)).day == 1


def test_the_flags_follow_the_dates_and_the_status():
    intro, contest = date(2027, 6, 30), date(2028, 6, 30)
    on_time = deadlines_of(intro, contest, date(2026, 12, 7), ClaimStatus.SUBMITTED, TODAY)
    assert not on_time.introduction_overdue and on_time.contest_window_open
    assert not on_time.contest_overdue
    late = deadlines_of(intro, contest, date(2027, 7, 1), ClaimStatus.SUBMITTED, TODAY)
    assert late.introduction_overdue
    after = date(2028, 7, 1)
    unpaid = deadlines_of(intro, contest, date(2026, 12, 7), ClaimStatus.ACCEPTED, after)
    assert unpaid.contest_overdue and not unpaid.contest_window_open
    for settled in (ClaimStatus.PAID, ClaimStatus.CONTESTED, ClaimStatus.REPLACED):
        assert not deadlines_of(intro, contest, TODAY, settled, after).contest_overdue
    none = deadlines_of(None, None, TODAY, ClaimStatus.SUBMITTED, after)
    assert none == deadlines_of(None, None, TODAY, ClaimStatus.PAID, TODAY)
    assert not (none.introduction_overdue or none.contest_window_open or none.contest_overdue)
