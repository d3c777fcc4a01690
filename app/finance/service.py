"""Money on a case: estimates (versioned quotes), payments received, claims to the payer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from app.access.tokens import Principal
from app.cases.events import side_event_row
from app.cases.service import case_for_receiving_coordinator
from app.domain.money import Money
from app.domain.vocabulary import (
    CLAIM_SUBMITTED,
    ESTIMATE_ISSUED,
    PAYMENT_RECORDED,
    CaseStatus,
    ClaimKind,
    ClaimStatus,
    Role,
)
from app.finance.visibility import claim_audience
from app.models import CaseRow, ClaimRow, EstimateRow, PaymentRow
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


def _same_currency(total: Money, lines: list[Line]) -> None:
    if any(line.amount.currency != total.currency for line in lines):
        raise InvalidRequest(
            "Every line must be in the total's currency.", code="currency_mismatch"
        )


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
    total: Money,
    lines: list[Line],
    valid_until,
) -> EstimateRow:
    row = await case_for_receiving_coordinator(uow, principal, case_id, lock=True)
    _same_currency(total, lines)
    number = (
        await uow.session.execute(
            select(func.coalesce(func.max(EstimateRow.number), 0)).where(
                EstimateRow.case_id == row.id
            )
        )
    ).scalar_one() + 1
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
    uow.session.add(estimate)
    uow.session.add(
        _event(row, principal, ESTIMATE_ISSUED, {"estimate_id": str(estimate.id), "number": number})
    )
    await uow.session.flush()
    return estimate


async def record_payment(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, values: dict, amount: Money
) -> PaymentRow:
    row = await case_for_receiving_coordinator(uow, principal, case_id, lock=True)
    if amount.amount <= 0:
        raise InvalidRequest(
            "A payment amount is positive; use kind=refund for money returned.",
            code="invalid_amount",
        )
    payment = PaymentRow(
        id=uuid.uuid4(),
        case_id=row.id,
        amount=amount.amount,
        currency=amount.currency,
        created_at=now_utc(),
        **values,
    )
    uow.session.add(payment)
    uow.session.add(
        _event(
            row,
            principal,
            PAYMENT_RECORDED,
            {"payment_id": str(payment.id), "kind": values["kind"]},
        )
    )
    await uow.session.flush()
    return payment


async def submit_claim(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    *,
    number: str,
    kind: ClaimKind,
    total: Money,
    lines: list[Line],
    debtor_organization_id: uuid.UUID | None,
    replaces_claim_id: uuid.UUID | None,
) -> ClaimRow:
    row = await case_for_receiving_coordinator(uow, principal, case_id, lock=True)
    _same_currency(total, lines)
    if CaseStatus(row.status) not in CLAIMABLE_STATUSES[kind]:
        raise Conflict(
            f"A {kind.value} claim cannot be submitted while the case is {row.status}.",
            code="claim_not_allowed_in_status",
            current_status=row.status,
        )
    debtor = debtor_organization_id or row.payer_organization_id
    if debtor is None or debtor != row.payer_organization_id:
        raise InvalidRequest(
            "A claim is addressed to the case's payer organisation.", code="debtor_not_case_payer"
        )
    duplicate = await uow.session.execute(
        select(ClaimRow.id).where(
            ClaimRow.creditor_organization_id == principal.organization_id,
            ClaimRow.number == number,
        )
    )
    if duplicate.scalar_one_or_none() is not None:
        raise Conflict(
            "A claim with this number was already submitted.", code="duplicate_claim_number"
        )
    if replaces_claim_id is not None:
        replaced = await uow.session.get(ClaimRow, replaces_claim_id, with_for_update=True)
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
        replaces_claim_id=replaces_claim_id,
        version=1,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(claim)
    uow.session.add(
        _event(
            row,
            principal,
            CLAIM_SUBMITTED,
            {"claim_id": str(claim.id), "kind": kind.value},
            audience=claim_audience(claim),
        )
    )
    await uow.session.flush()
    return claim
