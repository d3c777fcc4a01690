"""Issue 24 item 2, as a property: in every order of events and in every currency the
money comes in, the balance equals what is owed less what was paid plus what was given
back, and once a final claim is live, the claims and the balance tell the same amount.

A small ledger drives the domain's own rules (app/domain/balance.py, claims.py,
exchange.py) the way app/finance/service.py does: advances are counted in the case's
currency at their recorded rate, deducted from the live claims by `deduct_advances`
after every event, and the payer pays each claim's net amount due.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.balance import ReceivedPayment, balances, held_in
from app.domain.claims import (
    LIVE_STATUSES,
    OpenClaim,
    deduct_advances,
    status_after_advance,
    status_after_payment,
)
from app.domain.exchange import ExchangeRate, count_in
from app.domain.money import Money
from app.domain.vocabulary import ClaimDebtor, ClaimStatus, PaymentKind

CURRENCIES = ("EUR", "USD", "XCD")


@dataclass
class Claim:
    total: Money
    final: bool
    status: ClaimStatus = ClaimStatus.SUBMITTED
    by_payer: Money | None = None  # the payer's own payments
    advances: Money | None = None  # advances deducted

    @property
    def paid(self) -> Money:
        return self.by_payer.add(self.advances)

    def __post_init__(self) -> None:
        self.by_payer = self.by_payer or Money.zero(self.total.currency)
        self.advances = self.advances or Money.zero(self.total.currency)


@dataclass
class Ledger:
    currency: str
    rates: dict[str, ExchangeRate]
    estimate: Money
    payments: list[ReceivedPayment] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def live(self) -> list[Claim]:
        return [claim for claim in self.claims if claim.status in LIVE_STATUSES]

    def receive(self, kind: PaymentKind, amount: Money) -> None:
        rate = self.rates.get(amount.currency)
        counted = count_in(amount, self.currency, rate) if rate else None
        self.payments.append(ReceivedPayment(kind, amount, counted))
        self.deduct()

    def applied(self) -> Money:
        total = Money.zero(self.currency)
        for claim in self.live():
            total = total.add(claim.advances)
        return total

    def held(self) -> Money:
        return held_in(self.payments, self.currency)

    def refund(self, share: Decimal) -> None:
        free = self.held().subtract(self.applied())
        amount = Money(
            (free.amount * share).quantize(Decimal("0.01")), self.currency
        )  # in the case's currency: no rate needed
        if amount.amount > 0:
            self.payments.append(ReceivedPayment(PaymentKind.REFUND, amount))

    def submit(self, total: Money, final: bool) -> None:
        self.claims.append(Claim(total=total, final=final))
        self.deduct()

    def contest_and_replace(self, index: int, total: Money) -> None:
        """The payer contests a submitted claim (its advances are free again, nothing else
        moves: the payer sees no other claim), then the hospital replaces it with a
        corrected one, which takes them."""
        submitted = [c for c in self.claims if c.status == ClaimStatus.SUBMITTED]
        if submitted:
            contested = submitted[index % len(submitted)]
            contested.status = ClaimStatus.CONTESTED
            contested.status = ClaimStatus.REPLACED
            self.submit(total, contested.final)

    def pay(self, index: int, share: Decimal) -> None:
        payable = [
            c
            for c in self.live()
            if c.status in (ClaimStatus.ACCEPTED, ClaimStatus.PARTIALLY_PAID)
            or (c.status == ClaimStatus.SUBMITTED)
        ]
        if not payable:
            return
        claim = payable[index % len(payable)]
        if claim.status == ClaimStatus.SUBMITTED:
            claim.status = ClaimStatus.ACCEPTED  # the payer accepts, then pays
        remaining = claim.total.subtract(claim.paid)
        amount = Money((remaining.amount * share).quantize(Decimal("0.01")), self.currency)
        if amount.amount <= 0:
            return
        claim.status = status_after_payment(claim.total, claim.paid, amount)
        claim.by_payer = claim.by_payer.add(amount)

    def deduct(self) -> None:
        """What app/finance/service.apply_advances does after every event."""
        live = self.live()
        unapplied = self.held().subtract(self.applied())
        if unapplied.amount <= 0:
            return
        opened = [OpenClaim(c.total, c.paid, ClaimDebtor.PAYER, c.final) for c in live]
        for claim, _item, amount in zip(
            live, opened, deduct_advances(unapplied, opened, False), strict=True
        ):
            if amount.amount > 0:
                claim.advances = claim.advances.add(amount)
                claim.status = status_after_advance(
                    claim.status, ClaimDebtor.PAYER, claim.total, claim.paid
                )

    def balance(self):
        from app.domain.balance import BilledClaim

        final = any(c.final for c in self.live())
        lines = balances(
            quote=self.estimate,
            guarantee=None,
            payments=self.payments,
            claims=[BilledClaim(c.total, c.by_payer) for c in self.live()],
            final=final,
        )
        return next(line for line in lines if line.currency == self.currency), final


amounts = st.integers(min_value=1, max_value=2_000_000).map(lambda cents: Decimal(cents) / 100)
shares = st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal(1)])
events = st.one_of(
    st.tuples(st.just("deposit"), amounts, st.sampled_from(CURRENCIES)),
    st.tuples(st.just("balance"), amounts, st.sampled_from(CURRENCIES)),
    st.tuples(st.just("refund"), shares),
    st.tuples(st.just("claim"), amounts, st.booleans()),
    st.tuples(st.just("pay"), st.integers(0, 5), shares),
    st.tuples(st.just("contest"), st.integers(0, 5), amounts),
)
rates = st.sampled_from([Decimal("0.339"), Decimal("1.0825"), Decimal("2.70"), Decimal("0.92")])


def expected_signed(ledger: Ledger) -> Decimal:
    """What is owed (the live claims, else the estimate) less every payment, plus every
    refund, computed from the events alone."""
    live = ledger.live()
    owed = sum((c.total.amount for c in live), Decimal(0)) if live else ledger.estimate.amount
    paid = sum((c.by_payer.amount for c in live), Decimal(0))
    advances = Decimal(0)
    for payment in ledger.payments:
        counted = (payment.counted or payment.amount).amount
        advances += -counted if payment.kind == PaymentKind.REFUND else counted
    return owed - paid - advances


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    currency=st.sampled_from(CURRENCIES),
    rate=rates,
    estimate=amounts,
    history=st.lists(events, max_size=14),
)
def test_the_balance_and_the_claims_agree_in_every_order_of_events(
    currency, rate, estimate, history
):
    others = [c for c in CURRENCIES if c != currency]
    rates_by = {c: ExchangeRate(c, currency, rate, "test rate") for c in others}
    ledger = Ledger(currency, rates_by, Money(estimate, currency))
    for event in history:
        match event:
            case ("deposit" | "balance") as kind, amount, paid_in:
                ledger.receive(PaymentKind(kind), Money(amount, paid_in))
            case "refund", share:
                ledger.refund(share)
            case "claim", total, final:
                ledger.submit(Money(total, currency), final)
            case "pay", index, share:
                ledger.pay(index, share)
            case "contest", index, total:
                ledger.contest_and_replace(index, Money(total, currency))
        check(ledger)
    # The payer pays each live claim's net amount due: every claim is settled, nothing is
    # outstanding, and what is left of the advances is the refund due.
    if any(c.final for c in ledger.live()):
        for claim in ledger.live():
            net = claim.total.subtract(claim.paid)
            if net.amount > 0:
                claim.status = status_after_payment(claim.total, claim.paid, net)
                claim.by_payer = claim.by_payer.add(net)
        check(ledger)
        line, _ = ledger.balance()
        assert all(c.status == ClaimStatus.PAID for c in ledger.live())
        assert line.outstanding.amount == 0
        assert line.refund_due == ledger.held().subtract(ledger.applied())


def check(ledger: Ledger) -> None:
    line, final = ledger.balance()
    signed = line.outstanding.subtract(line.refund_due).amount
    expected = expected_signed(ledger)
    # The balance equals what is owed less payments plus refunds (a surplus is a refund
    # due only once the final bill is out).
    assert signed == (expected if final else max(expected, Decimal(0)))
    for claim in ledger.claims:
        assert Money.zero(ledger.currency) <= claim.paid <= claim.total
        if claim.status in LIVE_STATUSES:
            assert (claim.status == ClaimStatus.PAID) == (claim.paid == claim.total)
    if final:
        # The claims say what the balance says: their net amounts still due add up to
        # the balance's outstanding, and the advances not deducted are the refund due.
        due = sum((c.total.subtract(c.paid).amount for c in ledger.live()), Decimal(0))
        assert due == line.outstanding.amount
        assert line.refund_due == ledger.held().subtract(ledger.applied())
