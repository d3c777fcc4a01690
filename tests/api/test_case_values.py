"""The case's value objects are mapped once each (app/db/case_values.py): the JSON a case
row already stores reads back to the same value and is written back unchanged, and a
request body's dump reads through the same mapping."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from app.db import case_values
from app.domain.case import FundingApproval, InformationRequest
from app.domain.errors import MoneyError
from app.domain.exchange import ExchangeRate
from app.domain.funding import Authorisation, Guarantee
from app.domain.money import Money
from app.domain.vocabulary import CoverageRoute

APPROVER = uuid.UUID("8a1d4b4e-5c51-4a0e-9d3c-4f3a8f7f0b11")

# As the case rows store them (the shape the API shows as `funding`).
STORED_FUNDING = {
    "route": "third_party_guarantee",
    "authorisation": {"reference": "S2-7", "valid_from": "2026-01-02", "valid_until": "2026-03-01"},
    "guarantee": {
        "reference": "LG-1",
        "amount": {"amount": "1000.00", "currency": "XCD"},
        "valid_from": None,
        "valid_until": "2026-04-30",
        "counted_amount": {"amount": "370.37", "currency": "EUR"},
        "exchange_rate": {"base": "XCD", "quote": "EUR", "rate": "0.37037", "source": "bank"},
    },
    "note": "approved",
    "approved_at": "2026-12-07T00:01:02.000345+00:00",
    "approved_by_organization_id": str(APPROVER),
}


def test_stored_funding_reads_to_the_value_and_writes_back_unchanged():
    funding = case_values.FUNDING.of(STORED_FUNDING)
    assert funding == FundingApproval(
        route=CoverageRoute.THIRD_PARTY_GUARANTEE,
        authorisation=Authorisation("S2-7", date(2026, 1, 2), date(2026, 3, 1)),
        guarantee=Guarantee(
            reference="LG-1",
            amount=Money(Decimal("1000.00"), "XCD"),
            counted=Money(Decimal("370.37"), "EUR"),
            rate=ExchangeRate("XCD", "EUR", Decimal("0.37037"), "bank"),
            valid_until=date(2026, 4, 30),
        ),
        note="approved",
        approved_at=datetime(2026, 12, 7, 0, 1, 2, 345, tzinfo=UTC),
        approved_by_organization_id=APPROVER,
    )
    assert case_values.FUNDING.json(funding) == STORED_FUNDING


def test_a_guarantee_keeps_its_rate_only_with_what_it_counts_for():
    # As written in the case's currency: the rate the request brought is not stored.
    written = Guarantee(
        "LG-2",
        Money(Decimal("10.00"), "EUR"),
        rate=ExchangeRate("USD", "EUR", Decimal("0.9"), "bank"),
    )
    stored = case_values.GUARANTEE.json(written)
    assert "exchange_rate" not in stored and "counted_amount" not in stored
    assert case_values.GUARANTEE.of(stored).in_case_currency == Money(Decimal("10.00"), "EUR")


def test_a_request_dump_reads_through_the_same_mapping():
    assert case_values.AUTHORISATION.of(
        {"reference": "S2-9", "valid_from": date(2026, 5, 1), "valid_until": date(2026, 5, 31)}
    ) == Authorisation("S2-9", date(2026, 5, 1), date(2026, 5, 31))
    letter = case_values.LETTER_CONTENT.of(
        {"diagnoses": [{"display": "Fracture"}], "procedures": None, "language": "fr"}
    )
    assert letter.procedures == () and letter.diagnoses[0].display == "Fracture"
    assert case_values.GUARANTEE.of(None) is None and case_values.FUNDING.of({}) is None


def test_an_amount_the_currency_cannot_hold_is_the_domains_refusal():
    with pytest.raises(MoneyError):
        case_values.GUARANTEE.of(
            {"reference": "LG-3", "amount": {"amount": "1.234", "currency": "EUR"}}
        )


def test_an_information_request_round_trips_with_its_times_as_stored():
    stored = {
        "id": str(uuid.uuid4()),
        "questions": "Latest CT?",
        "due_date": "2026-12-10",
        "requested_at": "2026-12-07T10:00:00+00:00",
        "requested_by": "coordinator",
        "answer": None,
        "document_ids": [str(uuid.uuid4())],
        "answered_at": None,
        "answered_by": None,
    }
    request = case_values.INFORMATION_REQUEST.of(stored)
    assert isinstance(request, InformationRequest) and request.due_date == date(2026, 12, 10)
    assert case_values.INFORMATION_REQUEST.json(request) == stored
