from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError, MoneyError
from app.domain.money import MINOR_UNITS, Money

REQUIRED = [
    "EUR",
    "USD",
    "XCD",
    "DOP",
    "HTG",
    "JMD",
    "TTD",
    "BBD",
    "GBP",
    "CAD",
    "ANG",
    "AWG",
    "BSD",
    "BZD",
    "GYD",
    "SRD",
    "CUP",
    "KYD",
]


def test_the_corridor_currencies_are_known():
    assert all(MINOR_UNITS[code] == 2 for code in REQUIRED)
    assert (MINOR_UNITS["JPY"], MINOR_UNITS["KWD"], MINOR_UNITS["BHD"]) == (0, 3, 3)


@pytest.mark.parametrize(
    ("amount", "currency", "json_amount"),
    [
        ("1234.50", "EUR", "1234.50"),
        ("1234.5", "EUR", "1234.50"),
        ("1234", "XCD", "1234.00"),
        ("0", "EUR", "0.00"),
        ("100", "JPY", "100"),
        ("1.5", "KWD", "1.500"),
        ("0.001", "BHD", "0.001"),
        ("007.10", "USD", "7.10"),
    ],
)
def test_parse_and_format_with_the_minor_units(amount, currency, json_amount):
    assert Money.parse(amount, currency).to_json() == {"amount": json_amount, "currency": currency}


@pytest.mark.parametrize(
    "amount",
    [
        "1e3",
        "1E+2",
        "NaN",
        "nan",
        "inf",
        "Infinity",
        "-inf",
        "1.234",
        " 1",
        "1 ",
        "+1",
        "1.",
        ".5",
        "",
        "1,50",
        "١٢",
        "-1.00",
        "1234567890123456",
    ],
)
def test_parse_refuses_anything_but_a_plain_decimal(amount):
    with pytest.raises(MoneyError) as refused:
        Money.parse(amount, "EUR")
    assert refused.value.code == "invalid_amount"


@pytest.mark.parametrize("amount", [1.5, 2, Decimal("1.50"), None])
def test_parse_refuses_non_strings(amount):
    with pytest.raises(MoneyError) as refused:
        Money.parse(amount, "EUR")
    assert refused.value.code == "invalid_amount"


def test_parse_refuses_digits_beyond_the_minor_units():
    with pytest.raises(MoneyError) as refused:
        Money.parse("100.5", "JPY")
    assert refused.value.code == "invalid_amount"


def test_negative_amounts_only_when_asked():
    assert Money.parse("-12.30", "EUR", allow_negative=True).is_negative()


@pytest.mark.parametrize("currency", ["eur", "XXX", "EURO", "", None])
def test_unknown_currency(currency):
    with pytest.raises(MoneyError) as refused:
        Money.parse("1.00", currency)
    assert refused.value.code == "unknown_currency"
    assert isinstance(refused.value, DomainError)


def test_the_constructor_checks_too():
    with pytest.raises(MoneyError):
        Money(Decimal("1.005"), "EUR")
    with pytest.raises(MoneyError):
        Money(Decimal("NaN"), "EUR")
    with pytest.raises(MoneyError):
        Money(1.5, "EUR")
    assert Money(Decimal("100.000"), "JPY").to_json()["amount"] == "100"


def test_arithmetic_in_one_currency():
    a, b = Money.parse("10.10", "EUR"), Money.parse("0.90", "EUR")
    assert a.add(b) == Money.parse("11", "EUR")
    assert a.subtract(b) == Money.parse("9.2", "EUR")
    assert a >= b and a > b and b <= a and b < a
    assert Money.zero("EUR") == Money.parse("0.00", "EUR")
    assert Money.zero("JPY").to_json() == {"amount": "0", "currency": "JPY"}


@pytest.mark.parametrize(
    "compare",
    [
        lambda a, b: a.add(b),
        lambda a, b: a.subtract(b),
        lambda a, b: a >= b,
        lambda a, b: a > b,
        lambda a, b: a <= b,
        lambda a, b: a < b,
    ],
)
def test_different_currencies_never_mix(compare):
    with pytest.raises(MoneyError) as refused:
        compare(Money.parse("1", "EUR"), Money.parse("1", "USD"))
    assert refused.value.code == "currency_mismatch"


def test_equality_across_currencies_is_simply_false():
    assert Money.parse("1", "EUR") != Money.parse("1", "USD")


@pytest.mark.parametrize(
    ("amount", "ratio", "expected"),
    [
        ("10.05", "0.3", "3.02"),  # 3.015 rounds half up
        ("10.00", "0.3", "3.00"),
        ("0.01", "0.5", "0.01"),
        ("999.99", "1", "999.99"),
    ],
)
def test_multiply_rounds_half_up_to_the_minor_unit(amount, ratio, expected):
    assert Money.parse(amount, "EUR").multiply(Decimal(ratio)) == Money.parse(expected, "EUR")


def test_multiply_in_a_currency_without_minor_units():
    assert Money.parse("1005", "JPY").multiply(Decimal("0.3")).to_json()["amount"] == "302"


def test_negative_zero_prints_as_zero():
    zero = Money.parse("0.01", "EUR").subtract(Money.parse("0.01", "EUR"))
    assert zero.to_json()["amount"] == "0.00"


@given(
    st.sampled_from(sorted(MINOR_UNITS)),
    st.integers(min_value=0, max_value=10**15 - 1),
    st.integers(min_value=0, max_value=999),
)
def test_to_json_parses_back(currency, whole, fraction):
    digits = MINOR_UNITS[currency]
    text = f"{whole}.{fraction % 10**digits:0{digits}d}" if digits else str(whole)
    money = Money.parse(text, currency)
    again = Money.parse(money.to_json()["amount"], currency)
    assert again == money
    assert money.to_json()["amount"] == text
