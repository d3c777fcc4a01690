"""Claims, the payer's side: list, read, accept, contest, pay."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request

from app.domain.vocabulary import ClaimStatus
from app.routers import presenters
from app.routers.answers import JSONAnswer, read, write
from app.routers.dependencies import (
    CursorDep,
    IdempotencyKeyDep,
    IfMatchDep,
    LimitDep,
    PrincipalDep,
    UowDep,
)
from app.routers.problems import problem_responses
from app.routers.schemas.claims import ClaimAcceptRequest, ClaimContestRequest, ClaimPayRequest
from app.routers.schemas.common import Page
from app.routers.schemas.finance import Claim
from app.services import claims as claim_service
from app.services.versioning import etag

router = APIRouter(prefix="/v1/claims", tags=["claims"])

ACTION_RESPONSES = problem_responses(400, 401, 403, 404, 409, 412, 422)


@router.get("", response_model=Page[Claim], responses=problem_responses(401, 422), name="list")
async def list_claims(
    principal: PrincipalDep,
    uow: UowDep,
    payer_organization_id: Annotated[
        uuid.UUID | None, Query(description="Only claims addressed to this payer.")
    ] = None,
    status: ClaimStatus | None = None,
    case_id: uuid.UUID | None = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Claims your organisation sent or received, oldest first."""

    async def produce():
        filters = claim_service.ClaimFilters(payer_organization_id, status, case_id)
        rows, next_cursor = await claim_service.list_claims(uow, principal, filters, limit, cursor)
        return {"items": [presenters.claim(row) for row in rows], "next_cursor": next_cursor}

    return await read(uow, produce)


@router.get(
    "/{claim_id}", response_model=Claim, responses=problem_responses(401, 404, 422), name="get"
)
async def get_claim(claim_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One claim; the ETag is its version, for If-Match on the payer's answers."""

    async def produce():
        row = await claim_service.get_claim(uow, principal, claim_id)
        return JSONAnswer(presenters.claim(row), headers={"ETag": etag(row.version)})

    return await read(uow, produce)


@router.post("/{claim_id}/accept", response_model=Claim, responses=ACTION_RESPONSES, name="accept")
async def accept_claim(
    claim_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    body: Annotated[ClaimAcceptRequest | None, Body()] = None,
    if_match: IfMatchDep = None,
    idempotency_key: IdempotencyKeyDep = None,
):
    """The payer accepts a submitted claim (`claim.accepted`)."""

    async def produce():
        row = await claim_service.accept(uow, principal, claim_id, if_match)
        return 200, presenters.claim(row), {"ETag": etag(row.version)}

    return await write(request, uow, principal, idempotency_key, produce)


@router.post(
    "/{claim_id}/contest", response_model=Claim, responses=ACTION_RESPONSES, name="contest"
)
async def contest_claim(
    claim_id: uuid.UUID,
    body: ClaimContestRequest,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: IfMatchDep = None,
    idempotency_key: IdempotencyKeyDep = None,
):
    """The payer contests a submitted claim with a reason (`claim.contested`); the creditor
    answers with a new claim that replaces it."""

    async def produce():
        row = await claim_service.contest(uow, principal, claim_id, body.reason, if_match)
        return 200, presenters.claim(row), {"ETag": etag(row.version)}

    return await write(request, uow, principal, idempotency_key, produce)


@router.post("/{claim_id}/pay", response_model=Claim, responses=ACTION_RESPONSES, name="pay")
async def pay_claim(
    claim_id: uuid.UUID,
    body: ClaimPayRequest,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: IfMatchDep = None,
    idempotency_key: IdempotencyKeyDep = None,
):
    """The payer records its payment of an accepted claim (`claim.paid`): once, and never
    more than the claim. Send an Idempotency-Key so a retried payment is not refused."""

    async def produce():
        row = await claim_service.pay(
            uow,
            principal,
            claim_id,
            amount=body.amount.to_domain(),
            paid_at=body.paid_at,
            reference=body.reference,
            if_match=if_match,
        )
        return 200, presenters.claim(row), {"ETag": etag(row.version)}

    return await write(request, uow, principal, idempotency_key, produce)
