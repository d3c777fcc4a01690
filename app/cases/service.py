"""Case use cases: create, read, list, edit, and every lifecycle action.

Each function takes an open unit of work and the caller; it never commits
(the router commits once the answer, and any idempotency record, is ready).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from app.access.authorization import authorize, may
from app.access.tokens import Principal
from app.cases import repository as case_repository
from app.cases.actions import CaseAction
from app.cases.repository import CaseRepository
from app.domain.agreements import deposit_ratio_for
from app.domain.case import Actor, Case, Coverage
from app.domain.errors import ActionForbidden
from app.domain.funding import Authorisation, FundingContext, FundingEvidence, Guarantee
from app.domain.money import Money
from app.domain.policies import Operation
from app.domain.vocabulary import (
    Action,
    AgreementKind,
    CaseStatus,
    CoverageRoute,
    OrganizationKind,
    Priority,
)
from app.models import (
    CaseEventRow,
    CaseRow,
    LogisticsTaskRow,
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


# Which kinds of organisation a case may name in each place: a payer organisation as
# the receiving hospital would read the clinical summary and could accept the patient.
RECEIVING_KINDS = frozenset({OrganizationKind.RECEIVING_FACILITY})
PAYER_KINDS = frozenset({OrganizationKind.PAYER, OrganizationKind.LIAISON_BODY})


async def _require_organization(
    uow: UnitOfWork,
    organization_id: uuid.UUID | None,
    what: str,
    kinds: frozenset[OrganizationKind] | None = None,
) -> None:
    if organization_id is None:
        return
    row = await uow.repository(CaseRepository).organization(organization_id)
    if row is None:
        raise InvalidRequest(f"The {what} does not exist.", code="unknown_organization", field=what)
    if kinds is not None and row.kind not in kinds:
        raise InvalidRequest(
            f"The {what} must be a {' or '.join(sorted(kinds))} organisation.",
            code="wrong_organization_kind",
            field=what,
        )


async def _check_references(
    uow: UnitOfWork, principal: Principal, draft: CaseDraft, current: CaseRow | None = None
) -> None:
    """Every id a case names exists, is of the right kind and belongs together: the
    referrer is the caller's own organisation, the agreement binds the case's receiver
    and payer. On an edit, `current` gives the values the draft leaves as they are."""
    if (
        draft.referring_organization_id is not None
        and draft.referring_organization_id != principal.organization_id
    ):
        raise InvalidRequest(
            "A case is referred by your own organisation.",
            code="referring_organization_not_yours",
            field="referring_organization_id",
        )
    await _require_organization(
        uow, draft.receiving_organization_id, "receiving_organization_id", RECEIVING_KINDS
    )
    coverage = draft.coverage
    if coverage is not None:
        await _require_organization(
            uow, coverage.payer_organization_id, "coverage.payer_organization_id", PAYER_KINDS
        )
    receiving = draft.receiving_organization_id or (
        current.receiving_organization_id if current is not None else None
    )
    payer, agreement_id = (
        (coverage.payer_organization_id, coverage.agreement_id)
        if coverage is not None
        else (
            (current.payer_organization_id, current.agreement_id)
            if current is not None
            else (None, None)
        )
    )
    touches_parties = coverage is not None or draft.receiving_organization_id is not None
    if agreement_id is not None and touches_parties:
        agreement = await uow.repository(CaseRepository).agreement(agreement_id)
        if agreement is None:
            raise InvalidRequest(
                "The agreement does not exist.",
                code="unknown_agreement",
                field="coverage.agreement_id",
            )
        # An agreement that lists receivers or payers covers those only; one about other
        # parties would drive this case's funding rules (its deposit ratio) for nothing.
        unrelated = (
            receiving is not None
            and agreement.receiving_organization_ids
            and receiving not in agreement.receiving_organization_ids
        ) or (
            payer is not None
            and agreement.payer_organization_ids
            and payer not in agreement.payer_organization_ids
        )
        if unrelated:
            raise InvalidRequest(
                "The agreement does not cover this case's receiving organisation and payer.",
                code="agreement_not_applicable",
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
) -> CaseView:
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
    cases = uow.repository(CaseRepository)
    case = Case.create(
        id=uuid.uuid4(),
        reference=await cases.next_reference(settings.reference_prefix, now),
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
    await cases.add(row, case)
    return await _view(uow, principal, row, case)


async def get_case(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> CaseRow:
    row = await uow.repository(CaseRepository).get_visible(case_id, principal.organization_id)
    if row is None:
        raise NotFound("case")
    return row


@dataclass(frozen=True)
class CaseView:
    """A case as one caller may see it: everything its presenter renders, so that the
    presenter never goes back to the store or the aggregate."""

    row: CaseRow
    tasks: list[LogisticsTaskRow]
    allowed_actions: list[str]
    payer_view: bool  # a payer that is not a care party: no clinical text
    authorisation: Authorisation | None


async def _view(uow: UnitOfWork, principal: Principal, row: CaseRow, case: Case) -> CaseView:
    tasks = await logistics_tasks_of(uow, [row.id])
    return _view_of(principal, row, case, tasks[row.id])


def _view_of(
    principal: Principal, row: CaseRow, case: Case, tasks: list[LogisticsTaskRow]
) -> CaseView:
    return CaseView(
        row=row,
        tasks=tasks,
        allowed_actions=case.allowed_actions(actor_of(principal)),
        payer_view=is_payer_view(row, principal),
        authorisation=case.coverage.authorisation,
    )


async def read_case(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> CaseView:
    """GET /v1/cases/{id}: the case, every child table and its tasks in one statement,
    read-only (plain rows shaped like CaseRow; see CaseRepository.whole_visible)."""
    found = await uow.repository(CaseRepository).whole_visible(case_id, principal.organization_id)
    if found is None:
        raise NotFound("case")
    row, tasks = found
    return _view_of(principal, row, case_repository.to_domain(row), tasks)


async def views_of(uow: UnitOfWork, principal: Principal, rows: list[CaseRow]) -> list[CaseView]:
    """The views of a page of cases, their checklists loaded in one query."""
    tasks = await logistics_tasks_of(uow, [row.id for row in rows])
    return [_view_of(principal, row, case_repository.to_domain(row), tasks[row.id]) for row in rows]


async def case_for_receiving_coordinator(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, *, lock: bool = False
) -> CaseRow:
    """A case whose checklist and money only the receiving hospital's coordinators handle."""
    row = await get_case(uow, principal, case_id)
    authorize(principal, Operation.HANDLE_CASE_LOGISTICS_AND_MONEY, row.receiving_organization_id)
    if lock:
        # Serialises money writes on a case with its actions.
        await uow.repository(CaseRepository).lock(row)
    return row


async def edit_case(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    changes: CaseDraft,
    fields: set[str],
    if_match: str,
) -> CaseView:
    row = await _load_for_update(uow, principal, case_id, if_match)
    await _check_references(uow, principal, changes, current=row)
    case = case_repository.to_domain(row)
    values = {name: getattr(changes, name) for name in fields}
    case.edit(actor=actor_of(principal), now=now_utc(), changes=values)
    if "referring_practitioner" in fields:
        row.referring_practitioner = changes.referring_practitioner
    await _save(uow, case, row)
    return await _view(uow, principal, row, case)


async def _load_for_update(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, if_match: str | None
) -> CaseRow:
    row = await uow.repository(CaseRepository).get_visible(
        case_id, principal.organization_id, for_update=True
    )
    if row is None:
        raise NotFound("case")
    check_version(row.version, if_match)
    return row


async def _save(uow: UnitOfWork, case: Case, row: CaseRow) -> CaseRow:
    await uow.repository(CaseRepository).save(case, row, now_utc())
    return row


async def perform_action(
    uow: UnitOfWork,
    principal: Principal,
    settings: Settings,
    case_id: uuid.UUID,
    entry: CaseAction,
    fields: dict,
    if_match: str | None,
) -> CaseView:
    """Load the case under a row lock, let the aggregate act, persist state and events;
    the caller's view comes from the same aggregate (no second trip to the store)."""
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
    await _save(uow, case, row)
    return await _view(uow, principal, row, case)


# -- what some guards need loaded -----------------------------------------------------------


async def load_final_claim(uow: UnitOfWork, case: Case) -> None:
    case.has_final_claim = await uow.repository(CaseRepository).has_final_claim(case.id)


async def funding_context(uow: UnitOfWork, case: Case, settings: Settings, today) -> FundingContext:
    cases = uow.repository(CaseRepository)
    latest_total = await cases.latest_estimate_total(case.id)
    received = None
    if latest_total is not None:
        received = await cases.payments_received(case.id, latest_total.currency)

    zoast = None
    agreement = None
    if case.coverage.agreement_id is not None:
        agreement_row = await cases.agreement(case.coverage.agreement_id)
        agreement = agreement_service.to_domain(agreement_row) if agreement_row else None
    ratio = deposit_ratio_for(agreement, settings.default_deposit_ratio)
    if case.coverage.route == CoverageRoute.ZOAST and case.patient_id is not None:
        patient = await cases.patient(case.patient_id)
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
    query = uow.repository(CaseRepository).listing(
        principal.organization_id,
        status=filters.status.value if filters.status is not None else None,
        receiving_organization_id=filters.receiving_organization_id,
        referring_organization_id=filters.referring_organization_id,
        patient_id=filters.patient_id,
        updated_since=filters.updated_since,
    )
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
    query = uow.repository(CaseRepository).timeline(case_id, principal.organization_id)
    return await keyset_page(
        uow, query, kind="timeline", order=[SortKey(CaseEventRow.seq)], limit=limit, cursor=cursor
    )


async def logistics_tasks_of(
    uow: UnitOfWork, case_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[LogisticsTaskRow]]:
    return await uow.repository(CaseRepository).tasks_of(case_ids)


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
