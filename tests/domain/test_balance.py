"""A case's money per currency, and what may be refunded."""

from app.domain.balance import BilledClaim, ReceivedPayment, balances, refundable
from app.domain.money import Money
from app.domain.vocabulary import PaymentKind

K = PaymentKind


def eur(amount: str) -> Money:
    return Money.parse(amount, "EUR")


def test_an_xcd_deposit_counts_toward_a_usd_quote_at_its_recorded_conversion():
    usd = Money.parse("1000.00", "USD")
    deposit = ReceivedPayment(K.DEPOSIT, Money.parse("1350.00", "XCD"), usd.multiply(0.5))
    [line] = balances(quote=usd, guarantee=None, payments=[deposit], claims=[], final=False)
    assert (line.currency, line.deposited, line.outstanding) == (
        "USD",
        Money.parse("500.00", "USD"),
        Money.parse("500.00", "USD"),
    )


def test_the_unused_deposit_is_due_back_only_at_final_settlement():
    payments = [ReceivedPayment(K.DEPOSIT, eur("3000.00"))]
    invoice = BilledClaim(total=eur("2600.00"), paid=eur("0"))
    [interim] = balances(
        quote=None, guarantee=None, payments=payments, claims=[invoice], final=False
    )
    assert interim.refund_due == eur("0") and interim.outstanding == eur("0")
    [final] = balances(quote=None, guarantee=None, payments=payments, claims=[invoice], final=True)
    assert final.refund_due == eur("400.00")
    refunded = [*payments, ReceivedPayment(K.REFUND, eur("400.00"))]
    [settled] = balances(
        quote=None, guarantee=None, payments=refunded, claims=[invoice], final=True
    )
    assert settled.refund_due == eur("0")


def test_a_refund_only_in_a_currency_received_and_up_to_what_is_left():
    payments = [
        ReceivedPayment(K.DEPOSIT, Money.parse("100.00", "XCD")),
        ReceivedPayment(K.REFUND, Money.parse("30.00", "XCD")),
    ]
    assert refundable(payments, "XCD") == Money.parse("70.00", "XCD")
    assert refundable(payments, "USD") is None
