"""The answers to a claim, after the EESSI chain: claim, reply (accept or contest, per
line), payments (down payments and instalments). The lifecycle is the table in
app/domain/claims.py; this module loads, checks who asks, and records.

A claim is visible to its creditor and debtor organisations only; the debtor's payers
answer and pay it; a patient invoice's payments are recorded by the hospital's
coordinators. Each step bumps the claim's version and appends a `claim.*` event, visible
to those organisations, in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from app.access.authorization import authorize, may
from app.cases.events import side_event_row
from app.cases.service import facility_time_zone
from app.db.claim_tenancy import claim_audience
from app.db.keyset import SortKey, keyset_page
from app.db.models import ClaimPaymentRow, ClaimRow
from app.db.repositories.finance import FinanceRepository
from app.db.unit_of_work import UnitOfWork
from app.domain import claims as claims_table
from app.domain.errors import ValidationFailed
from app.domain.local_time import local_date
from app.domain.money import Money
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.regimes import REGIMES
from app.domain.vocabulary import (
    CLAIM_ACCEPTED,
    CLAIM_CONTESTED,
    CLAIM_HOME_DECIDED,
    CLAIM_HOME_SUBMITTED,
    CLAIM_PAID,
    ClaimDebtor,
    ClaimPaymentKind,
    ClaimStatus,
    HomeReimbursementStatus,
    Role,
)
from app.finance.service import paid_on
from app.platform.clock import now_utc
from app.platform.errors import Conflict, Forbidden, InvalidRequest, NotFound
from app.platform.versioning import check_version

ACCEPT, CONTEST, PAY = claims_table.ACCEPT, claims_table.CONTEST, claims_table.PAY
EVENT_TYPES = {ACCEPT: CLAIM_ACCEPTED, CONTEST: CLAIM_CONTESTED, PAY: CLAIM_PAID}


def _debtor(claim: ClaimRow) -> ClaimDebtor:
    return claim.debtor_kind or ClaimDebtor.PAYER


def side_of(claim: ClaimRow, principal: Principal) -> str | None:
    """Which side of the claim the caller acts for, if any."""
    if may(principal, Operation.ANSWER_CLAIM, claim.debtor_organization_id):
        return claims_table.DEBTOR_SIDE
    # The creditor is the receiving hospital, whose coordinators handle the case's money.
    if may(principal, Operation.HANDLE_CASE_LOGISTICS_AND_MONEY, claim.creditor_organization_id):
        return claims_table.CREDITOR_SIDE
    return None


def allowed_actions(claim: ClaimRow, principal: Principal) -> list[str]:
    side = side_of(claim, principal)
    if side is None:
        return []
    actions = claims_table.allowed_actions(claim.status, _debtor(claim), side)
    return [action for action in actions if action != claims_table.REPLACE]


async def get_claim(
    uow: UnitOfWork, principal: Principal, claim_id: uuid.UUID, *, for_update: bool = False
) -> ClaimRow:
    claim = await uow.repository(FinanceRepository).visible_claim(
        principal.organization_id, claim_id, for_update=for_update
    )
    if claim is None:
        raise NotFound("claim")
    return claim


@dataclass
class ClaimFilters:
    payer_organization_id: uuid.UUID | None = None
    status: ClaimStatus | None = None
    case_id: uuid.UUID | None = None


async def list_claims(
    uow: UnitOfWork, principal: Principal, filters: ClaimFilters, limit: int, cursor: str | None
) -> tuple[list[ClaimRow], str | None]:
    claims = uow.repository(FinanceRepository)
    criteria = {
        "payer_organization_id": filters.payer_organization_id,
        "status": filters.status,
        "case_id": filters.case_id,
    }
    return await keyset_page(
        uow,
        claims.claim_listing(principal.organization_id, **criteria),
        kind="claims",
        order=[SortKey(ClaimRow.created_at), SortKey(ClaimRow.id)],
        limit=limit,
        cursor=cursor,
        branches=claims.claim_listing_by_side(principal.organization_id, **criteria),
    )


async def _begin(
    uow: UnitOfWork,
    principal: Principal,
    claim_id: uuid.UUID,
    action: str,
    if_match: str | None,
    kind: ClaimPaymentKind | None = None,
) -> tuple[ClaimRow, claims_table.ClaimTransition]:
    """Lock the claim, check who asks, its version and its status against the table."""
    claim = await get_claim(uow, principal, claim_id, for_update=True)
    if _debtor(claim) == ClaimDebtor.PATIENT:
        # A patient invoice: the hospital's coordinators record what the patient pays.
        authorize(
            principal, Operation.HANDLE_CASE_LOGISTICS_AND_MONEY, claim.creditor_organization_id
        )
        side = claims_table.CREDITOR_SIDE
    else:
        authorize(principal, Operation.ANSWER_CLAIM, claim.debtor_organization_id)
        side = claims_table.DEBTOR_SIDE
    check_version(claim.version, if_match)
    try:
        row = claims_table.transition(action, claim.status, _debtor(claim), side, kind)
    except claims_table.ClaimTransitionRefused as refused:
        raise Conflict(
            refused.detail,
            code=refused.code,
            current_status=claim.status,
            allowed_actions=allowed_actions(claim, principal),
        ) from None
    except claims_table.ClaimSideForbidden as refused:
        raise Forbidden(refused.detail, code="forbidden_role") from None
    return claim, row


async def _finish(
    uow: UnitOfWork,
    principal: Principal,
    claim: ClaimRow,
    action: str,
    target: ClaimStatus,
    data: dict | None = None,
) -> ClaimRow:
    now = now_utc()
    claim.status = target
    claim.version += 1
    claim.updated_at = now
    finance = uow.repository(FinanceRepository)
    case = await finance.case_row(claim.case_id)
    assert case is not None, "a claim's case is deleted with it"
    side = side_of(claim, principal)
    event = side_event_row(
        case,
        EVENT_TYPES[action],
        actor_sub=principal.sub,
        actor_organization_id=principal.organization_id,
        actor_role=Role.PAYER if side == claims_table.DEBTOR_SIDE else Role.COORDINATOR,
        occurred_at=now,
        data={"claim_id": str(claim.id), "claim_status": claim.status, **(data or {})},
        audience=claim_audience(claim),
    )
    await finance.add(event)
    return claim


async def accept(
    uow: UnitOfWork, principal: Principal, claim_id: uuid.UUID, if_match: str | None
) -> ClaimRow:
    claim, row = await _begin(uow, principal, claim_id, ACCEPT, if_match)
    return await _finish(uow, principal, claim, ACCEPT, row.target)


async def contest(
    uow: UnitOfWork,
    principal: Principal,
    claim_id: uuid.UUID,
    reason: str,
    if_match: str | None,
    lines: list[claims_table.ContestedLine] | None = None,
) -> ClaimRow:
    """Contest the claim, line by line where the payer says which lines and why. Advances
    deducted from it are free again: the claim that replaces it takes them when the
    hospital submits it (the payer sees none of the hospital's other claims to move them
    to)."""
    claim, row = await _begin(uow, principal, claim_id, CONTEST, if_match)
    checked = claims_table.check_contested_lines(lines or [], len(claim.lines or []))
    claim.contest_reason = reason
    claim.contested_lines = [{"line": item.line, "reason": item.reason} for item in checked]
    return await _finish(uow, principal, claim, CONTEST, row.target)


async def pay(
    uow: UnitOfWork,
    principal: Principal,
    claim_id: uuid.UUID,
    *,
    amount: Money,
    paid_at: date,
    reference: str,
    if_match: str | None,
    kind: ClaimPaymentKind = ClaimPaymentKind.INSTALMENT,
) -> ClaimRow:
    """Record one payment of a claim (a down payment, an instalment): partially_paid until
    the payments reach the total, paid then; never more than the total."""
    claim, _ = await _begin(uow, principal, claim_id, PAY, if_match, kind)
    total = Money(claim.total_amount, claim.currency)
    before = await paid_on(uow, claim.id)
    try:
        target = claims_table.status_after_payment(total, before, amount)
    except ValidationFailed as refused:
        detail = refused.detail
        if refused.code == "payment_exceeds_claim":
            # The advances deducted count as paid: say what is still due.
            due = total.subtract(before).to_json()["amount"]
            detail = f"The payment is more than the {due} {total.currency} still due on it."
        raise InvalidRequest(detail, code=refused.code) from None
    now = now_utc()
    payment = ClaimPaymentRow(
        id=uuid.uuid4(),
        claim_id=claim.id,
        kind=kind,
        amount=amount.amount,
        currency=amount.currency,
        paid_at=paid_at,
        reference=reference,
        recorded_by=principal.sub,
        created_at=now,
    )
    await uow.repository(FinanceRepository).add(payment)
    claim.paid_amount = before.add(amount).amount
    claim.paid_at = paid_at
    claim.payment_reference = reference
    return await _finish(uow, principal, claim, PAY, target, {"payment_kind": kind.value})


# -- the reimbursement at home (Directive 2011/24 Art. 7(4)) ---------------------------------


async def _home_invoice(
    uow: UnitOfWork, principal: Principal, claim_id: uuid.UUID, if_match: str | None
) -> ClaimRow:
    """A patient's invoice under a route reimbursed at home, for the hospital's office to
    record what the patient tells it (the patient has no account of their own)."""
    claim = await get_claim(uow, principal, claim_id, for_update=True)
    authorize(principal, Operation.HANDLE_CASE_LOGISTICS_AND_MONEY, claim.creditor_organization_id)
    check_version(claim.version, if_match)
    case = await uow.repository(FinanceRepository).case_row(claim.case_id)
    route = case.coverage_route if case else None
    if (
        _debtor(claim) != ClaimDebtor.PATIENT
        or route is None
        or not REGIMES[route].reimbursed_at_home
        or claim.status not in claims_table.LIVE_STATUSES
    ):
        raise Conflict(
            "Only a patient's invoice under Directive 2011/24 (eu_directive), not contested "
            "or replaced, is reimbursed at home.",
            code="home_reimbursement_not_applicable",
            current_status=claim.status,
        )
    return claim


def _home_of(claim: ClaimRow) -> claims_table.HomeReimbursement | None:
    stored = claim.home_reimbursement
    if not stored:
        return None
    amount = stored.get("amount")
    return claims_table.HomeReimbursement(
        status=HomeReimbursementStatus(stored["status"]),
        submitted_on=date.fromisoformat(stored["submitted_on"]),
        reference=stored["reference"],
        insurer_organization_id=(
            uuid.UUID(stored["insurer_organization_id"])
            if stored.get("insurer_organization_id")
            else None
        ),
        insurer_name=stored.get("insurer_name"),
        amount=Money.parse(amount["amount"], amount["currency"]) if amount else None,
        decided_on=date.fromisoformat(stored["decided_on"]) if stored.get("decided_on") else None,
        refusal_reason=stored.get("refusal_reason"),
    )


def _home_json(record: claims_table.HomeReimbursement) -> dict:
    return {
        "status": record.status.value,
        "submitted_on": record.submitted_on.isoformat(),
        "reference": record.reference,
        "insurer_organization_id": (
            str(record.insurer_organization_id) if record.insurer_organization_id else None
        ),
        "insurer_name": record.insurer_name,
        "amount": record.amount.to_json() if record.amount else None,
        "decided_on": record.decided_on.isoformat() if record.decided_on else None,
        "refusal_reason": record.refusal_reason,
    }


async def _home_step(
    uow: UnitOfWork,
    principal: Principal,
    claim: ClaimRow,
    event_type: str,
    step,
) -> ClaimRow:
    try:
        record = step(_home_of(claim))
    except claims_table.HomeReimbursementStepRefused as refused:
        raise Conflict(refused.detail, code=refused.code, current_status=claim.status) from None
    except ValidationFailed as refused:
        raise InvalidRequest(refused.detail, code=refused.code) from None
    now = now_utc()
    claim.home_reimbursement = _home_json(record)
    claim.version += 1
    claim.updated_at = now
    finance = uow.repository(FinanceRepository)
    case = await finance.case_row(claim.case_id)
    # The feed says which step, never the amounts, references or reasons (they stay on the
    # invoice, for its creditor).
    await finance.add(
        side_event_row(
            case,
            event_type,
            actor_sub=principal.sub,
            actor_organization_id=principal.organization_id,
            actor_role=Role.COORDINATOR,
            occurred_at=now,
            data={
                "claim_id": str(claim.id),
                "claim_status": claim.status,
                "home_reimbursement_status": record.status.value,
            },
            audience=claim_audience(claim),
        )
    )
    return claim


async def submit_at_home(
    uow: UnitOfWork,
    principal: Principal,
    claim_id: uuid.UUID,
    *,
    submitted_on: date,
    reference: str,
    insurer_organization_id: uuid.UUID | None,
    insurer_name: str | None,
    if_match: str | None,
) -> ClaimRow:
    """The patient submitted the invoice to the home insurer (`claim.home_reimbursement_
    submitted`)."""
    claim = await _home_invoice(uow, principal, claim_id, if_match)
    if insurer_organization_id is not None and (
        await uow.repository(FinanceRepository).organization(insurer_organization_id) is None
    ):
        raise InvalidRequest(
            "No such organisation: name the home insurer instead.",
            code="unknown_home_insurer",
            field="insurer_organization_id",
        )
    case = await uow.repository(FinanceRepository).case_row(claim.case_id)
    time_zone = await facility_time_zone(uow, case.receiving_organization_id)
    return await _home_step(
        uow,
        principal,
        claim,
        CLAIM_HOME_SUBMITTED,
        lambda current: claims_table.submit_home(
            current,
            submitted_on=submitted_on,
            invoiced_on=local_date(claim.created_at, time_zone),
            today=local_date(now_utc(), time_zone),
            reference=reference,
            insurer_organization_id=insurer_organization_id,
            insurer_name=insurer_name,
        ),
    )


async def record_home_decision(
    uow: UnitOfWork,
    principal: Principal,
    claim_id: uuid.UUID,
    *,
    decided_on: date,
    amount: Money | None,
    refusal_reason: str | None,
    if_match: str | None,
) -> ClaimRow:
    """The home insurer's answer: reimbursed in full or in part, or refused
    (`claim.home_reimbursement_decided`)."""
    claim = await _home_invoice(uow, principal, claim_id, if_match)
    case = await uow.repository(FinanceRepository).case_row(claim.case_id)
    time_zone = await facility_time_zone(uow, case.receiving_organization_id)
    return await _home_step(
        uow,
        principal,
        claim,
        CLAIM_HOME_DECIDED,
        lambda current: claims_table.decide_home(
            current,
            decided_on=decided_on,
            today=local_date(now_utc(), time_zone),
            invoice_total=Money(claim.total_amount, claim.currency),
            reimbursed=amount,
            refusal_reason=refusal_reason,
        ),
    )


async def payments_of(uow: UnitOfWork, claim_ids: list[uuid.UUID]) -> dict:
    grouped: dict[uuid.UUID, list[ClaimPaymentRow]] = {claim_id: [] for claim_id in claim_ids}
    if not claim_ids:
        return grouped
    for payment in await uow.repository(FinanceRepository).claim_payments_of(claim_ids):
        grouped[payment.claim_id].append(payment)
    return grouped
