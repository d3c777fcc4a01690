"""Money on a case: estimates (versioned quotes), payments received, claims to the payer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.cases.events import side_event_row
from app.cases.service import case_for_receiving_coordinator, facility_time_zone, get_case
from app.db import case_values
from app.db.claim_tenancy import claim_audience
from app.db.models import CaseRow, ClaimPaymentRow, ClaimRow, EstimateRow, PaymentRow
from app.db.repositories.finance import FinanceRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.balance import BilledClaim, ReceivedPayment, balances, held_in, refundable
from app.domain.claims import (
    LIVE_STATUSES,
    CodedLine,
    OpenClaim,
    check_line,
    contest_deadline,
    deduct_advances,
    introduction_deadline,
    status_after_advance,
    within_guarantee,
)
from app.domain.errors import ValidationFailed
from app.domain.exchange import ExchangeRate, fixed_peg
from app.domain.local_time import local_date
from app.domain.money import Money, check_lines_sum
from app.domain.principal import Principal
from app.domain.regimes import REGIMES, Debtor, state_of
from app.domain.vocabulary import (
    CLAIM_PAID,
    CLAIM_SUBMITTED,
    ESTIMATE_ISSUED,
    PAYMENT_RECORDED,
    CaseStatus,
    ClaimCodeSystem,
    ClaimDebtor,
    ClaimKind,
    ClaimPaymentKind,
    ClaimStatus,
    CoverageRoute,
    OrganizationKind,
    PaymentKind,
    Role,
)
from app.platform.clock import now_utc
from app.platform.errors import Conflict, InvalidRequest, NotFound

# A claim bills care that happened: interim during the stay, final once discharged.
CLAIMABLE_STATUSES = {
    ClaimKind.INTERIM: {CaseStatus.ADMITTED, CaseStatus.DISCHARGED},
    ClaimKind.FINAL: {CaseStatus.DISCHARGED},
}


@dataclass(frozen=True)
class Line:
    description: str
    amount: Money
    code_system: ClaimCodeSystem | None = None
    code: str | None = None
    quantity: Decimal | None = None
    unit_price: Money | None = None

    def to_json(self) -> dict:
        stored = {"description": self.description, "amount": self.amount.to_json()}
        if self.code_system is not None:
            stored |= {"code_system": self.code_system.value, "code": self.code}
        if self.quantity is not None and self.unit_price is not None:
            stored |= {
                "quantity": _quantity_text(self.quantity),
                "unit_price": self.unit_price.to_json(),
            }
        return stored

    def coded(self) -> CodedLine:
        return CodedLine(self.amount, self.code_system, self.code, self.quantity, self.unit_price)


def _quantity_text(quantity: Decimal) -> str:
    return format(quantity.normalize(), "f")


def checked_total(total: Money | None, lines: list[Line]) -> Money:
    """Each line is quantity x unit price where it gives them (app/domain/claims.py
    `check_line`); the lines add up to the total; without a total, the total is their sum."""
    for position, line in enumerate(lines):
        try:
            check_line(line.coded(), position)
        except ValidationFailed as refused:
            raise InvalidRequest(refused.detail, code=refused.code, line=position) from None
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
        actor_role=Role.COORDINATOR,
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
    _check_advance_allowed(row, PaymentKind(values["kind"]))
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
    if values["kind"] == PaymentKind.REFUND.value:
        await _check_refund_not_deducted(uow, row, earlier, counted or amount)
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
    if values["kind"] != PaymentKind.REFUND.value:
        # An advance received after the final claim is deducted from it now.
        await apply_advances(uow, principal, row, now_utc())
    return payment


def _check_advance_allowed(row: CaseRow, kind: PaymentKind) -> None:
    """Reg. 883/2004 Art. 19(1) and 20(2): under S2 and the EHIC the care is in kind, on the
    terms of the treating state's insured, and a ZOAST takes no advance payment either: the
    hospital takes no deposit from the patient. What the patient owes (the patient share:
    ticket modérateur, CSS Art. L160-13) is a patient invoice; money the patient pays at
    the desk (a `balance` payment) is deducted from that invoice, never from the
    institution's claim (app/domain/claims.py `advances_apply_to`), and what is left over
    is refunded. A refund stays possible."""
    route = row.coverage_route
    if kind != PaymentKind.DEPOSIT or route is None or not REGIMES[route].deposit_forbidden:
        return
    raise InvalidRequest(
        f"Under '{route}' the care is in kind: no deposit is taken from the patient; "
        "invoice the patient share as a patient invoice.",
        code="deposit_not_allowed_for_route",
        field="kind",
        route=route.value,
    )


async def _check_refund_not_deducted(
    uow: UnitOfWork, row: CaseRow, earlier: list[ReceivedPayment], refund: Money
) -> None:
    """Money already deducted from a final claim is no longer the patient's to take back."""
    applied = await uow.repository(FinanceRepository).advances_applied(
        row.id, refund.currency, list(LIVE_STATUSES)
    )
    if applied <= 0:
        return  # nothing deducted: the refund is bounded by what came in (`refundable`)
    free = held_in(earlier, refund.currency).subtract(Money(applied, refund.currency))
    if refund > free:
        raise InvalidRequest(
            f"The refund is more than the {max(free.amount, 0)} {refund.currency} held and "
            "not yet deducted from a final claim.",
            code="refund_exceeds_received",
        )


async def latest_estimate(uow: UnitOfWork, case_id: uuid.UUID) -> Money | None:
    estimate = await uow.repository(FinanceRepository).latest_estimate(case_id)
    return Money(estimate.total_amount, estimate.currency) if estimate else None


def _received(payment: PaymentRow) -> ReceivedPayment:
    counted = None
    if payment.counted_currency is not None:
        counted = Money(payment.counted_amount, payment.counted_currency)
    return ReceivedPayment(
        kind=payment.kind,
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
    claims = await uow.repository(FinanceRepository).claims_in_status(case_id, list(LIVE_STATUSES))
    billed, final = [], False
    for claim in claims:
        paid = await paid_on(uow, claim.id, exclude_applied=True)
        billed.append(BilledClaim(total=Money(claim.total_amount, claim.currency), paid=paid))
        final = final or (claim.kind == ClaimKind.FINAL)
    guarantee = _guarantee_in_case_currency(row)
    lines = balances(
        quote=await latest_estimate(uow, case_id),
        guarantee=guarantee,
        payments=await received_payments(uow, case_id),
        claims=billed,
        final=final,
    )
    return {"case_id": str(case_id), "currencies": [line.to_json() for line in lines]}


def _guarantee_in_case_currency(row: CaseRow) -> Money | None:
    """The letter of guarantee as it counts: in the case's currency at the rate recorded
    at approve-funding (`counted_amount`), else as written."""
    guarantee = case_values.GUARANTEE.of((row.funding or {}).get("guarantee"))
    return guarantee.in_case_currency if guarantee else None


async def paid_on(uow: UnitOfWork, claim_id: uuid.UUID, *, exclude_applied: bool = False) -> Money:
    finance = uow.repository(FinanceRepository)
    claim = await finance.claim(claim_id)
    total = await finance.paid_on(
        claim_id, except_kind=ClaimPaymentKind.DEPOSIT_APPLIED if exclude_applied else None
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
    debtor: ClaimDebtor | None = None,
    care_from: date | None = None,
    care_until: date | None = None,
) -> ClaimRow:
    row = await case_for_receiving_coordinator(uow, principal, case_id, lock=True)
    total = checked_total(total, lines)
    if row.status not in CLAIMABLE_STATUSES[kind]:
        raise Conflict(
            f"A {kind.value} claim cannot be submitted while the case is {row.status}.",
            code="claim_not_allowed_in_status",
            current_status=row.status,
        )
    route = row.coverage_route
    debtor_kind, debtor_id = await _debtor_of(uow, row, route, debtor, debtor_organization_id)
    patient_invoice = debtor_kind == ClaimDebtor.PATIENT
    finance = uow.repository(FinanceRepository)
    if await finance.claim_number_taken(principal.organization_id, number):
        raise Conflict(
            "A claim with this number was already submitted.", code="duplicate_claim_number"
        )
    if replaces_claim_id is not None:
        replaced = await finance.claim(replaces_claim_id, for_update=True)
        if replaced is None or replaced.case_id != row.id:
            raise NotFound("claim")
        if replaced.status != ClaimStatus.CONTESTED:
            raise Conflict(
                "Only a contested claim can be replaced.",
                code="claim_not_contested",
                current_status=replaced.status,
            )
        replaced.status = ClaimStatus.REPLACED
        replaced.version += 1
        replaced.updated_at = now_utc()
    if not patient_invoice and debtor_id == row.payer_organization_id:
        await _check_guarantee(uow, row, total, replaces_claim_id)
    now = now_utc()
    time_zone = await facility_time_zone(uow, row.receiving_organization_id)
    introduced_on = local_date(now, time_zone)
    care_from, care_until = _care_dates(row, time_zone, introduced_on, care_from, care_until)
    # Reg. 987/2009 Art. 67: the coordination's deadlines, for claims to an institution
    # under a coordination route (app/domain/claims.py).
    deadlines = route is not None and REGIMES[route].coordination_deadlines and not patient_invoice
    claim = ClaimRow(
        id=uuid.uuid4(),
        case_id=row.id,
        number=number,
        kind=kind,
        status=ClaimStatus.SUBMITTED,
        total_amount=total.amount,
        currency=total.currency,
        lines=[line.to_json() for line in lines],
        creditor_organization_id=principal.organization_id,
        debtor_organization_id=debtor_id,
        debtor_kind=debtor_kind,
        replaces_claim_id=replaces_claim_id,
        care_from=care_from,
        care_until=care_until,
        introduction_deadline=introduction_deadline(care_until) if deadlines else None,
        contest_deadline=contest_deadline(introduced_on) if deadlines else None,
        version=1,
        created_at=now,
        updated_at=now,
    )
    await finance.add(claim)
    await finance.add(
        _event(
            row,
            principal,
            CLAIM_SUBMITTED,
            {"claim_id": str(claim.id), "kind": kind.value},
            audience=claim_audience(claim),
        )
    )
    # The claim just submitted takes its advances as it is issued (its own `claim.submitted`
    # says so); earlier claims changed by it announce it.
    await apply_advances(uow, principal, row, now, just_submitted=claim.id)
    return claim


def _care_dates(
    row: CaseRow,
    time_zone: str | None,
    introduced_on: date,
    care_from: date | None,
    care_until: date | None,
) -> tuple[date | None, date]:
    """The care a claim bills, as the facility's local dates: as given, else from the case
    (admission, arrival or presentation; discharge, else the day the claim is introduced,
    for an interim claim during the stay). Care ends before the claim bills it."""
    stay = row.stay
    began = (
        (stay.admitted_at if stay else None)
        or (row.transfer.arrived_at if row.transfer else None)
        or row.presented_at
    )
    ended = stay.discharged_at if stay else None
    care_from = care_from or (local_date(began, time_zone) if began else None)
    care_until = care_until or (local_date(ended, time_zone) if ended else introduced_on)
    if care_until > introduced_on or (care_from is not None and care_from > care_until):
        raise InvalidRequest(
            "The care a claim bills begins before it ends, and ends by the day the claim "
            "is submitted.",
            code="care_dates_invalid",
            field="care_until",
        )
    return care_from, care_until


async def _debtor_of(
    uow: UnitOfWork,
    row: CaseRow,
    route: CoverageRoute | None,
    debtor: ClaimDebtor | None,
    debtor_organization_id: uuid.UUID | None,
) -> tuple[ClaimDebtor, uuid.UUID | None]:
    """Who a claim is addressed to, by the case's route.

    - Self-pay and Directive 2011/24 Art. 7(4): the patient (an invoice the patient takes
      home to be reimbursed); no debtor organisation.
    - Any route may also bill the patient's own share apart (`debtor: patient`): under S2
      and the EHIC the local patient share (ticket modérateur, CSS Art. L160-13; Reg.
      883/2004 Art. 19(1), 20(2): care on the treating state's terms).
    - S2 and the EHIC: the institution of the place of stay (Reg. 883/2004 Art. 19(1),
      20(2), 35; Reg. 987/2009 Art. 25, 26, 62-69), a `liaison_body` organisation of the
      treating state: the one named (`debtor_organization_id`), else the one liaison body
      of the receiving hospital's country or territory (CGSS Martinique), else the one of
      its state (CNAM-CLEISS for France).
    - Otherwise the case's payer organisation.
    """
    regime_debtor = REGIMES[route].debtor if route is not None else Debtor.PAYER
    if regime_debtor == Debtor.PATIENT and debtor == ClaimDebtor.PAYER:
        raise InvalidRequest(
            f"Under '{route}' the patient is the debtor: send no debtor organisation.",
            code="patient_is_debtor",
        )
    if regime_debtor == Debtor.PATIENT or debtor == ClaimDebtor.PATIENT:
        if debtor_organization_id is not None:
            raise InvalidRequest(
                "An invoice to the patient names no debtor organisation.",
                code="patient_is_debtor",
            )
        return ClaimDebtor.PATIENT, None
    if regime_debtor == Debtor.PLACE_OF_STAY_INSTITUTION:
        institution = await _place_of_stay_institution(uow, row, debtor_organization_id)
        return ClaimDebtor.PAYER, institution
    payer = debtor_organization_id or row.payer_organization_id
    if payer is None or payer != row.payer_organization_id:
        raise InvalidRequest(
            "A claim is addressed to the case's payer organisation.",
            code="debtor_not_case_payer",
        )
    return ClaimDebtor.PAYER, payer


async def _place_of_stay_institution(
    uow: UnitOfWork, row: CaseRow, named: uuid.UUID | None
) -> uuid.UUID:
    finance = uow.repository(FinanceRepository)
    hospital = await finance.organization(row.receiving_organization_id)
    assert hospital is not None, "a case's receiving organisation exists"
    state = state_of(hospital.country)
    if named is not None:
        body = await finance.organization(named)
        if (
            body is None
            or body.kind != OrganizationKind.LIAISON_BODY
            or state_of(body.country) != state
        ):
            raise InvalidRequest(
                "Under S2 and the EHIC the claim goes to the institution of the place of "
                f"stay: a liaison_body organisation of the treating state ({state}).",
                code="debtor_not_place_of_stay_institution",
                field="debtor_organization_id",
            )
        return named
    kind = OrganizationKind.LIAISON_BODY
    for countries in ([hospital.country], [state]):
        found = await finance.organizations_of_kind(kind, countries)
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            break
    raise InvalidRequest(
        "Under S2 and the EHIC the claim goes to the institution of the place of stay; "
        f"name it (debtor_organization_id: a liaison_body organisation of {state}).",
        code="place_of_stay_institution_required",
        field="debtor_organization_id",
    )


async def _check_guarantee(
    uow: UnitOfWork, row: CaseRow, total: Money, replaces_claim_id: uuid.UUID | None
) -> None:
    """Claims to a guarantor stay within the guarantee until the payer amends it."""
    limit = _guarantee_in_case_currency(row)
    if limit is None:
        return
    billed = await uow.repository(FinanceRepository).billed(
        row.id, total.currency, list(LIVE_STATUSES)
    )
    if not within_guarantee(limit, Money(billed, total.currency), total):
        raise InvalidRequest(
            f"The claims would exceed the guarantee of {limit.to_json()['amount']} "
            f"{limit.currency}; the payer amends it first (amend-guarantee).",
            code="claim_exceeds_guarantee",
        )


async def apply_advances(
    uow: UnitOfWork,
    principal: Principal,
    row: CaseRow,
    now,
    *,
    just_submitted: uuid.UUID | None = None,
) -> None:
    """Deduct the advances held and not yet deducted from the case's live claims once a
    final claim is live (app/domain/claims.py `deduct_advances` says which and how much).
    Run after every payment received, claim submitted or contested. Each claim changed
    gets a `deposit_applied` payment, a new version and, unless it was just submitted, a
    `claim.paid` event (`payment_kind: deposit_applied`)."""
    finance = uow.repository(FinanceRepository)
    live = list(LIVE_STATUSES)
    claims = await finance.claims_in_status(row.id, live, for_update=True)
    if not any(claim.kind == ClaimKind.FINAL for claim in claims):
        return
    payments = await received_payments(uow, row.id)
    route = row.coverage_route
    in_kind = route is not None and REGIMES[route].deposit_forbidden
    for currency in sorted({claim.currency for claim in claims}):
        in_currency = [claim for claim in claims if claim.currency == currency]
        applied = await finance.advances_applied(row.id, currency, live)
        unapplied = held_in(payments, currency).subtract(Money(applied, currency))
        if unapplied.amount <= 0:
            continue
        open_claims = [
            OpenClaim(
                total=Money(claim.total_amount, currency),
                paid=Money(Decimal(claim.paid_amount or 0), currency),
                debtor=claim.debtor_kind,
                final=claim.kind == ClaimKind.FINAL,
            )
            for claim in in_currency
        ]
        deductions = deduct_advances(unapplied, open_claims, in_kind)
        for claim, open_claim, amount in zip(in_currency, open_claims, deductions, strict=True):
            if amount.amount > 0:
                announce = claim.id != just_submitted
                await _deduct(uow, principal, row, claim, open_claim, amount, now, announce)


async def _deduct(
    uow: UnitOfWork,
    principal: Principal,
    row: CaseRow,
    claim: ClaimRow,
    open_claim: OpenClaim,
    amount: Money,
    now,
    announce: bool,
) -> None:
    finance = uow.repository(FinanceRepository)
    await finance.add(
        ClaimPaymentRow(
            id=uuid.uuid4(),
            claim_id=claim.id,
            kind=ClaimPaymentKind.DEPOSIT_APPLIED,
            amount=amount.amount,
            currency=amount.currency,
            paid_at=now.date(),
            reference=None,
            recorded_by=principal.sub,
            created_at=now,
        )
    )
    paid = open_claim.paid.add(amount)
    claim.paid_amount = paid.amount
    status = status_after_advance(claim.status, open_claim.debtor, open_claim.total, paid)
    claim.status = status
    if announce:
        claim.version += 1
        claim.updated_at = now
        data = {
            "claim_id": str(claim.id),
            "claim_status": claim.status,
            "payment_kind": ClaimPaymentKind.DEPOSIT_APPLIED,
        }
        await finance.add(_event(row, principal, CLAIM_PAID, data, claim_audience(claim)))
