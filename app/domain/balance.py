"""A case's money per currency: what was quoted, guaranteed, received, refunded, claimed and
paid, and what is still outstanding. One pure function, so the rule lives in one place.

A payment received in one currency and counted in another (at its recorded rate) counts in
the currency it is counted in; it is also the currency a refund of it may be made in only
if money was actually received in that currency (see `refundable`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .money import Money
from .vocabulary import PaymentKind


@dataclass(frozen=True)
class ReceivedPayment:
    kind: PaymentKind
    amount: Money  # as received
    counted: Money | None = None  # in the case's currency, at the recorded rate


@dataclass(frozen=True)
class BilledClaim:
    total: Money
    # Payer payments and patient instalments recorded on the claim; deposits applied to a
    # patient's final invoice are not counted again (they are in `deposited`).
    paid: Money


@dataclass
class CurrencyBalance:
    currency: str
    quoted: Money
    guaranteed: Money
    deposited: Money
    received: Money  # balance payments (not deposits)
    refunded: Money
    claimed: Money
    paid: Money
    outstanding: Money = field(init=False)
    refund_due: Money = field(init=False)

    def settle(self, final: bool) -> None:
        held = self.deposited.add(self.received).subtract(self.refunded)
        owed = self.claimed if self.claimed.amount > 0 else self.quoted
        remaining = owed.subtract(self.paid).subtract(held)
        zero = Money.zero(self.currency)
        self.outstanding = remaining if remaining.amount > 0 else zero
        # At final settlement, money held beyond what was billed goes back to the patient.
        self.refund_due = zero.subtract(remaining) if final and remaining.amount < 0 else zero

    def to_json(self) -> dict:
        names = (
            "quoted",
            "guaranteed",
            "deposited",
            "received",
            "refunded",
            "claimed",
            "paid",
            "outstanding",
            "refund_due",
        )
        return {"currency": self.currency} | {
            n: getattr(self, n).to_json()["amount"] for n in names
        }


def balances(
    *,
    quote: Money | None,
    guarantee: Money | None,
    payments: Iterable[ReceivedPayment],
    claims: Iterable[BilledClaim],
    final: bool,
) -> list[CurrencyBalance]:
    by_currency: dict[str, CurrencyBalance] = {}

    def line(currency: str) -> CurrencyBalance:
        if currency not in by_currency:
            zero = Money.zero(currency)
            by_currency[currency] = CurrencyBalance(currency, *([zero] * 7))
        return by_currency[currency]

    if quote is not None:
        line(quote.currency).quoted = quote
    if guarantee is not None:
        line(guarantee.currency).guaranteed = guarantee
    for payment in payments:
        money = payment.counted or payment.amount
        target = line(money.currency)
        if payment.kind == PaymentKind.DEPOSIT:
            target.deposited = target.deposited.add(money)
        elif payment.kind == PaymentKind.BALANCE:
            target.received = target.received.add(money)
        else:
            target.refunded = target.refunded.add(money)
    for claim in claims:
        target = line(claim.total.currency)
        target.claimed = target.claimed.add(claim.total)
        target.paid = target.paid.add(claim.paid)
    for balance in by_currency.values():
        balance.settle(final)
    return sorted(by_currency.values(), key=lambda b: b.currency)


def held_in(payments: Iterable[ReceivedPayment], currency: str) -> Money:
    """The advances the hospital holds in `currency`: deposits and balance payments counted
    in it (at their recorded rates), refunds deducted. The same sum as the balance's
    `deposited + received - refunded`."""
    held = Money.zero(currency)
    for payment in payments:
        money = payment.counted or payment.amount
        if money.currency != currency:
            continue
        held = held.subtract(money) if payment.kind == PaymentKind.REFUND else held.add(money)
    return held


def refundable(payments: Iterable[ReceivedPayment], currency: str) -> Money | None:
    """What may be refunded in `currency`: the money received in it, net of refunds already
    made in it; None when nothing was ever received in it."""
    received = [p for p in payments if p.amount.currency == currency]
    if not any(p.kind != PaymentKind.REFUND for p in received):
        return None
    net = Money.zero(currency)
    for payment in received:
        if payment.kind == PaymentKind.REFUND:
            net = net.subtract(payment.amount)
        else:
            net = net.add(payment.amount)
    return net
