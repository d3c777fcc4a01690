"""Case use cases: create, read, list, edit, and every lifecycle action.

Each function takes an open unit of work and the caller; it never commits
(the router commits once the answer, and any idempotency record, is ready).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from app.access.authorization import authorize, may
from app.cases.actions import CaseAction
from app.cases.preparations import ActionContext
from app.db import case_values
from app.db.case_store import CaseStore, StoredCase, to_domain
from app.db.keyset import SortKey, keyset_page
from app.db.models import (
    CaseEventRow,
    CaseRow,
    LogisticsTaskRow,
)
from app.db.repositories.cases import CaseFilters, CaseRepository, CaseSort
from app.db.unit_of_work import UnitOfWork
from app.domain.case import Actor, Case, Coverage
from app.domain.errors import ActionForbidden
from app.domain.funding import Authorisation, PriorAuthorisation
from app.domain.local_time import local_date
from app.domain.parties import CaseParties
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.transitions import entry_for
from app.domain.vocabulary import CareSetting, CaseOrigin, OrganizationKind, Priority
from app.platform.clock import now_utc
from app.platform.errors import InvalidRequest, NotFound
from app.platform.settings import Settings
from app.platform.versioning import check_version
from app.registry import patient_service, regime_service


def actor_of(principal: Principal) -> Actor:
    return Actor(
        sub=principal.sub, organization_id=principal.organization_id, roles=principal.roles
    )


# Case fields a route's conditions read: changing one checks the route again.
ROUTE_FACTS = {"coverage", "patient_id", "receiving_organization_id", "specialty"}


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
    care_setting: CareSetting | None = None
    assignee: str | None = None
    origin: CaseOrigin = CaseOrigin.REFERRAL
    presentation: Presentation | None = None


@dataclass
class Presentation:
    """An emergency presentation: when the patient came, and their admission if any."""

    presented_at: datetime | None = None
    admitted_at: datetime | None = None
    unit: str | None = None
    bed: str | None = None


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
        # An agreement the case was placed in (not named) is placed again after the edit.
        else (
            (
                current.payer_organization_id,
                None if current.agreement_inferred else current.agreement_id,
            )
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
    if draft.origin == CaseOrigin.EMERGENCY_PRESENTATION:
        return await _present(uow, principal, draft, settings, now)
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
        care_setting=draft.care_setting,
    )
    return await _insert(uow, principal, case, draft, now)


async def _present(
    uow: UnitOfWork, principal: Principal, draft: CaseDraft, settings: Settings, now: datetime
) -> CaseView:
    """Open the case of a patient already at the caller's hospital."""
    entry = entry_for(CaseOrigin.EMERGENCY_PRESENTATION)
    if principal.organization_id is None or not principal.roles & entry.roles:
        raise ActionForbidden("create", None, principal.roles)  # before any lookup
    receiving = draft.receiving_organization_id
    if receiving is not None and receiving != principal.organization_id:
        raise InvalidRequest(
            "An emergency presentation is opened by the hospital where the patient is.",
            code="presentation_elsewhere",
            field="receiving_organization_id",
        )
    draft.receiving_organization_id = principal.organization_id
    await _check_references(uow, principal, draft)
    presentation = draft.presentation or Presentation()
    cases = uow.repository(CaseRepository)
    case = Case.present(
        id=uuid.uuid4(),
        reference=await cases.next_reference(settings.reference_prefix, now),
        actor=actor_of(principal),
        now=now,
        presented_at=presentation.presented_at,
        patient_id=draft.patient_id,
        specialty=draft.specialty,
        coverage=draft.coverage,
        # Nobody referred a walk-in, unless the patient's own doctor or hospital is named.
        referring_organization_id=draft.referring_organization_id,
        priority=draft.priority or Priority.EMERGENCY,
        care_setting=draft.care_setting,
        reason=draft.reason,
        clinical_summary=draft.clinical_summary,
        admitted_at=presentation.admitted_at,
        unit=presentation.unit,
        bed=presentation.bed,
    )
    return await _insert(uow, principal, case, draft, now)


async def _insert(
    uow: UnitOfWork, principal: Principal, case: Case, draft: CaseDraft, now: datetime
) -> CaseView:
    case.assignee = draft.assignee
    time_zone = await facility_time_zone(uow, case.receiving_organization_id)
    await regime_service.check_route(uow, case, local_date(now, time_zone), complete=False)
    row = await uow.repository(CaseStore).add(
        case, now, referring_practitioner=draft.referring_practitioner
    )
    return _view_of(principal, row, case, [])  # a new case has no logistics task yet


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
    reader_organization_id: uuid.UUID | None = None  # whose own words it may read back


def _view_of(
    principal: Principal, row: CaseRow, case: Case, tasks: list[LogisticsTaskRow]
) -> CaseView:
    return CaseView(
        row=row,
        tasks=tasks,
        allowed_actions=case.allowed_actions(actor_of(principal)),
        payer_view=is_payer_view(row, principal),
        authorisation=case.coverage.authorisation,
        reader_organization_id=principal.organization_id,
    )


async def read_case(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> CaseView:
    """GET /v1/cases/{id}: the case, every child table and its tasks in one statement,
    read-only (see app/db/case_store.py)."""
    found = await uow.repository(CaseStore).read(case_id, principal.organization_id)
    if found is None:
        raise NotFound("case")
    return _view_of(principal, found.row, to_domain(found.row), found.tasks)


async def views_of(uow: UnitOfWork, principal: Principal, rows: list[CaseRow]) -> list[CaseView]:
    """The views of a page of cases, their checklists loaded in one query."""
    tasks = await logistics_tasks_of(uow, [row.id for row in rows])
    return [_view_of(principal, row, to_domain(row), tasks[row.id]) for row in rows]


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
    stored = await _lock(uow, principal, case_id, if_match)
    row = stored.row
    await _check_references(uow, principal, changes, current=row)
    case = to_domain(row)
    values = {name: getattr(changes, name) for name in fields}
    now = now_utc()
    case.edit(actor=actor_of(principal), now=now, changes=values)
    if fields & ROUTE_FACTS:
        if case.coverage.agreement_inferred:
            # Placed by the facts, not named: the new facts place it again (or nowhere).
            case.coverage.agreement_id = None
            case.coverage.agreement_inferred = False
        time_zone = await facility_time_zone(uow, case.receiving_organization_id)
        await regime_service.check_route(uow, case, local_date(now, time_zone), complete=False)
    if "referring_practitioner" in fields:
        row.referring_practitioner = changes.referring_practitioner
    await uow.repository(CaseStore).save(row, case, now_utc())
    return _view_of(principal, row, case, stored.tasks)


async def correct_coverage(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    coverage: Coverage,
    reason: str | None,
    if_match: str,
) -> CaseView:
    """The coverage as it turns out after arrival (app/domain/case.py `correct_coverage`):
    its organisations are checked like an edit's, and the route must apply to the case as
    it is (every fact is known by now)."""
    stored = await _lock(uow, principal, case_id, if_match)
    row = stored.row
    await _check_references(uow, principal, CaseDraft(coverage=coverage), current=row)
    case = to_domain(row)
    now = now_utc()
    case.correct_coverage(actor=actor_of(principal), now=now, coverage=coverage, reason=reason)
    time_zone = await facility_time_zone(uow, case.receiving_organization_id)
    await regime_service.check_route(uow, case, local_date(now, time_zone), complete=True)
    await uow.repository(CaseStore).save(row, case, now_utc())
    return _view_of(principal, row, case, stored.tasks)


async def record_prior_authorisation(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    record: PriorAuthorisation,
    if_match: str | None,
) -> CaseView:
    """The home state's decision on the prior authorisation (Directive 2011/24 Art. 8-9;
    app/domain/case.py `record_prior_authorisation`)."""
    stored = await _lock(uow, principal, case_id, if_match)
    row = stored.row
    case = to_domain(row)
    case.facility_time_zone = await facility_time_zone(uow, case.receiving_organization_id)
    case.record_prior_authorisation(actor=actor_of(principal), now=now_utc(), record=record)
    await uow.repository(CaseStore).save(row, case, now_utc())
    return _view_of(principal, row, case, stored.tasks)


async def _lock(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, if_match: str | None
) -> StoredCase:
    """The whole case under its row lock, at the version the caller last read."""
    stored = await uow.repository(CaseStore).lock(case_id, principal.organization_id)
    if stored is None:
        raise NotFound("case")
    check_version(stored.row.version, if_match)
    return stored


async def perform_action(
    uow: UnitOfWork,
    principal: Principal,
    settings: Settings,
    case_id: uuid.UUID,
    entry: CaseAction,
    fields: dict,
    if_match: str | None,
) -> CaseView:
    """Lock and read the case, prepare the action (its row of the action table), let the
    aggregate act, persist state and events; the caller's view comes from the same
    aggregate (no second trip to the store)."""
    stored = await _lock(uow, principal, case_id, if_match)
    case = to_domain(stored.row)
    case.facility_time_zone = stored.receiving_time_zone
    actor = actor_of(principal)
    now = now_utc()
    context = ActionContext(
        uow=uow,
        action=entry.action,
        case=case,
        actor=actor,
        fields=fields,
        settings=settings,
        today=case.local_date(now),
    )
    arguments = await entry.preparation(context)
    entry.method(case, actor=actor, now=now, **arguments)
    await uow.repository(CaseStore).save(stored.row, case, now_utc())
    # An action adds no logistics task: the ones read with the case are current.
    return _view_of(principal, stored.row, case, stored.tasks)


async def facility_time_zone(uow: UnitOfWork, organization_id: uuid.UUID | None) -> str | None:
    if organization_id is None:
        return None
    row = await uow.repository(CaseRepository).organization(organization_id)
    return row.time_zone if row else None


# -- lists ----------------------------------------------------------------------------------


async def list_cases(
    uow: UnitOfWork, principal: Principal, filters: CaseFilters, limit: int, cursor: str | None
) -> tuple[list[CaseRow], str | None]:
    # Integrators syncing "what changed" page by update time; everyone else by creation.
    by_update = filters.updated_since is not None
    sort = CaseRow.updated_at if by_update else CaseRow.created_at
    kind = "cases-updated" if by_update else "cases-created"
    order = [SortKey(sort), SortKey(CaseRow.id)]
    if filters.sort == CaseSort.PRIORITY:
        # Emergency first, then by date: the rank is a stored column (see CaseRow).
        kind += "-by-priority"
        order = [SortKey(CaseRow.priority_rank), *order]
    query = uow.repository(CaseRepository).listing(
        principal.organization_id, filters, now_utc().date()
    )
    # By creation, each organisation side is paged on its own index (migration 0016).
    by_creation = not by_update and filters.sort != CaseSort.PRIORITY
    branches = (
        uow.repository(CaseRepository).listing_by_side(
            principal.organization_id, filters, now_utc().date()
        )
        if by_creation
        else ()
    )
    return await keyset_page(
        uow, query, kind=kind, order=order, limit=limit, cursor=cursor, branches=branches
    )


async def earlier_cases(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[CaseRow], str | None]:
    """The same person's other cases at the caller's own hospital, newest first."""
    row = await get_case(uow, principal, case_id)
    authorize(principal, Operation.READ_EARLIER_CASES, row.receiving_organization_id)
    if row.patient_id is None:
        return [], None
    query = uow.repository(CaseRepository).earlier_cases(row, principal.organization_id)
    order = [SortKey(CaseRow.created_at, descending=True), SortKey(CaseRow.id, descending=True)]
    return await keyset_page(
        uow, query, kind="earlier-cases", order=order, limit=limit, cursor=cursor
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


# The router's coverage (a request's authorisation): the one mapping of app/db/case_values.py.
authorisation_of = case_values.AUTHORISATION.of


def is_payer_view(row: CaseRow, principal: Principal) -> bool:
    """A payer that is not also a care party sees no clinical text."""
    return CaseParties.of(row).pays_only(principal.organization_id)


async def coverage_advice(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, settings: Settings
) -> dict:
    row = await get_case(uow, principal, case_id)
    case = to_domain(row)
    zone = await facility_time_zone(uow, case.receiving_organization_id)
    today = local_date(now_utc(), zone)
    return {
        "case_id": str(case.id),
        **await regime_service.advise_case(uow, case, today, settings.default_deposit_ratio),
    }
