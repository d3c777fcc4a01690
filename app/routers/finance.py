"""Money: on a case (estimates, payments, submitting a claim), the payer's side of a claim
(list, read, accept, contest, pay) and the billing export payers' systems import."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response
from fastapi.responses import StreamingResponse

from app.domain.claims import ContestedLine
from app.domain.exchange import ExchangeRate as DomainExchangeRate
from app.domain.vocabulary import ClaimPaymentKind, ClaimStatus
from app.finance import billing_export as billing_service
from app.finance import claim_service, presenters
from app.finance import service as finance_service
from app.finance.billing_export import ExportFormat, ExportRows
from app.finance.claim_schemas import (
    ClaimAcceptRequest,
    ClaimContestRequest,
    ClaimPayRequest,
    HomeDecisionRequest,
    HomeSubmissionRequest,
)
from app.finance.schemas import (
    Balance,
    Claim,
    ClaimCreate,
    Estimate,
    EstimateCreate,
    Payment,
    PaymentCreate,
)
from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    IfMatchDep,
    LimitDep,
    PrincipalDep,
    ReadUowDep,
    UowDep,
)
from app.platform.problems import problem_responses
from app.platform.schemas import Page, QueryDate
from app.platform.versioning import etag

# -- finance -----------------------------------------------------------------------------

claims = APIRouter(route_class=AnsweredRoute, prefix="/v1/claims", tags=["claims"])


async def _claim_body(uow, row) -> dict:
    payments = await claim_service.payments_of(uow, [row.id])
    return presenters.claim(row, payments[row.id])


ACTION_RESPONSES = problem_responses(400, 401, 403, 404, 409, 412, 422)


@claims.get("", response_model=Page[Claim], responses=problem_responses(401, 422), name="list")
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

    filters = claim_service.ClaimFilters(payer_organization_id, status, case_id)
    rows, next_cursor = await claim_service.list_claims(uow, principal, filters, limit, cursor)
    payments = await claim_service.payments_of(uow, [row.id for row in rows])
    items = [presenters.claim(row, payments[row.id]) for row in rows]
    return {"items": items, "next_cursor": next_cursor}


@claims.get(
    "/{claim_id}", response_model=Claim, responses=problem_responses(401, 404, 422), name="get"
)
async def get_claim(claim_id: uuid.UUID, response: Response, principal: PrincipalDep, uow: UowDep):
    """One claim; the ETag is its version, for If-Match on the payer's answers."""

    row = await claim_service.get_claim(uow, principal, claim_id)
    response.headers["ETag"] = etag(row.version)
    return await _claim_body(uow, row)


@claims.post("/{claim_id}/accept", response_model=Claim, responses=ACTION_RESPONSES, name="accept")
async def accept_claim(
    claim_id: uuid.UUID,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    body: Annotated[ClaimAcceptRequest | None, Body()] = None,
    if_match: IfMatchDep = None,
    idempotency: IdempotencyDep = None,
):
    """The payer accepts a submitted claim (`claim.accepted`)."""

    row = await claim_service.accept(uow, principal, claim_id, if_match)
    response.headers["ETag"] = etag(row.version)
    return await _claim_body(uow, row)


@claims.post(
    "/{claim_id}/contest", response_model=Claim, responses=ACTION_RESPONSES, name="contest"
)
async def contest_claim(
    claim_id: uuid.UUID,
    body: ClaimContestRequest,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: IfMatchDep = None,
    idempotency: IdempotencyDep = None,
):
    """The payer contests a submitted claim with a reason (`claim.contested`); the creditor
    answers with a new claim that replaces it."""

    lines = [ContestedLine(item.line, item.reason) for item in body.lines]
    row = await claim_service.contest(uow, principal, claim_id, body.reason, if_match, lines)
    response.headers["ETag"] = etag(row.version)
    return await _claim_body(uow, row)


@claims.post("/{claim_id}/pay", response_model=Claim, responses=ACTION_RESPONSES, name="pay")
async def pay_claim(
    claim_id: uuid.UUID,
    body: ClaimPayRequest,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: IfMatchDep = None,
    idempotency: IdempotencyDep = None,
):
    """Record one payment of a claim (`claim.paid`): a down payment before acceptance
    (EESSI S089/S090) or an instalment (S091/S092). The claim is `partially_paid` until the
    payments reach its total, then `paid`; never more than the total. The debtor's payers
    pay a claim; the hospital's coordinators record a patient's payments of an invoice.
    Send an Idempotency-Key so a retried payment is not recorded twice."""

    row = await claim_service.pay(
        uow,
        principal,
        claim_id,
        amount=body.amount.to_domain(),
        paid_at=body.paid_at,
        reference=body.reference,
        if_match=if_match,
        kind=ClaimPaymentKind(body.kind),
    )
    response.headers["ETag"] = etag(row.version)
    return await _claim_body(uow, row)


@claims.post(
    "/{claim_id}/home-submission",
    response_model=Claim,
    responses=ACTION_RESPONSES,
    name="submit_at_home",
)
async def submit_at_home(
    claim_id: uuid.UUID,
    body: HomeSubmissionRequest,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: IfMatchDep = None,
    idempotency: IdempotencyDep = None,
):
    """The patient submitted their invoice to the insurer of the state of affiliation
    (Directive 2011/24 Art. 7(4)): when, to whom, under which reference. Recorded by the
    hospital's office on the patient's behalf, once per invoice (409
    `home_reimbursement_already_submitted`); only on a patient's invoice under
    `eu_directive` (409 `home_reimbursement_not_applicable`). Appends
    `claim.home_reimbursement_submitted` (the step only)."""

    row = await claim_service.submit_at_home(
        uow,
        principal,
        claim_id,
        submitted_on=body.submitted_on,
        reference=body.reference,
        insurer_organization_id=body.insurer_organization_id,
        insurer_name=body.insurer_name,
        if_match=if_match,
    )
    response.headers["ETag"] = etag(row.version)
    return await _claim_body(uow, row)


@claims.post(
    "/{claim_id}/home-reimbursement",
    response_model=Claim,
    responses=ACTION_RESPONSES,
    name="record_home_reimbursement",
)
async def record_home_reimbursement(
    claim_id: uuid.UUID,
    body: HomeDecisionRequest,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: IfMatchDep = None,
    idempotency: IdempotencyDep = None,
):
    """The home insurer's answer to the submitted invoice: an amount reimbursed (the whole
    invoice: `reimbursed`; less: `partially_reimbursed`; never more, 422
    `reimbursement_exceeds_invoice`) or a refusal with its reason (`refused`). 409
    `home_reimbursement_not_submitted` before the submission. Appends
    `claim.home_reimbursement_decided` (the outcome only)."""

    row = await claim_service.record_home_decision(
        uow,
        principal,
        claim_id,
        decided_on=body.decided_on,
        amount=body.amount.to_domain() if body.amount else None,
        refusal_reason=body.refusal_reason,
        if_match=if_match,
    )
    response.headers["ETag"] = etag(row.version)
    return await _claim_body(uow, row)


# -- money attached to a case: /v1/cases/{case_id}/... under the `cases` tag ------------------

case_money = APIRouter(route_class=AnsweredRoute, prefix="/v1/cases", tags=["cases"])


def _lines(lines) -> list[finance_service.Line]:
    return [
        finance_service.Line(
            line.description,
            line.amount.to_domain(),
            code_system=line.code_system,
            code=line.code,
            quantity=Decimal(line.quantity) if line.quantity is not None else None,
            unit_price=line.unit_price.to_domain() if line.unit_price else None,
        )
        for line in lines
    ]


@case_money.post(
    "/{case_id}/estimates",
    status_code=201,
    response_model=Estimate,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="issue_estimate",
)
async def issue_estimate(
    case_id: uuid.UUID,
    body: EstimateCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Issue a quote; the newest one is the one funding rules read."""

    total = body.total.to_domain() if body.total else None
    row = await finance_service.issue_estimate(
        uow, principal, case_id, total, _lines(body.lines), body.valid_until
    )
    created(response, uow, "estimate", row.id, f"/v1/cases/{case_id}/estimates/{row.id}")
    return presenters.estimate(row)


@case_money.post(
    "/{case_id}/payments",
    status_code=201,
    response_model=Payment,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="record_payment",
)
async def record_payment(
    case_id: uuid.UUID,
    body: PaymentCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Record money received (deposit, balance) or returned (refund)."""

    values = body.model_dump(exclude={"amount", "counted_in", "exchange_rate"})
    rate = body.exchange_rate
    row = await finance_service.record_payment(
        uow,
        principal,
        case_id,
        values,
        body.amount.to_domain(),
        counted_in=body.counted_in,
        rate=(
            DomainExchangeRate(rate.base, rate.quote, Decimal(rate.rate), rate.source)
            if rate
            else None
        ),
    )
    created(response, uow, "payment", row.id, f"/v1/cases/{case_id}/payments/{row.id}")
    return presenters.payment(row)


@case_money.post(
    "/{case_id}/claims",
    status_code=201,
    response_model=Claim,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="submit_claim",
)
async def submit_claim(
    case_id: uuid.UUID,
    body: ClaimCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Submit an interim or final claim (a final one allows `close`). Its debtor follows the
    route: the case's payer; the institution of the place of stay (a `liaison_body`) under
    S2 and the EHIC; the patient under self-pay and Directive 2011/24, or for the patient
    share (`debtor: patient`). A final claim deducts the advances received (its
    `advances_received` and `net_amount_due`)."""

    row = await finance_service.submit_claim(
        uow,
        principal,
        case_id,
        number=body.number,
        kind=body.kind,
        total=body.total.to_domain() if body.total else None,
        lines=_lines(body.lines),
        debtor_organization_id=body.debtor_organization_id,
        replaces_claim_id=body.replaces_claim_id,
        debtor=body.debtor,
        care_from=body.care_from,
        care_until=body.care_until,
    )
    created(response, uow, "claim", row.id, f"/v1/claims/{row.id}")
    return await _claim_body(uow, row)


@case_money.get(
    "/{case_id}/estimates",
    response_model=list[Estimate],
    responses=problem_responses(401, 404, 422),
    name="list_estimates",
    summary="List a case's estimates",
)
async def list_estimates(case_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """Every quote of the case, oldest first (the highest `number` is the one funding reads),
    for each party of the case, the payer approving against it included."""

    rows = await finance_service.list_estimates(uow, principal, case_id)
    return [presenters.estimate(row) for row in rows]


@case_money.get(
    "/{case_id}/estimates/{estimate_id}",
    response_model=Estimate,
    responses=problem_responses(401, 404, 422),
    name="get_estimate",
    summary="Read one estimate",
)
async def get_estimate(
    case_id: uuid.UUID, estimate_id: uuid.UUID, principal: PrincipalDep, uow: UowDep
):
    """One quote of the case, with its lines (the `Location` of a new estimate)."""

    return presenters.estimate(
        await finance_service.get_estimate(uow, principal, case_id, estimate_id)
    )


@case_money.get(
    "/{case_id}/payments",
    response_model=list[Payment],
    responses=problem_responses(401, 404, 422),
    name="list_payments",
    summary="List a case's payments",
)
async def list_payments(case_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """Deposits, balances and refunds recorded on the case, in the order received, each
    with what it counts for in another currency and at which rate."""

    rows = await finance_service.list_payments(uow, principal, case_id)
    return [presenters.payment(row) for row in rows]


@case_money.get(
    "/{case_id}/payments/{payment_id}",
    response_model=Payment,
    responses=problem_responses(401, 404, 422),
    name="get_payment",
    summary="Read one payment",
)
async def get_payment(
    case_id: uuid.UUID, payment_id: uuid.UUID, principal: PrincipalDep, uow: UowDep
):
    """One payment of the case (the `Location` of a recorded payment)."""

    return presenters.payment(
        await finance_service.get_payment(uow, principal, case_id, payment_id)
    )


@case_money.get(
    "/{case_id}/balance",
    response_model=Balance,
    responses=problem_responses(401, 404, 422),
    name="balance",
    summary="A case's money per currency",
)
async def case_balance(case_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """Per currency: quoted (latest estimate), guaranteed, deposited, received, refunded,
    claimed, paid and outstanding, and the unused deposit to refund once the final claim
    or invoice is settled. Payments in another currency count at their recorded rate."""

    return await finance_service.case_balance(uow, principal, case_id)


# -- billing -----------------------------------------------------------------------------

billing = APIRouter(route_class=AnsweredRoute, prefix="/v1/billing", tags=["billing"])

EXPORT_DESCRIPTION = (
    "Claims your organisation owes (payers) or sent (coordinators), oldest first, with the "
    "case reference, the payer's member number, admission and discharge dates (UTC), days, "
    "amounts and currency. Streamed: any size, flat memory.\n\nColumns: "
    + ", ".join(f"`{column}`" for column in billing_service.COLUMNS)
    + ".\n\nWith `rows=lines`, one row per claim line (a mutuality's file), the claim's "
    "columns but `claim_lines` repeated, then: "
    + ", ".join(f"`{column}`" for column in billing_service.LINE_COLUMNS)
    + "."
)


@billing.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The claims, one per line (CSV with a header row, or JSON Lines).",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        },
        **problem_responses(401, 403, 422),
    },
    name="export",
    description=EXPORT_DESCRIPTION,
)
async def export(
    principal: PrincipalDep,
    uow: ReadUowDep,
    payer_organization_id: Annotated[
        uuid.UUID | None, Query(description="Only claims addressed to this payer.")
    ] = None,
    since: Annotated[
        QueryDate | None,
        Query(
            alias="from",
            description="Claims submitted on or after this day, as `submitted_on` shows it "
            "(the creditor's local day).",
        ),
    ] = None,
    until: Annotated[
        QueryDate | None,
        Query(
            alias="to", description="Claims submitted on or before this day (as `submitted_on`)."
        ),
    ] = None,
    export_format: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.CSV,
    rows: Annotated[
        ExportRows, Query(description="`claims`: one row per claim; `lines`: one per line.")
    ] = ExportRows.CLAIMS,
):
    """Export claims for a billing system (CSV or JSON Lines)."""
    filters = billing_service.ExportFilters(payer_organization_id, since, until, rows)
    billing_service.check_export(principal, filters)
    # Its audit row is committed by the pipeline before the first byte; the body is read
    # afterwards, in a transaction of its own (billing_export.export_chunks).
    extension = export_format.value
    return StreamingResponse(
        billing_service.export_chunks(uow, principal, filters, export_format),
        media_type=billing_service.MEDIA_TYPES[export_format],
        headers={"Content-Disposition": f'attachment; filename="corridor-claims.{extension}"'},
    )
