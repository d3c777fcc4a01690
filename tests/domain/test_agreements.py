from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from app.domain.agreements import Agreement, ZoneEntry, applicable_agreements
from app.domain.errors import ValidationFailed
from app.domain.vocabulary import AgreementKind

HOSPITAL = UUID(int=10)
OTHER_HOSPITAL = UUID(int=11)
DAY = date(2026, 3, 2)


def agreement(**changes) -> Agreement:
    values = {
        "id": UUID(int=1),
        "kind": AgreementKind.ZOAST,
        "receiving_organization_ids": frozenset({HOSPITAL}),
        "payer_organization_ids": frozenset({UUID(int=20)}),
        "zone": (ZoneEntry("BE", ("7700",), ("75",)), ZoneEntry("FR", ("59000",), ())),
        "excluded_specialties": frozenset({"Oncology"}),
        "prior_authorisation_required": False,
        "advance_payment_required": False,
        "deposit_ratio": Decimal("0.2"),
        "valid_from": date(2025, 1, 1),
        "valid_until": date(2026, 12, 31),
    }
    return Agreement(**(values | changes))


@pytest.mark.parametrize(
    ("country", "postal_code", "covered"),
    [
        ("BE", "7700", True),
        ("be", " 77 00 ", True),
        ("BE", "7500", True),
        ("BE", "7599", True),
        ("BE", "7600", False),
        ("FR", "7700", False),
        ("BE", None, False),
        (None, "7700", False),
    ],
)
def test_zone_entry_codes_and_prefixes(country, postal_code, covered):
    entry = ZoneEntry("BE", ("7700",), ("75",))
    assert entry.covers(country, postal_code) is covered


def test_a_zone_entry_without_codes_covers_the_whole_country():
    entry = ZoneEntry("GP")
    assert entry.covers("GP", "97110") and entry.covers("gp", None)
    assert not entry.covers("MQ", "97200")


def test_postal_codes_with_letters_compare_uppercased():
    entry = ZoneEntry("NL", (), ("1000 A",))
    assert entry.covers("NL", "1000ab")


@pytest.mark.parametrize(
    ("on", "active"),
    [
        (date(2024, 12, 31), False),
        (date(2025, 1, 1), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), False),
    ],
)
def test_is_active_includes_both_ends(on, active):
    assert agreement().is_active(on) is active


def test_an_open_ended_agreement_stays_active():
    assert agreement(valid_until=None).is_active(date(2099, 1, 1))


def test_applies_to_a_covered_resident_of_a_listed_hospital():
    assert agreement().applies_to("BE", "7501", HOSPITAL, "cardiology", DAY)
    assert agreement().applies_to("FR", "59000", HOSPITAL, None, DAY)


@pytest.mark.parametrize(
    ("residence", "postal_code", "hospital", "specialty", "on"),
    [
        ("BE", "1000", HOSPITAL, "cardiology", DAY),
        ("BE", "7501", OTHER_HOSPITAL, "cardiology", DAY),
        ("BE", "7501", HOSPITAL, " oncology ", DAY),
        ("BE", "7501", HOSPITAL, "ONCOLOGY", DAY),
        ("BE", "7501", HOSPITAL, "cardiology", date(2027, 6, 1)),
    ],
    ids=["outside-zone", "other-hospital", "excluded", "excluded-uppercase", "expired"],
)
def test_does_not_apply(residence, postal_code, hospital, specialty, on):
    assert not agreement().applies_to(residence, postal_code, hospital, specialty, on)


def test_an_empty_zone_does_not_restrict_residence():
    assert agreement(zone=()).applies_to("JM", None, HOSPITAL, "cardiology", DAY)


def test_applicable_agreements_filters_and_keeps_order():
    s2 = agreement(id=UUID(int=2), kind=AgreementKind.S2, zone=())
    expired = agreement(id=UUID(int=3), valid_until=date(2025, 6, 30))
    zoast = agreement()
    found = applicable_agreements([s2, expired, zoast], "BE", "7700", HOSPITAL, "cardiology", DAY)
    assert found == [s2, zoast]
    only_zoast = applicable_agreements(
        [s2, expired, zoast], "BE", "7700", HOSPITAL, "cardiology", DAY, kind=AgreementKind.ZOAST
    )
    assert only_zoast == [zoast]


def test_no_receiving_organisation_means_any():
    assert applicable_agreements([agreement()], "BE", "7700", None, None, DAY) == [agreement()]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"deposit_ratio": Decimal("1.01")}, "invalid_deposit_ratio"),
        ({"deposit_ratio": Decimal("-0.1")}, "invalid_deposit_ratio"),
        ({"valid_until": date(2024, 12, 31)}, "invalid_validity"),
    ],
)
def test_invalid_agreements_are_refused(changes, code):
    with pytest.raises(ValidationFailed) as refused:
        agreement(**changes)
    assert refused.value.code == code
