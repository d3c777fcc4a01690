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

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from uuid import UUID

from .errors import DomainError, ValidationFailed
from .money import Money
from .vocabulary import (
    ClaimCodeSystem,
    ClaimDebtor,
    ClaimPaymentKind,
    ClaimStatus,
    HomeReimbursementStatus,
)

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


# -- coded lines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CodedLine:
    """A claim line as a mutuality's file reads it: an act, a stay or a tariff item coded in
    a named system (CCAM, GHS, NGAP, the INAMI nomenclature, or the hospital's own tariff),
    a quantity and a unit price, and the line's amount."""

    amount: Money
    code_system: ClaimCodeSystem | None = None
    code: str | None = None
    quantity: Decimal | None = None
    unit_price: Money | None = None


def check_line(line: CodedLine, position: int) -> None:
    """A code names its system; a quantity comes with its unit price; the line's amount is
    exactly quantity x unit price (Decimal, no rounding: a line that cannot be priced in
    the currency's minor units is refused, not rounded)."""
    if (line.code is None) != (line.code_system is None):
        raise ValidationFailed(
            "line_code_incomplete", f"line {position}: a code and its code_system go together"
        )
    if (line.quantity is None) != (line.unit_price is None):
        raise ValidationFailed(
            "line_code_incomplete", f"line {position}: a quantity and its unit_price go together"
        )
    if line.quantity is None or line.unit_price is None:
        return
    if line.quantity <= 0:
        raise ValidationFailed("invalid_quantity", f"line {position}: the quantity is positive")
    if line.unit_price.currency != line.amount.currency:
        raise ValidationFailed(
            "currency_mismatch", f"line {position}: the unit price is in another currency"
        )
    if line.unit_price.amount * line.quantity != line.amount.amount:
        raise ValidationFailed(
            "line_amount_mismatch",
            f"line {position}: the amount {line.amount.to_json()['amount']} is not "
            f"{line.quantity} x {line.unit_price.to_json()['amount']}",
        )


# -- the EU coordination's deadlines (Reg. 987/2009 Art. 67) -------------------------------


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def introduction_deadline(care_ended: date) -> date:
    """Reg. 987/2009 Art. 67(1): a claim based on actual expenditure is introduced to the
    debtor state's liaison body within 12 months of the end of the calendar half-year in
    which it was recorded in the creditor institution's accounts. The care's last day
    stands for that half-year (the claim is recorded at the earliest then), so the date is
    never later than the regulation's. Care ended in the first half of Y: 30 June Y+1;
    in the second half: 31 December Y+1. Art. 67(3): a claim introduced after it is not
    considered."""
    if care_ended.month <= 6:
        return date(care_ended.year + 1, 6, 30)
    return date(care_ended.year + 1, 12, 31)


def contest_deadline(introduced_on: date) -> date:
    """Reg. 987/2009 Art. 67(5): "The claims shall be paid to the liaison body of the
    creditor Member State [...] within 18 months of the end of the month during which they
    were introduced to the liaison body of the debtor Member State. This shall not apply to
    the claims which the debtor institution has rejected for a relevant reason within that
    period." So the debtor pays, or contests (rejects for a relevant reason), by the last
    day of the 18th month after the month of introduction (introduced in March 2027: by
    30 September 2028). Art. 67(6)-(7): disputes within 36 months; interest after it."""
    months = introduced_on.year * 12 + (introduced_on.month - 1) + 18
    return _end_of_month(months // 12, months % 12 + 1)


# Still waiting for the debtor to pay or contest: a claim not settled, contested or replaced.
AWAITING_DEBTOR = frozenset({C.SUBMITTED, C.ACCEPTED, C.PARTIALLY_PAID})


@dataclass(frozen=True)
class ClaimDeadlines:
    introduction_deadline: date | None
    introduction_overdue: bool
    contest_deadline: date | None
    contest_window_open: bool
    contest_overdue: bool


def deadlines_of(
    introduction: date | None,
    contest: date | None,
    introduced_on: date,
    status: ClaimStatus | str,
    today: date,
) -> ClaimDeadlines:
    """The flags the claim view shows beside its deadlines: introduced late (Art. 67(1),
    (3)); the debtor may still contest (a submitted claim, within Art. 67(5)); the debtor
    has neither paid nor contested by then (Art. 67(5), interest under Art. 68)."""
    status = ClaimStatus(status)
    return ClaimDeadlines(
        introduction_deadline=introduction,
        introduction_overdue=introduction is not None and introduced_on > introduction,
        contest_deadline=contest,
        contest_window_open=contest is not None and status == C.SUBMITTED and today <= contest,
        contest_overdue=contest is not None and status in AWAITING_DEBTOR and today > contest,
    )


# -- the reimbursement at home (Directive 2011/24 Art. 7(4)) ---------------------------------


class HomeReimbursementStepRefused(DomainError):
    """A step of the reimbursement at home that cannot follow the one recorded (409)."""


@dataclass(frozen=True)
class HomeReimbursement:
    """The patient's invoice as it goes home: submitted to the insurer of the state of
    affiliation (which one, its reference, when), then reimbursed in full or in part, or
    refused with the reason given. Art. 7(4): the reimbursement never exceeds the cost
    actually incurred (the invoice)."""

    status: HomeReimbursementStatus
    submitted_on: date
    reference: str
    insurer_organization_id: UUID | None = None
    insurer_name: str | None = None
    amount: Money | None = None
    decided_on: date | None = None
    refusal_reason: str | None = None


def submit_home(
    current: HomeReimbursement | None,
    *,
    submitted_on: date,
    invoiced_on: date,
    today: date,
    reference: str,
    insurer_organization_id: UUID | None,
    insurer_name: str | None,
) -> HomeReimbursement:
    if current is not None:
        raise HomeReimbursementStepRefused(
            "home_reimbursement_already_submitted",
            "the invoice was already submitted to the home insurer",
        )
    if insurer_organization_id is None and not (insurer_name or "").strip():
        raise ValidationFailed(
            "home_insurer_required", "name the home insurer (an organisation or its name)"
        )
    if not invoiced_on <= submitted_on <= today:
        raise ValidationFailed(
            "home_reimbursement_date_invalid",
            "the invoice is submitted at home on or after its date, and not in the future",
        )
    return HomeReimbursement(
        status=HomeReimbursementStatus.SUBMITTED,
        submitted_on=submitted_on,
        reference=reference,
        insurer_organization_id=insurer_organization_id,
        insurer_name=(insurer_name or "").strip() or None,
    )


def decide_home(
    current: HomeReimbursement | None,
    *,
    decided_on: date,
    today: date,
    invoice_total: Money,
    reimbursed: Money | None,
    refusal_reason: str | None,
) -> HomeReimbursement:
    """Reimbursed (all of the invoice: `reimbursed`; less: `partially_reimbursed`) or
    refused (with its reason). The home tariff may be in another currency (the state of
    affiliation's): then it is not compared with the invoice."""
    if current is None:
        raise HomeReimbursementStepRefused(
            "home_reimbursement_not_submitted",
            "record the submission to the home insurer first",
        )
    if current.status != HomeReimbursementStatus.SUBMITTED:
        raise HomeReimbursementStepRefused(
            "home_reimbursement_already_decided", "the home insurer's answer is recorded"
        )
    if not current.submitted_on <= decided_on <= today:
        raise ValidationFailed(
            "home_reimbursement_date_invalid",
            "the answer comes on or after the submission, and not in the future",
        )
    if reimbursed is None:
        if not (refusal_reason or "").strip():
            raise ValidationFailed(
                "refusal_reason_required", "a refusal, or an amount reimbursed, is needed"
            )
        status = HomeReimbursementStatus.REFUSED
    else:
        if reimbursed.amount <= 0:
            raise ValidationFailed("invalid_amount", "an amount reimbursed is positive")
        same_currency = reimbursed.currency == invoice_total.currency
        if same_currency and reimbursed > invoice_total:
            raise ValidationFailed(
                "reimbursement_exceeds_invoice",
                "Directive 2011/24 Art. 7(4): the reimbursement never exceeds the invoice",
            )
        full = same_currency and reimbursed == invoice_total
        status = (
            HomeReimbursementStatus.REIMBURSED
            if full
            else HomeReimbursementStatus.PARTIALLY_REIMBURSED
        )
        refusal_reason = None
    return replace(
        current,
        status=status,
        amount=reimbursed,
        decided_on=decided_on,
        refusal_reason=(refusal_reason or "").strip() or None,
    )
