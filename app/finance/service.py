"""Money on a case: estimates (versioned quotes), payments received, claims to the payer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.access.tokens import Principal
from app.cases.events import side_event_row
from app.cases.service import case_for_receiving_coordinator, get_case
from app.domain.balance import BilledClaim, ReceivedPayment, balances, refundable
from app.domain.claims import LIVE_STATUSES, within_guarantee
from app.domain.exchange import ExchangeRate, fixed_peg
from app.domain.money import Money, check_lines_sum
from app.domain.regimes import REGIMES, Debtor
from app.domain.vocabulary import (
    CLAIM_SUBMITTED,
    ESTIMATE_ISSUED,
    PAYMENT_RECORDED,
    CaseStatus,
    ClaimDebtor,
    ClaimKind,
    ClaimStatus,
    CoverageRoute,
    PaymentKind,
    Role,
)
from app.finance.repository import FinanceRepository
from app.finance.visibility import claim_audience
from app.models import CaseRow, ClaimPaymentRow, ClaimRow, EstimateRow, PaymentRow
from app.platform.clock import now_utc
from app.platform.errors import Conflict, InvalidRequest, NotFound
from app.platform.unit_of_work import UnitOfWork

# A claim bills care that happened: interim during the stay, final once discharged.
CLAIMABLE_STATUSES = {
    ClaimKind.INTERIM: {CaseStatus.ADMITTED, CaseStatus.DISCHARGED},
    ClaimKind.FINAL: {CaseStatus.DISCHARGED},
}


@dataclass(frozen=True)
class Line:
    description: str
    amount: Money

    def to_json(self) -> dict:
        return {"description": self.description, "amount": self.amount.to_json()}


def checked_total(total: Money | None, lines: list[Line]) -> Money:
    """The lines add up to the total; without a total, the total is their sum."""
    if total is None:
        if not lines:
            raise InvalidRequest(
                "Give a total, lines, or both.", code="total_or_lines_required", field="total"
            )
        total = Money.zero(lines[0].amount.currency)
        for line in lines:
            if line.amount.currency != total.currency:
                raise InvalidRequest(
                    "Every line must be in the same currency.", code="currency_mismatch"
                )
            total = total.add(line.amount)
        return total
    check_lines_sum(total, [line.amount for line in lines])
    return total


def _event(row: CaseRow, principal: Principal, type_: str, data: dict, audience=None):
    return side_event_row(
        row,
        type_,
        actor_sub=principal.sub,
        actor_organization_id=principal.organization_id,
        actor_role=Role.COORDINATOR.value,
        occurred_at=now_utc(),
        data=data,
        audience=audience,
    )


async def issue_estimate(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    total: Money | None,
    lines: list[Line],
    valid_until,
) -> EstimateRow:
    row = await case_for_receiving_coordinator(uow, principal, case_id, lock=True)
    total = checked_total(total, lines)
    finance = uow.repository(FinanceRepository)
    number = await finance.next_estimate_number(row.id)
    estimate = EstimateRow(
        id=uuid.uuid4(),
        case_id=row.id,
        number=number,
        total_amount=total.amount,
        currency=total.currency,
        lines=[line.to_json() for line in lines],
        valid_until=valid_until,
        created_by=principal.sub,
        created_at=now_utc(),
    )
    await finance.add(
        estimate,
        _event(
            row, principal, ESTIMATE_ISSUED, {"estimate_id": str(estimate.id), "number": number}
        ),
    )
    return estimate


async def record_payment(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    values: dict,
    amount: Money,
    *,
    counted_in: str | None = None,
    rate: ExchangeRate | None = None,
) -> PaymentRow:
    row = await case_for_receiving_coordinator(uow, principal, case_id, lock=True)
    if amount.amount <= 0:
        raise InvalidRequest(
            "A payment amount is positive; use kind=refund for money returned.",
            code="invalid_amount",
        )
    earlier = await received_payments(uow, row.id)
    if values["kind"] == PaymentKind.REFUND.value:
        # Money goes back in a currency it came in, and never more than came in.
        available = refundable(earlier, amount.currency)
        if available is None:
            raise InvalidRequest(
                f"Nothing was received in {amount.currency} on this case; refund in a "
                "currency received.",
                code="refund_currency_not_received",
            )
        if amount > available:
            raise InvalidRequest(
                f"The refund is more than the {available.to_json()['amount']} "
                f"{amount.currency} received and not yet refunded.",
                code="refund_exceeds_received",
            )
    counted = None
    if counted_in is None and rate is None:
        quote = await latest_estimate(uow, row.id)
        if quote is not None and quote.currency != amount.currency:
            counted_in = quote.currency
    if rate is not None and counted_in is None:
        counted_in = rate.quote if rate.base == amount.currency else rate.base
    if counted_in is not None and counted_in != amount.currency:
        rate = rate or fixed_peg(amount.currency, counted_in)
        if rate is None:
            raise InvalidRequest(
                f"Counting {amount.currency} in {counted_in} needs an exchange rate and its "
                "source.",
                code="exchange_rate_required",
                field="exchange_rate",
            )
        counted = rate.convert(amount, counted_in)
    payment = PaymentRow(
        id=uuid.uuid4(),
        case_id=row.id,
        amount=amount.amount,
        currency=amount.currency,
        created_at=now_utc(),
        counted_amount=counted.amount if counted else None,
        counted_currency=counted.currency if counted else None,
        exchange_rate=rate.rate if counted else None,
        exchange_rate_base=rate.base if counted else None,
        exchange_rate_source=rate.source if counted else None,
        **values,
    )
    await uow.repository(FinanceRepository).add(
        payment,
        _event(
            row,
            principal,
            PAYMENT_RECORDED,
            {"payment_id": str(payment.id), "kind": values["kind"]},
        ),
    )
    return payment


async def latest_estimate(uow: UnitOfWork, case_id: uuid.UUID) -> Money | None:
    estimate = await uow.repository(FinanceRepository).latest_estimate(case_id)
    return Money(estimate.total_amount, estimate.currency) if estimate else None


def _received(payment: PaymentRow) -> ReceivedPayment:
    counted = None
    if payment.counted_currency is not None:
        counted = Money(payment.counted_amount, payment.counted_currency)
    return ReceivedPayment(
        kind=PaymentKind(payment.kind),
        amount=Money(payment.amount, payment.currency),
        counted=counted,
    )


async def received_payments(uow: UnitOfWork, case_id: uuid.UUID) -> list[ReceivedPayment]:
    rows = await uow.repository(FinanceRepository).payments_of(case_id)
    return [_received(payment) for payment in rows]


# -- reading money back --------------------------------------------------------------------


async def list_estimates(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID
) -> list[EstimateRow]:
    await get_case(uow, principal, case_id)
    return await uow.repository(FinanceRepository).estimates_of(case_id)


async def get_estimate(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, estimate_id: uuid.UUID
) -> EstimateRow:
    await get_case(uow, principal, case_id)
    estimate = await uow.repository(FinanceRepository).estimate(estimate_id)
    if estimate is None or estimate.case_id != case_id:
        raise NotFound("estimate")
    return estimate


async def list_payments(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID
) -> list[PaymentRow]:
    await get_case(uow, principal, case_id)
    return await uow.repository(FinanceRepository).payments_of(case_id, by_id=True)


async def get_payment(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, payment_id: uuid.UUID
) -> PaymentRow:
    await get_case(uow, principal, case_id)
    payment = await uow.repository(FinanceRepository).payment(payment_id)
    if payment is None or payment.case_id != case_id:
        raise NotFound("payment")
    return payment


async def case_balance(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> dict:
    """Per currency: quoted, guaranteed, deposited, received, refunded, claimed, paid,
    outstanding, and the refund due once the final claim or invoice is settled."""
    row = await get_case(uow, principal, case_id)
    claims = await uow.repository(FinanceRepository).claims_in_status(
        case_id, [status.value for status in LIVE_STATUSES]
    )
    billed, final = [], False
    for claim in claims:
        paid = await paid_on(uow, claim.id, exclude_applied=True)
        billed.append(BilledClaim(total=Money(claim.total_amount, claim.currency), paid=paid))
        final = final or (claim.kind == ClaimKind.FINAL.value)
    guarantee = None
    if row.funding and row.funding.get("guarantee"):
        amount = row.funding["guarantee"]["amount"]
        guarantee = Money.parse(amount["amount"], amount["currency"])
    lines = balances(
        quote=await latest_estimate(uow, case_id),
        guarantee=guarantee,
        payments=await received_payments(uow, case_id),
        claims=billed,
        final=final,
    )
    return {"case_id": str(case_id), "currencies": [line.to_json() for line in lines]}


async def paid_on(uow: UnitOfWork, claim_id: uuid.UUID, *, exclude_applied: bool = False) -> Money:
    finance = uow.repository(FinanceRepository)
    claim = await finance.claim(claim_id)
    total = await finance.paid_on(
        claim_id, except_kind=DEPOSIT_APPLIED if exclude_applied else None
    )
    return Money(total, claim.currency)


async def submit_claim(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    *,
    number: str,
    kind: ClaimKind,
    total: Money | None,
    lines: list[Line],
    debtor_organization_id: uuid.UUID | None,
    replaces_claim_id: uuid.UUID | None,
    debtor_kind: ClaimDebtor | None = None,
) -> ClaimRow:
    row = await case_for_receiving_coordinator(uow, principal, case_id, lock=True)
    total = checked_total(total, lines)
    if CaseStatus(row.status) not in CLAIMABLE_STATUSES[kind]:
        raise Conflict(
            f"A {kind.value} claim cannot be submitted while the case is {row.status}.",
            code="claim_not_allowed_in_status",
            current_status=row.status,
        )
    route = CoverageRoute(row.coverage_route) if row.coverage_route else None
    patient_invoice = route is not None and REGIMES[route].debtor == Debtor.PATIENT
    if debtor_kind == ClaimDebtor.PATIENT and not patient_invoice:
        # An insurer pays up to its cap; the patient owes the excess (issue 24).
        if route is None or not REGIMES[route].guarantee_capped:
            raise InvalidRequest(
                "Only the excess over an insurer's guarantee (insurer_guarantee) is invoiced "
                "to the patient on this route.",
                code="patient_not_debtor",
            )
        patient_invoice = True
    if patient_invoice:
        # Self-pay and Directive 2011/24 Art. 7(4): the patient is the debtor; the invoice
        # is what the patient takes home to be reimbursed.
        if debtor_organization_id is not None:
            raise InvalidRequest(
                f"Under '{route}' the patient is the debtor: send no debtor organisation.",
                code="patient_is_debtor",
            )
        debtor = None
    else:
        debtor = debtor_organization_id or row.payer_organization_id
        if debtor is None or debtor != row.payer_organization_id:
            raise InvalidRequest(
                "A claim is addressed to the case's payer organisation.",
                code="debtor_not_case_payer",
            )
    finance = uow.repository(FinanceRepository)
    if await finance.claim_number_taken(principal.organization_id, number):
        raise Conflict(
            "A claim with this number was already submitted.", code="duplicate_claim_number"
        )
    if replaces_claim_id is not None:
        replaced = await finance.claim(replaces_claim_id, for_update=True)
        if replaced is None or replaced.case_id != row.id:
            raise NotFound("claim")
        if replaced.status != ClaimStatus.CONTESTED.value:
            raise Conflict(
                "Only a contested claim can be replaced.",
                code="claim_not_contested",
                current_status=replaced.status,
            )
        replaced.status = ClaimStatus.REPLACED.value
        replaced.version += 1
        replaced.updated_at = now_utc()
    if not patient_invoice:
        await _check_guarantee(uow, row, total, replaces_claim_id)
    now = now_utc()
    claim = ClaimRow(
        id=uuid.uuid4(),
        case_id=row.id,
        number=number,
        kind=kind.value,
        status=ClaimStatus.SUBMITTED.value,
        total_amount=total.amount,
        currency=total.currency,
        lines=[line.to_json() for line in lines],
        creditor_organization_id=principal.organization_id,
        debtor_organization_id=debtor,
        debtor_kind=(ClaimDebtor.PATIENT if patient_invoice else ClaimDebtor.PAYER).value,
        replaces_claim_id=replaces_claim_id,
        version=1,
        created_at=now,
        updated_at=now,
    )
    await finance.add(claim)
    if patient_invoice and kind == ClaimKind.FINAL:
        await _apply_deposits(uow, principal, row, claim, now)
    await finance.add(
        _event(
            row,
            principal,
            CLAIM_SUBMITTED,
            {"claim_id": str(claim.id), "kind": kind.value},
            audience=claim_audience(claim),
        )
    )
    return claim


DEPOSIT_APPLIED = "deposit_applied"


async def _check_guarantee(
    uow: UnitOfWork, row: CaseRow, total: Money, replaces_claim_id: uuid.UUID | None
) -> None:
    """Claims to a guarantor stay within the guarantee until the payer amends it."""
    guarantee = (row.funding or {}).get("guarantee")
    if not guarantee:
        return
    limit = Money.parse(guarantee["amount"]["amount"], guarantee["amount"]["currency"])
    billed = await uow.repository(FinanceRepository).billed(
        row.id, total.currency, [status.value for status in LIVE_STATUSES]
    )
    if not within_guarantee(limit, Money(billed, total.currency), total):
        raise InvalidRequest(
            f"The claims would exceed the guarantee of {limit.to_json()['amount']} "
            f"{limit.currency}; the payer amends it first (amend-guarantee).",
            code="claim_exceeds_guarantee",
        )


async def _apply_deposits(
    uow: UnitOfWork, principal: Principal, row: CaseRow, claim: ClaimRow, now
) -> None:
    """A patient's final invoice is settled first from what the patient already paid; what
    is left over is the refund due (see the balance)."""
    held = Money.zero(claim.currency)
    for payment in await received_payments(uow, row.id):
        money = payment.counted or payment.amount
        if money.currency != claim.currency:
            continue
        held = held.subtract(money) if payment.kind == PaymentKind.REFUND else held.add(money)
    total = Money(claim.total_amount, claim.currency)
    applied = held if held < total else total
    if applied.amount <= 0:
        return
    await uow.repository(FinanceRepository).add(
        ClaimPaymentRow(
            id=uuid.uuid4(),
            claim_id=claim.id,
            kind=DEPOSIT_APPLIED,
            amount=applied.amount,
            currency=applied.currency,
            paid_at=now.date(),
            reference=None,
            recorded_by=principal.sub,
            created_at=now,
        )
    )
    claim.paid_amount = applied.amount
    claim.status = (ClaimStatus.PAID if applied == total else ClaimStatus.PARTIALLY_PAID).value
