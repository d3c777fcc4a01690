"""Case use cases: create, read, list, edit, and every lifecycle action.

Each function takes an open unit of work and the caller; it never commits
(the router commits once the answer, and any idempotency record, is ready).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import case as sql_case
from sqlalchemy import func, select

from app.access.authorization import authorize, may
from app.access.tokens import Principal
from app.cases import repository as case_repository
from app.cases.actions import CaseAction
from app.cases.visibility import visible_cases
from app.domain.case import Actor, Case, Coverage
from app.domain.errors import ActionForbidden
from app.domain.funding import Authorisation, FundingContext, FundingEvidence, Guarantee
from app.domain.money import Money
from app.domain.policies import Operation
from app.domain.vocabulary import (
    Action,
    AgreementKind,
    CaseStatus,
    ClaimKind,
    ClaimStatus,
    CoverageRoute,
    PaymentKind,
    Priority,
)
from app.models import (
    AgreementRow,
    CaseEventRow,
    CaseRow,
    ClaimRow,
    EstimateRow,
    LogisticsTaskRow,
    OrganizationRow,
    PatientRow,
    PaymentRow,
)
from app.platform.clock import now_utc
from app.platform.errors import InvalidRequest, NotFound
from app.platform.paging import SortKey, keyset_page
from app.platform.settings import Settings
from app.platform.unit_of_work import UnitOfWork
from app.platform.versioning import check_version
from app.registry import agreement_service, patient_service


def actor_of(principal: Principal) -> Actor:
    return Actor(
        sub=principal.sub, organization_id=principal.organization_id, roles=principal.roles
    )


@dataclass
class CaseDraft:
    """What a caller may set when creating or editing a case."""

    patient_id: uuid.UUID | None = None
    receiving_organization_id: uuid.UUID | None = None
    referring_organization_id: uuid.UUID | None = None
    specialty: str | None = None
    priority: Priority | None = None
    reason: str | None = None
    clinical_summary: str | None = None
    referring_practitioner: dict | None = None
    coverage: Coverage | None = None


async def _require_organization(
    uow: UnitOfWork, organization_id: uuid.UUID | None, what: str
) -> None:
    if organization_id is None:
        return
    if await uow.session.get(OrganizationRow, organization_id) is None:
        raise InvalidRequest(f"The {what} does not exist.", code="unknown_organization", field=what)


async def _check_references(uow: UnitOfWork, principal: Principal, draft: CaseDraft) -> None:
    await _require_organization(uow, draft.receiving_organization_id, "receiving_organization_id")
    await _require_organization(uow, draft.referring_organization_id, "referring_organization_id")
    if draft.coverage is not None:
        await _require_organization(
            uow, draft.coverage.payer_organization_id, "coverage.payer_organization_id"
        )
        agreement_id = draft.coverage.agreement_id
        if agreement_id is not None and await uow.session.get(AgreementRow, agreement_id) is None:
            raise InvalidRequest(
                "The agreement does not exist.",
                code="unknown_agreement",
                field="coverage.agreement_id",
            )
    if draft.patient_id is not None:
        patient = await patient_service.find_visible(uow, principal, draft.patient_id)
        if patient is None:
            raise InvalidRequest(
                "No patient with this id is visible to you.",
                code="unknown_patient",
                field="patient_id",
            )


async def create_case(
    uow: UnitOfWork, principal: Principal, draft: CaseDraft, settings: Settings
) -> CaseRow:
    now = now_utc()
    if not may(principal, Operation.CREATE_CASE):
        # Before any reference is looked up: a role that may not create learns nothing.
        raise ActionForbidden("create", None, principal.roles)
    referring = draft.referring_organization_id or principal.organization_id
    if referring is None:
        raise InvalidRequest(
            "A referring organisation is needed.", code="referring_organization_required"
        )
    draft.referring_organization_id = referring
    await _check_references(uow, principal, draft)
    case = Case.create(
        id=uuid.uuid4(),
        reference=await case_repository.next_reference(uow.session, settings.reference_prefix, now),
        referring_organization_id=referring,
        actor=actor_of(principal),
        now=now,
        priority=draft.priority or Priority.ROUTINE,
        patient_id=draft.patient_id,
        receiving_organization_id=draft.receiving_organization_id,
        specialty=draft.specialty,
        reason=draft.reason,
        clinical_summary=draft.clinical_summary,
        coverage=draft.coverage,
    )
    row = case_repository.new_row(case, now)
    row.referring_practitioner = draft.referring_practitioner
    uow.session.add(row)
    await uow.session.flush()
    uow.session.add_all(case_repository.event_rows(case, case.collect_events()))
    await uow.session.flush()
    return row


async def get_case(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> CaseRow:
    row = await case_repository.get_visible(uow.session, case_id, principal.organization_id)
    if row is None:
        raise NotFound("case")
    return row


async def get_whole_case(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID):
    """The case with every child table and its logistics tasks, read-only, in one statement
    (GET /v1/cases/{id})."""
    found = await case_repository.get_whole_visible(uow.session, case_id, principal.organization_id)
    if found is None:
        raise NotFound("case")
    return found


async def case_for_receiving_coordinator(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, *, lock: bool = False
) -> CaseRow:
    """A case whose checklist and money only the receiving hospital's coordinators handle."""
    row = await get_case(uow, principal, case_id)
    authorize(principal, Operation.HANDLE_CASE_LOGISTICS_AND_MONEY, row.receiving_organization_id)
    if lock:
        # Serialises money writes on a case with its actions.
        await uow.session.refresh(row, with_for_update=True)
    return row


async def edit_case(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    changes: CaseDraft,
    fields: set[str],
    if_match: str,
) -> CaseRow:
    row = await _load_for_update(uow, principal, case_id, if_match)
    await _check_references(uow, principal, changes)
    case = case_repository.to_domain(row)
    values = {name: getattr(changes, name) for name in fields}
    case.edit(actor=actor_of(principal), now=now_utc(), changes=values)
    if "referring_practitioner" in fields:
        row.referring_practitioner = changes.referring_practitioner
    return await _save(uow, case, row)


async def _load_for_update(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, if_match: str | None
) -> CaseRow:
    row = await case_repository.get_visible(
        uow.session, case_id, principal.organization_id, for_update=True
    )
    if row is None:
        raise NotFound("case")
    check_version(row.version, if_match)
    return row


async def _save(uow: UnitOfWork, case: Case, row: CaseRow) -> CaseRow:
    now = now_utc()
    case_repository.write_back(case, row, now)
    uow.session.add_all(case_repository.event_rows(case, case.collect_events()))
    await uow.session.flush()
    return row


async def perform_action(
    uow: UnitOfWork,
    principal: Principal,
    settings: Settings,
    case_id: uuid.UUID,
    entry: CaseAction,
    fields: dict,
    if_match: str | None,
) -> CaseRow:
    """Load the case under a row lock, let the aggregate act, persist state and events."""
    action = entry.action
    row = await _load_for_update(uow, principal, case_id, if_match)
    case = case_repository.to_domain(row)
    now = now_utc()
    arguments = dict(fields)
    if action == Action.SCHEDULE_TELECONSULTATION:
        arguments["teleconsultation_id"] = uuid.uuid4()
    elif action == Action.APPROVE_FUNDING:
        arguments = {
            "evidence": FundingEvidence(
                authorisation=authorisation_of(fields.get("authorisation")),
                guarantee=guarantee_of(fields.get("guarantee")),
                note=fields.get("note"),
            ),
            "context": await funding_context(uow, case, settings, now.date()),
        }
    elif action == Action.CLOSE:
        await load_final_claim(uow, case)
    entry.method(case, actor=actor_of(principal), now=now, **arguments)
    return await _save(uow, case, row)


# -- what some guards need loaded -----------------------------------------------------------


async def load_final_claim(uow: UnitOfWork, case: Case) -> None:
    found = await uow.session.execute(
        select(ClaimRow.id)
        .where(
            ClaimRow.case_id == case.id,
            ClaimRow.kind == ClaimKind.FINAL.value,
            ClaimRow.status != ClaimStatus.REPLACED.value,
        )
        .limit(1)
    )
    case.has_final_claim = found.scalar_one_or_none() is not None


async def funding_context(uow: UnitOfWork, case: Case, settings: Settings, today) -> FundingContext:
    session = uow.session
    estimate = (
        await session.execute(
            select(EstimateRow)
            .where(EstimateRow.case_id == case.id)
            .order_by(EstimateRow.number.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    latest_total = Money(estimate.total_amount, estimate.currency) if estimate else None

    received = None
    if latest_total is not None:
        signed = sql_case(
            (PaymentRow.kind == PaymentKind.REFUND.value, -PaymentRow.amount),
            else_=PaymentRow.amount,
        )
        total = (
            await session.execute(
                select(func.coalesce(func.sum(signed), 0)).where(
                    PaymentRow.case_id == case.id,
                    PaymentRow.currency == latest_total.currency,
                )
            )
        ).scalar_one()
        received = Money(Decimal(total), latest_total.currency)

    zoast = None
    ratio = settings.default_deposit_ratio
    agreement = None
    if case.coverage.agreement_id is not None:
        agreement_row = await session.get(AgreementRow, case.coverage.agreement_id)
        agreement = agreement_service.to_domain(agreement_row) if agreement_row else None
        if agreement is not None and agreement.deposit_ratio is not None:
            ratio = agreement.deposit_ratio
    if case.coverage.route == CoverageRoute.ZOAST and case.patient_id is not None:
        patient = await session.get(PatientRow, case.patient_id)
        residence = patient.residence or {}
        candidates = await agreement_service.applicable(
            uow,
            residence_country=residence.get("country"),
            postal_code=residence.get("postal_code"),
            receiving_organization_id=case.receiving_organization_id,
            specialty=case.specialty,
            on=today,
        )
        zoast = next((a for a in candidates if a.kind == AgreementKind.ZOAST), None)
    return FundingContext(
        zoast_agreement=zoast,
        latest_estimate_total=latest_total,
        payments_received=received,
        deposit_ratio=ratio,
        priority=case.priority,
    )


# -- lists ----------------------------------------------------------------------------------


@dataclass
class CaseFilters:
    status: CaseStatus | None = None
    receiving_organization_id: uuid.UUID | None = None
    referring_organization_id: uuid.UUID | None = None
    patient_id: uuid.UUID | None = None
    updated_since: datetime | None = None


async def list_cases(
    uow: UnitOfWork, principal: Principal, filters: CaseFilters, limit: int, cursor: str | None
) -> tuple[list[CaseRow], str | None]:
    # Integrators syncing "what changed" page by update time; everyone else by creation.
    by_update = filters.updated_since is not None
    sort = CaseRow.updated_at if by_update else CaseRow.created_at
    kind = "cases-updated" if by_update else "cases-created"
    query = visible_cases(principal.organization_id)
    if filters.status is not None:
        query = query.where(CaseRow.status == filters.status.value)
    if filters.receiving_organization_id is not None:
        query = query.where(CaseRow.receiving_organization_id == filters.receiving_organization_id)
    if filters.referring_organization_id is not None:
        query = query.where(CaseRow.referring_organization_id == filters.referring_organization_id)
    if filters.patient_id is not None:
        query = query.where(CaseRow.patient_id == filters.patient_id)
    if filters.updated_since is not None:
        query = query.where(CaseRow.updated_at >= filters.updated_since)
    return await keyset_page(
        uow,
        query,
        kind=kind,
        order=[SortKey(sort), SortKey(CaseRow.id)],
        limit=limit,
        cursor=cursor,
    )


async def timeline(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[CaseEventRow], str | None]:
    await get_case(uow, principal, case_id)
    # Some events have a narrower audience than the case (a claim: creditor and debtor).
    query = select(CaseEventRow).where(
        CaseEventRow.case_id == case_id,
        CaseEventRow.visible_to.contains([principal.organization_id]),
    )
    return await keyset_page(
        uow, query, kind="timeline", order=[SortKey(CaseEventRow.seq)], limit=limit, cursor=cursor
    )


async def logistics_tasks_of(
    uow: UnitOfWork, case_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[LogisticsTaskRow]]:
    if not case_ids:
        return {}
    rows = (
        await uow.session.execute(
            select(LogisticsTaskRow)
            .where(LogisticsTaskRow.case_id.in_(case_ids))
            .order_by(LogisticsTaskRow.created_at, LogisticsTaskRow.id)
        )
    ).scalars()
    grouped: dict[uuid.UUID, list[LogisticsTaskRow]] = {case_id: [] for case_id in case_ids}
    for task in rows:
        grouped[task.case_id].append(task)
    return grouped


def authorisation_of(value: dict | None) -> Authorisation | None:
    if value is None:
        return None
    return Authorisation(
        reference=value["reference"],
        valid_from=value["valid_from"],
        valid_until=value["valid_until"],
    )


def guarantee_of(value: dict | None) -> Guarantee | None:
    if value is None:
        return None
    amount = value["amount"]
    return Guarantee(
        reference=value["reference"], amount=Money.parse(amount["amount"], amount["currency"])
    )


def is_payer_view(row: CaseRow, principal: Principal) -> bool:
    """A payer that is not also a care party sees no clinical text."""
    org = principal.organization_id
    return (
        org is not None
        and org == row.payer_organization_id
        and org
        not in (
            row.referring_organization_id,
            row.receiving_organization_id,
        )
    )
