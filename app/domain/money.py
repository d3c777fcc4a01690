"""Money: a decimal amount in an ISO 4217 currency, never a float."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import MoneyError

# ISO 4217 minor units (digits after the decimal point) for the currencies the
# corridors use: the Caribbean, the EU and a few reference currencies.
MINOR_UNITS: dict[str, int] = {
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "CAD": 2,
    "CHF": 2,
    "XCD": 2,
    "XCG": 2,
    "ANG": 2,
    "AWG": 2,
    "BBD": 2,
    "BSD": 2,
    "BZD": 2,
    "CUP": 2,
    "DOP": 2,
    "GYD": 2,
    "HTG": 2,
    "JMD": 2,
    "KYD": 2,
    "SRD": 2,
    "TTD": 2,
    "BRL": 2,
    "MXN": 2,
    "COP": 2,
    "XPF": 0,
    "XOF": 0,
    "XAF": 0,
    "JPY": 0,
    "KWD": 3,
    "BHD": 3,
}

# Plain decimal notation only: no exponent, no sign other than a leading minus, no
# spaces, no "NaN"/"Infinity". Fifteen integer digits bound any real hospital bill and
# keep every amount exact in the default decimal context.
_MAX_INTEGER_DIGITS = 15
_AMOUNT = re.compile(r"-?(?P<integer>[0-9]{1,15})(?:\.(?P<fraction>[0-9]+))?")


def minor_units(currency: str) -> int:
    try:
        return MINOR_UNITS[currency]
    except (KeyError, TypeError):
        raise MoneyError(
            "unknown_currency", "the currency is not a supported ISO 4217 code"
        ) from None


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        digits = minor_units(self.currency)
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise MoneyError("invalid_amount", "the amount must be a finite decimal")
        if self.amount != 0 and self.amount.adjusted() >= _MAX_INTEGER_DIGITS:
            raise MoneyError("invalid_amount", "the amount is too large")
        quantum = Decimal(1).scaleb(-digits)
        canonical = self.amount.quantize(quantum)
        if canonical != self.amount:
            raise MoneyError(
                "invalid_amount",
                f"{self.currency} amounts have at most {digits} decimal places",
            )
        # One canonical scale, so equal amounts print alike.
        object.__setattr__(self, "amount", canonical + 0)

    @classmethod
    def parse(cls, amount: str, currency: str, *, allow_negative: bool = False) -> "Money":
        """Read an API amount such as "1234.50"; refunds are a payment kind, not a sign."""
        digits = minor_units(currency)
        match = _AMOUNT.fullmatch(amount) if isinstance(amount, str) else None
        if match is None:
            raise MoneyError("invalid_amount", "the amount must be a decimal string like 1234.50")
        if len(match["fraction"] or "") > digits:
            raise MoneyError(
                "invalid_amount", f"{currency} amounts have at most {digits} decimal places"
            )
        value = Decimal(amount)
        if value < 0 and not allow_negative:
            raise MoneyError("invalid_amount", "the amount must not be negative")
        return cls(value, currency)

    @classmethod
    def zero(cls, currency: str) -> "Money":
        return cls(Decimal(0), currency)

    @property
    def minor_units(self) -> int:
        return minor_units(self.currency)

    def to_json(self) -> dict[str, str]:
        amount = self.amount if self.amount != 0 else Decimal(0)  # never "-0.00"
        return {"amount": f"{amount:.{self.minor_units}f}", "currency": self.currency}

    def add(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def subtract(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def multiply(self, ratio: Decimal) -> "Money":
        quantum = Decimal(1).scaleb(-self.minor_units)
        product = (self.amount * Decimal(ratio)).quantize(quantum, rounding=ROUND_HALF_UP)
        return Money(product, self.currency)

    def is_negative(self) -> bool:
        return self.amount < 0

    def __lt__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount < other.amount

    def __le__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount <= other.amount

    def __gt__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount > other.amount

    def __ge__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount >= other.amount

    def _same_currency(self, other: "Money") -> None:
        if not isinstance(other, Money):
            raise TypeError("money compares and adds only with money")
        if other.currency != self.currency:
            raise MoneyError("currency_mismatch", "the amounts are in different currencies")


def check_lines_sum(total: Money, lines: "list[Money]") -> None:
    """An estimate or a claim with lines adds up: the lines sum to the total, in its currency."""
    if not lines:
        return
    if any(line.currency != total.currency for line in lines):
        raise MoneyError("currency_mismatch", "every line is in the total's currency")
    summed = Money.zero(total.currency)
    for line in lines:
        summed = summed.add(line)
    if summed != total:
        raise MoneyError(
            "lines_do_not_sum_to_total",
            f"the lines add up to {summed.to_json()['amount']}, not {total.to_json()['amount']}",
        )
