"""Money received in one currency and counted in another, at a recorded rate, exactly.

A rate reads "1 `base` = `rate` `quote`" (1 USD = 2.70 XCD), so that fixed pegs are exact
decimals. A conversion is rounded once, half up, to the target currency's minor units.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import MoneyError
from .money import Money, minor_units


@dataclass(frozen=True)
class ExchangeRate:
    base: str
    quote: str
    rate: Decimal  # quote units per one base unit
    source: str

    def __post_init__(self) -> None:
        for currency in (self.base, self.quote):
            minor_units(currency)  # refuses an unknown currency
        if self.base == self.quote:
            raise MoneyError("invalid_exchange_rate", "a rate converts between two currencies")
        if not isinstance(self.rate, Decimal) or not self.rate.is_finite() or self.rate <= 0:
            raise MoneyError("invalid_exchange_rate", "the rate is a positive decimal")
        if not self.source or not self.source.strip():
            raise MoneyError("exchange_rate_source_required", "a rate names its source")

    def convert(self, money: Money, to: str) -> Money:
        if {money.currency, to} != {self.base, self.quote}:
            raise MoneyError("currency_mismatch", "the rate does not convert these currencies")
        exact = (
            money.amount * self.rate if money.currency == self.base else money.amount / self.rate
        )
        quantum = Decimal(1).scaleb(-minor_units(to))
        return Money(exact.quantize(quantum, rounding=ROUND_HALF_UP), to)


# Fixed parities, kept by the issuing central bank: no market rate is needed for them.
FIXED_PEGS: tuple[ExchangeRate, ...] = (
    # Eastern Caribbean Central Bank: EC$2.70 = US$1 since 7 July 1976.
    ExchangeRate("USD", "XCD", Decimal("2.70"), "ECCB fixed parity (2.70 XCD per USD)"),
    # Central Bank of Barbados: BDS$2 = US$1 since 1975.
    ExchangeRate("USD", "BBD", Decimal("2.00"), "Central Bank of Barbados fixed parity"),
    # Central Bank of Belize: BZ$2 = US$1.
    ExchangeRate("USD", "BZD", Decimal("2.00"), "Central Bank of Belize fixed parity"),
    # Central Bank of The Bahamas: B$1 = US$1.
    ExchangeRate("USD", "BSD", Decimal("1.00"), "Central Bank of The Bahamas fixed parity"),
    # Centrale Bank van Aruba: Afl 1.79 = US$1.
    ExchangeRate("USD", "AWG", Decimal("1.79"), "Centrale Bank van Aruba fixed parity"),
    # Banque de France / Council Decision 98/683/EC: 1 EUR = 655.957 XOF/XAF.
    ExchangeRate("EUR", "XOF", Decimal("655.957"), "Council Decision 98/683/EC parity"),
    ExchangeRate("EUR", "XAF", Decimal("655.957"), "Council Decision 98/683/EC parity"),
    # IEOM: 1 000 XPF = 8.38 EUR, i.e. 1 EUR = 119.33174 XPF.
    ExchangeRate("EUR", "XPF", Decimal("119.33174"), "IEOM fixed parity (1000 XPF = 8.38 EUR)"),
)


def fixed_peg(a: str, b: str) -> ExchangeRate | None:
    for peg in FIXED_PEGS:
        if {peg.base, peg.quote} == {a, b}:
            return peg
    return None


def count_in(money: Money, currency: str, rate: ExchangeRate | None = None) -> Money:
    """`money` counted in `currency`: as it is, or converted at the recorded `rate` (else a
    fixed parity). Refused with `currency_mismatch` naming both currencies when neither
    exists: an amount in one currency is never compared with one in another."""
    if money.currency == currency:
        return money
    rate = rate or fixed_peg(money.currency, currency)
    if rate is None or {rate.base, rate.quote} != {money.currency, currency}:
        raise MoneyError(
            "currency_mismatch",
            f"an amount in {money.currency} is compared with amounts in {currency}: give the "
            f"exchange rate between {money.currency} and {currency} and its source",
        )
    return rate.convert(money, currency)
