"""A claim's lifecycle as data, after the EESSI chain (claim, reply, payment):

    submitted --accept--> accepted --pay--> partially_paid --pay--> ... --> paid
    submitted --contest--> contested (per line), then corrected by a claim that replaces it
    submitted --pay (down payment, S089/S090)--> partially_paid | paid

A claim is addressed to the case's payer organisation, or is an invoice to the patient
(self-pay, Directive 2011/24 Art. 7(4)); a patient invoice is settled by payments the
hospital records (deposits received are applied to the final invoice when it is issued).
Every payment is kept (S091/S092 payment notices); the status follows the sum.

Advances (deposits and balance payments the hospital received on the case, counted in the
claim's currency) are deducted from what a final claim asks, whoever its debtor: they are
recorded on the claim as an `deposit_applied` payment, so the claim states its advances
received and its net amount due (`net_due`), and the debtor's payment of that net amount
settles it (`status_after_payment`). An advance received after the final claim is applied
to it then; what is left over once every final claim is settled is the balance's
`refund_due`. The debtor's status changes only when the advance settles the claim: a claim
to a payer organisation still waits for the payer's acceptance.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import DomainError, ValidationFailed
from .money import Money
from .vocabulary import ClaimDebtor, ClaimPaymentKind, ClaimStatus

C = ClaimStatus

ACCEPT = "accept"
CONTEST = "contest"
PAY = "pay"
REPLACE = "replace"

DEBTOR_SIDE = "debtor"  # the payer organisation's payers
CREDITOR_SIDE = "creditor"  # the receiving hospital's coordinators


@dataclass(frozen=True)
class ClaimTransition:
    action: str
    sources: frozenset[ClaimStatus]
    target: ClaimStatus | None  # None: decided by the amounts (pay)
    side: str
    debtor: ClaimDebtor | None = None  # only for claims to this debtor; None: any
    only_kind: ClaimPaymentKind | None = None  # only this kind of payment


CLAIM_TRANSITIONS: tuple[ClaimTransition, ...] = (
    ClaimTransition(ACCEPT, frozenset({C.SUBMITTED}), C.ACCEPTED, DEBTOR_SIDE, ClaimDebtor.PAYER),
    ClaimTransition(CONTEST, frozenset({C.SUBMITTED}), C.CONTESTED, DEBTOR_SIDE, ClaimDebtor.PAYER),
    # A down payment before the claim is accepted (EESSI S089/S090).
    ClaimTransition(
        PAY,
        frozenset({C.SUBMITTED}),
        None,
        DEBTOR_SIDE,
        ClaimDebtor.PAYER,
        ClaimPaymentKind.DOWN_PAYMENT,
    ),
    ClaimTransition(
        PAY, frozenset({C.ACCEPTED, C.PARTIALLY_PAID}), None, DEBTOR_SIDE, ClaimDebtor.PAYER
    ),
    # The patient pays at the hospital's desk: its coordinators record it.
    ClaimTransition(
        PAY, frozenset({C.SUBMITTED, C.PARTIALLY_PAID}), None, CREDITOR_SIDE, ClaimDebtor.PATIENT
    ),
    ClaimTransition(REPLACE, frozenset({C.CONTESTED}), C.REPLACED, CREDITOR_SIDE),
)

# What a claim still bills: a replaced or contested claim is not owed.
LIVE_STATUSES = frozenset({C.SUBMITTED, C.ACCEPTED, C.PARTIALLY_PAID, C.PAID})


class ClaimTransitionRefused(DomainError):
    def __init__(self, action: str, status: ClaimStatus, allowed: list[str]) -> None:
        self.action, self.current_status, self.allowed_actions = action, str(status), allowed
        paid = action == PAY and status == C.PAID
        code = "claim_already_paid" if paid else "invalid_claim_transition"
        super().__init__(code, f"'{action}' is not possible while the claim is {status}")


class ClaimSideForbidden(DomainError):
    def __init__(self, action: str) -> None:
        super().__init__("forbidden_role", f"this side of the claim may not '{action}' it")


def rows_for(
    action: str,
    status: ClaimStatus,
    debtor: ClaimDebtor,
    kind: ClaimPaymentKind | None = None,
) -> list[ClaimTransition]:
    return [
        row
        for row in CLAIM_TRANSITIONS
        if row.action == action
        and ClaimStatus(status) in row.sources
        and row.debtor in (None, debtor)
        and (row.only_kind is None or kind is None or row.only_kind == kind)
    ]


def allowed_actions(status: ClaimStatus | str, debtor: ClaimDebtor, side: str) -> list[str]:
    status = ClaimStatus(status)
    return list(
        dict.fromkeys(
            row.action
            for row in CLAIM_TRANSITIONS
            if status in row.sources and row.debtor in (None, debtor) and row.side == side
        )
    )


def transition(
    action: str,
    status: ClaimStatus | str,
    debtor: ClaimDebtor,
    side: str,
    kind: ClaimPaymentKind | None = None,
) -> ClaimTransition:
    status = ClaimStatus(status)
    rows = rows_for(action, status, debtor, kind)
    if not rows:
        raise ClaimTransitionRefused(action, status, allowed_actions(status, debtor, side))
    for row in rows:
        if row.side == side:
            return row
    raise ClaimSideForbidden(action)


def status_after_payment(total: Money, paid_before: Money, amount: Money) -> ClaimStatus:
    """partially_paid until the sum of payments reaches the claim's total."""
    if amount.currency != total.currency:
        raise ValidationFailed("currency_mismatch", f"the claim is in {total.currency}")
    if amount.amount <= 0:
        raise ValidationFailed("invalid_amount", "a payment amount is positive")
    paid = paid_before.add(amount)
    if paid > total:
        raise ValidationFailed("payment_exceeds_claim", "the payments exceed the claim's total")
    return C.PAID if paid == total else C.PARTIALLY_PAID


@dataclass(frozen=True)
class ContestedLine:
    line: int  # the line's position in the claim, from 0
    reason: str


def check_contested_lines(lines: Iterable[ContestedLine], line_count: int) -> list[ContestedLine]:
    checked = list(lines)
    positions = [item.line for item in checked]
    if any(not 0 <= p < line_count for p in positions) or len(set(positions)) != len(positions):
        raise ValidationFailed(
            "unknown_claim_line", "each contested line is a distinct position of the claim's lines"
        )
    if any(not item.reason.strip() for item in checked):
        raise ValidationFailed("contest_reason_required", "each contested line needs a reason")
    return checked


def within_guarantee(guarantee: Money | None, billed_before: Money | None, claim: Money) -> bool:
    """Claims to a guarantor stay within its letter of guarantee (an amendment raises it)."""
    if guarantee is None:
        return True
    if claim.currency != guarantee.currency:
        return False
    billed = billed_before or Money.zero(claim.currency)
    return billed.add(claim) <= guarantee


def net_due(total: Money, advances: Money) -> Money:
    """What a final claim asks its debtor once the advances received are deducted."""
    return total.subtract(advances)


def advance_to_apply(unapplied: Money, total: Money, paid: Money) -> Money:
    """How much of the advances not yet deducted anywhere goes to this claim: all of
    them, up to what the claim still asks (never below zero)."""
    remaining = total.subtract(paid)
    applied = unapplied if unapplied < remaining else remaining
    return applied if applied.amount > 0 else Money.zero(total.currency)


@dataclass(frozen=True)
class OpenClaim:
    """A live claim as the deduction of advances sees it (`paid` includes advances)."""

    total: Money
    paid: Money
    debtor: ClaimDebtor
    final: bool


def deduct_advances(unapplied: Money, claims: list[OpenClaim], in_kind: bool) -> list[Money]:
    """What to deduct from each of a case's live claims (in its currency), given the
    advances held and not yet deducted: nothing before a final claim is live (advances wait
    for the final bill); then the final claims first, then the interim ones, each oldest
    first and up to what it still asks, so that the claims and the balance tell the same
    outstanding amount. Under care in kind the payer's claims take none
    (`advances_apply_to`)."""
    deductions = [Money.zero(claim.total.currency) for claim in claims]
    if not any(claim.final for claim in claims):
        return deductions
    order = sorted(range(len(claims)), key=lambda index: not claims[index].final)
    for index in order:
        claim = claims[index]
        if claim.total.currency != unapplied.currency:
            continue
        if not advances_apply_to(claim.debtor, in_kind):
            continue
        deduction = advance_to_apply(unapplied, claim.total, claim.paid)
        deductions[index] = deduction
        unapplied = unapplied.subtract(deduction)
    return deductions


def status_after_advance(
    status: ClaimStatus, debtor: ClaimDebtor, total: Money, paid: Money
) -> ClaimStatus:
    """A claim's status once advances are applied to it (`paid` includes them): settled
    when they cover it; a patient invoice is partly paid by them; a claim to a payer
    otherwise keeps its status (the payer still accepts or contests it)."""
    if paid == total:
        return C.PAID
    if debtor == ClaimDebtor.PATIENT and paid.amount > 0:
        return C.PARTIALLY_PAID
    return ClaimStatus(status)


def advances_apply_to(debtor: ClaimDebtor, in_kind: bool) -> bool:
    """Which final claims the advances are deducted from: every one, except a payer's
    claim for care in kind (S2, EHIC: Reg. 883/2004 Art. 19(1), 20(2); a ZOAST), where the
    institution pays the whole tariff and what the patient paid is the patient's (their
    share's invoice, or a refund)."""
    return debtor == ClaimDebtor.PATIENT or not in_kind
