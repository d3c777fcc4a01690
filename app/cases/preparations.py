"""What an action needs before the aggregate acts: each row of the action table
(app/cases/actions.py) names its preparation, which turns the request's fields into the
method's keyword arguments and loads what the guards read (the final claim, the
checklist, the funding context). An action without one passes its fields as they are.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from app.db import case_values
from app.db.repositories.cases import CaseRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.case import Actor, Case
from app.domain.errors import MoneyError
from app.domain.exchange import count_in, fixed_peg
from app.domain.funding import FundingContext, FundingEvidence, Guarantee
from app.domain.regimes import CoverageFacts, zone_agreement
from app.domain.vocabulary import (
    Action,
    AgreementKind,
    CoverageRoute,
    LogisticsTaskKind,
    LogisticsTaskStatus,
)
from app.platform.errors import Conflict, InvalidRequest
from app.platform.settings import Settings
from app.registry import regime_service


@dataclass(frozen=True)
class ActionContext:
    """An action about to be taken: the case locked and read, the request's fields."""

    uow: UnitOfWork
    action: Action
    case: Case
    actor: Actor
    fields: dict
    settings: Settings
    today: date  # at the receiving facility

    @property
    def cases(self) -> CaseRepository:
        return self.uow.repository(CaseRepository)


async def as_given(context: ActionContext) -> dict:
    return dict(context.fields)


async def submit(context: ActionContext) -> dict:
    """A submission names its route for good and enters the corridor: the route must apply
    and the corridor (or the receiving hospital's intake on it) must not be suspended."""
    if await _route_checked(context) is not None:
        agreement_id = context.case.coverage.agreement_id
        if agreement_id is not None and await context.cases.agreement_suspended(agreement_id):
            raise Conflict(
                "The case's agreement is suspended: the corridor takes no submission until "
                "it resumes.",
                code="agreement_suspended",
                agreement_id=str(agreement_id),
            )
        if agreement_id is not None and await context.cases.intake_paused(
            agreement_id, context.case.receiving_organization_id
        ):
            raise Conflict(
                "The receiving hospital paused its intake on the case's agreement: no "
                "submission to it until it resumes.",
                code="intake_paused",
                agreement_id=str(agreement_id),
            )
    return dict(context.fields)


async def booking(context: ActionContext) -> dict:
    """A teleconsultation or a follow-up: its id, and how to join it."""
    return {
        **context.fields,
        "teleconsultation_id": uuid.uuid4(),
        "virtual_service": case_values.VIRTUAL_SERVICE.of(context.fields.get("virtual_service")),
    }


async def request_information(context: ActionContext) -> dict:
    return {**context.fields, "request_id": uuid.uuid4()}


async def provide_information(context: ActionContext) -> dict:
    """An answer can only point at documents uploaded to this case (and not withdrawn)."""
    document_ids = context.fields.get("document_ids")
    if document_ids:
        wanted = list(dict.fromkeys(document_ids))
        found = await context.cases.documents_on_case(context.case.id, wanted)
        unknown = [str(d) for d in wanted if d not in found]
        if unknown:
            raise InvalidRequest(
                "These documents are not on this case.",
                code="document_not_on_case",
                document_ids=unknown,
            )
    return dict(context.fields)


async def record_attendance(context: ActionContext) -> dict:
    return {**context.fields, "attendance_id": uuid.uuid4()}


async def discharge(context: ActionContext) -> dict:
    return {**context.fields, "letter": case_values.LETTER_CONTENT.of(context.fields.get("letter"))}


async def approve_funding(context: ActionContext) -> dict:
    facts = await _route_checked(context) or CoverageFacts()
    fields = context.fields
    evidence = FundingEvidence(
        authorisation=case_values.AUTHORISATION.of(fields.get("authorisation")),
        guarantee=await _counted(context, case_values.GUARANTEE.of(fields.get("guarantee"))),
        note=fields.get("note"),
        planned_start=fields.get("planned_start"),
        planned_end=fields.get("planned_end"),
    )
    funding = await _funding_context(context, facts)
    # Funding may follow the care until the final claim.
    context.case.has_final_claim = await context.cases.has_final_claim(context.case.id)
    # Directive 2011/24 Art. 8: whether the home state requires a prior authorisation.
    await regime_service.load_prior_authorisation_need(context.uow, context.case)
    return {"evidence": evidence, "context": funding}


async def schedule_transfer(context: ActionContext) -> dict:
    """No transfer before the home state's prior authorisation where it requires one."""
    await regime_service.load_prior_authorisation_need(context.uow, context.case)
    return dict(context.fields)


async def extend_authorisation(context: ActionContext) -> dict:
    return {"authorisation": case_values.AUTHORISATION.of(context.fields.get("authorisation"))}


async def amend_guarantee(context: ActionContext) -> dict:
    guarantee = case_values.GUARANTEE.of(context.fields.get("guarantee"))
    return {"guarantee": await _counted(context, guarantee)}


async def close(context: ActionContext) -> dict:
    """Close reads the final claim and the checklist."""
    case = context.case
    case.has_final_claim = await context.cases.has_final_claim(case.id)
    case.checklist = [
        (LogisticsTaskKind(kind), LogisticsTaskStatus(status))
        for kind, status in await context.cases.checklist(case.id)
    ]
    return dict(context.fields)


# -- shared steps ---------------------------------------------------------------------------


async def _route_checked(context: ActionContext) -> CoverageFacts | None:
    """Every fact is known by now: a route that cannot apply is refused here at the latest.
    None when the caller may not take the action (the aggregate then refuses it)."""
    if context.action not in context.case.allowed_actions(context.actor):
        return None
    return await regime_service.check_route(context.uow, context.case, context.today, complete=True)


async def _funding_context(context: ActionContext, facts: CoverageFacts) -> FundingContext:
    case, cases = context.case, context.cases
    latest_total = await cases.latest_estimate_total(case.id)
    received = None
    if latest_total is not None:
        received = await cases.payments_received(case.id, latest_total.currency)
    route = case.coverage.route
    zoast = zone_agreement(facts, AgreementKind.ZOAST) if route == CoverageRoute.ZOAST else None
    return FundingContext(
        zoast_agreement=zoast,
        latest_estimate_total=latest_total,
        payments_received=received,
        deposit_ratio=context.settings.default_deposit_ratio,
        priority=case.priority,
        agreement=regime_service.agreement_for(route, facts),
        today=context.today,
    )


async def _counted(context: ActionContext, guarantee: Guarantee | None) -> Guarantee | None:
    """A letter of guarantee in another currency than the latest estimate counts at the
    recorded rate it brings (or a fixed parity); without one it is refused with
    `currency_mismatch` naming both currencies, never compared as if it were the same."""
    if guarantee is None:
        return None
    estimate = await context.cases.latest_estimate_total(context.case.id)
    if estimate is None or estimate.currency == guarantee.amount.currency:
        return guarantee
    try:
        counted = count_in(guarantee.amount, estimate.currency, guarantee.rate)
    except MoneyError as refused:
        raise InvalidRequest(
            f"The guarantee is in {guarantee.amount.currency} and the estimate in "
            f"{estimate.currency}: give guarantee.exchange_rate (the rate between "
            f"{guarantee.amount.currency} and {estimate.currency}, and its source).",
            code=refused.code,
            field="guarantee.exchange_rate",
            currencies=[guarantee.amount.currency, estimate.currency],
        ) from None
    rate = guarantee.rate or fixed_peg(guarantee.amount.currency, estimate.currency)
    return replace(guarantee, counted=counted, rate=rate)
