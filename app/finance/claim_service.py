"""The payer's side of a claim, after the EESSI chain: claim, reply (accept or contest),
payment.

    submitted --accept--> accepted --pay--> paid
    submitted --contest--> contested, then corrected by a new claim that replaces it
                           (POST /v1/cases/{id}/claims with replaces_claim_id)

A claim is visible to its creditor and debtor organisations only; only the debtor's
payers answer and pay it. Each step bumps the claim's version and appends a `claim.*`
event, visible to those two organisations, in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select

from app.access.authorization import authorize
from app.access.tokens import Principal
from app.cases.events import side_event_row
from app.domain.money import Money
from app.domain.policies import Operation
from app.domain.vocabulary import CLAIM_ACCEPTED, CLAIM_CONTESTED, CLAIM_PAID, ClaimStatus, Role
from app.finance.visibility import claim_audience, claim_visible_to
from app.models import CaseRow, ClaimRow
from app.platform.clock import now_utc
from app.platform.errors import Conflict, InvalidRequest, NotFound
from app.platform.paging import SortKey, keyset_page
from app.platform.unit_of_work import UnitOfWork
from app.platform.versioning import check_version

ACCEPT = "accept"
CONTEST = "contest"
PAY = "pay"

# action -> (statuses it leaves, status it reaches): the claim's whole lifecycle as data.
CLAIM_ACTIONS: dict[str, tuple[frozenset[ClaimStatus], ClaimStatus]] = {
    ACCEPT: (frozenset({ClaimStatus.SUBMITTED}), ClaimStatus.ACCEPTED),
    CONTEST: (frozenset({ClaimStatus.SUBMITTED}), ClaimStatus.CONTESTED),
    PAY: (frozenset({ClaimStatus.ACCEPTED}), ClaimStatus.PAID),
}
EVENT_TYPES = {ACCEPT: CLAIM_ACCEPTED, CONTEST: CLAIM_CONTESTED, PAY: CLAIM_PAID}


def allowed_actions(status: ClaimStatus | str) -> list[str]:
    return [action for action, (sources, _) in CLAIM_ACTIONS.items() if status in sources]


def visible_claims(organization_id: uuid.UUID | None) -> Select[tuple[ClaimRow]]:
    return select(ClaimRow).where(claim_visible_to(organization_id))


async def get_claim(
    uow: UnitOfWork, principal: Principal, claim_id: uuid.UUID, *, for_update: bool = False
) -> ClaimRow:
    query = visible_claims(principal.organization_id).where(ClaimRow.id == claim_id)
    if for_update:
        query = query.with_for_update()
    claim = (await uow.session.execute(query)).scalar_one_or_none()
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
    query = visible_claims(principal.organization_id)
    if filters.payer_organization_id is not None:
        query = query.where(ClaimRow.debtor_organization_id == filters.payer_organization_id)
    if filters.status is not None:
        query = query.where(ClaimRow.status == filters.status.value)
    if filters.case_id is not None:
        query = query.where(ClaimRow.case_id == filters.case_id)
    return await keyset_page(
        uow,
        query,
        kind="claims",
        order=[SortKey(ClaimRow.created_at), SortKey(ClaimRow.id)],
        limit=limit,
        cursor=cursor,
    )


async def _begin(
    uow: UnitOfWork, principal: Principal, claim_id: uuid.UUID, action: str, if_match: str | None
) -> ClaimRow:
    """Lock the claim, check who asks, its version and its status."""
    claim = await get_claim(uow, principal, claim_id, for_update=True)
    authorize(principal, Operation.ANSWER_CLAIM, claim.debtor_organization_id)
    check_version(claim.version, if_match)
    sources, _ = CLAIM_ACTIONS[action]
    if claim.status not in sources:
        if action == PAY and claim.status == ClaimStatus.PAID:
            raise Conflict(
                "This claim has already been paid.",
                code="claim_already_paid",
                current_status=claim.status,
            )
        raise Conflict(
            f"'{action}' is not possible while the claim is {claim.status}.",
            code="invalid_claim_transition",
            current_status=claim.status,
            allowed_actions=allowed_actions(claim.status),
        )
    return claim


async def _finish(uow: UnitOfWork, principal: Principal, claim: ClaimRow, action: str) -> ClaimRow:
    now = now_utc()
    claim.status = CLAIM_ACTIONS[action][1].value
    claim.version += 1
    claim.updated_at = now
    case = await uow.session.get(CaseRow, claim.case_id)
    assert case is not None, "a claim's case is deleted with it"
    event = side_event_row(
        case,
        EVENT_TYPES[action],
        actor_sub=principal.sub,
        actor_organization_id=principal.organization_id,
        actor_role=Role.PAYER.value,
        occurred_at=now,
        data={"claim_id": str(claim.id), "claim_status": claim.status},
        audience=claim_audience(claim),
    )
    uow.session.add(event)
    await uow.session.flush()
    return claim


async def accept(
    uow: UnitOfWork, principal: Principal, claim_id: uuid.UUID, if_match: str | None
) -> ClaimRow:
    claim = await _begin(uow, principal, claim_id, ACCEPT, if_match)
    return await _finish(uow, principal, claim, ACCEPT)


async def contest(
    uow: UnitOfWork, principal: Principal, claim_id: uuid.UUID, reason: str, if_match: str | None
) -> ClaimRow:
    claim = await _begin(uow, principal, claim_id, CONTEST, if_match)
    claim.contest_reason = reason
    return await _finish(uow, principal, claim, CONTEST)


async def pay(
    uow: UnitOfWork,
    principal: Principal,
    claim_id: uuid.UUID,
    *,
    amount: Money,
    paid_at: date,
    reference: str,
    if_match: str | None,
) -> ClaimRow:
    """Record the payer's one payment of an accepted claim: at most the claimed total."""
    claim = await _begin(uow, principal, claim_id, PAY, if_match)
    if amount.currency != claim.currency:
        raise InvalidRequest(
            f"The claim is in {claim.currency}; pay it in that currency.",
            code="currency_mismatch",
        )
    if amount.amount <= 0:
        raise InvalidRequest("A payment amount is positive.", code="invalid_amount")
    if amount.amount > claim.total_amount:
        raise InvalidRequest(
            "The payment is more than the claim's total.", code="payment_exceeds_claim"
        )
    claim.paid_amount = amount.amount
    claim.paid_at = paid_at
    claim.payment_reference = reference
    return await _finish(uow, principal, claim, PAY)
