"""Case use cases: create, read, list, edit, and every lifecycle action.

Each function takes an open unit of work and the caller; it never commits
(the router commits once the answer, and any idempotency record, is ready).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from app.access.authorization import authorize, may
from app.cases.actions import CaseAction
from app.db.keyset import SortKey, keyset_page
from app.db.models import (
    CaseEventRow,
    CaseRow,
    LogisticsTaskRow,
)
from app.db.repositories import cases as case_repository
from app.db.repositories.cases import CaseFilters, CaseRepository, CaseSort
from app.db.unit_of_work import UnitOfWork
from app.domain.case import (
    Actor,
    Case,
    CodedEntry,
    Coverage,
    LetterContent,
    Medication,
    VirtualService,
)
from app.domain.errors import ActionForbidden, MoneyError
from app.domain.exchange import ExchangeRate, count_in, fixed_peg
from app.domain.funding import (
    Authorisation,
    FundingContext,
    FundingEvidence,
    Guarantee,
    PriorAuthorisation,
)
from app.domain.local_time import local_date
from app.domain.money import Money
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.regimes import CoverageFacts, zone_agreement
from app.domain.transitions import entry_for
from app.domain.vocabulary import (
    Action,
    AgreementKind,
    CareSetting,
    CaseOrigin,
    CoverageRoute,
    LogisticsTaskKind,
    LogisticsTaskStatus,
    OrganizationKind,
    Priority,
)
from app.platform.clock import now_utc
from app.platform.errors import Conflict, InvalidRequest, NotFound
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
    row = case_repository.new_row(case, now)
    row.referring_practitioner = draft.referring_practitioner
    await uow.repository(CaseRepository).add(row, case)
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
    reader_organization_id: uuid.UUID | None = None  # whose own words it may read back


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
        reader_organization_id=principal.organization_id,
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
    await _save(uow, case, row)
    return await _view(uow, principal, row, case)


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
    row = await _load_for_update(uow, principal, case_id, if_match)
    await _check_references(uow, principal, CaseDraft(coverage=coverage), current=row)
    case = case_repository.to_domain(row)
    now = now_utc()
    case.correct_coverage(actor=actor_of(principal), now=now, coverage=coverage, reason=reason)
    time_zone = await facility_time_zone(uow, case.receiving_organization_id)
    await regime_service.check_route(uow, case, local_date(now, time_zone), complete=True)
    await _save(uow, case, row)
    return await _view(uow, principal, row, case)


async def record_prior_authorisation(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    record: PriorAuthorisation,
    if_match: str | None,
) -> CaseView:
    """The home state's decision on the prior authorisation (Directive 2011/24 Art. 8-9;
    app/domain/case.py `record_prior_authorisation`)."""
    row = await _load_for_update(uow, principal, case_id, if_match)
    case = case_repository.to_domain(row)
    case.facility_time_zone = await facility_time_zone(uow, case.receiving_organization_id)
    case.record_prior_authorisation(actor=actor_of(principal), now=now_utc(), record=record)
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
    cases = uow.repository(CaseRepository)
    # The whole case in one statement under its lock; the aggregate's changes are then
    # written as a handful of Core statements (see CaseRepository.write_changes).
    locked = await cases.whole_for_update(case_id, principal.organization_id)
    if locked is None:
        raise NotFound("case")
    check_version(locked.row.version, if_match)
    case = case_repository.to_domain(locked.row)
    case.facility_time_zone = locked.receiving_time_zone
    now = now_utc()
    today = case.local_date(now)
    arguments = dict(fields)
    facts = CoverageFacts()
    if action in (Action.SUBMIT, Action.APPROVE_FUNDING) and action in case.allowed_actions(
        actor_of(principal)
    ):
        # Every fact is known by now: a route that cannot apply is refused here at the latest.
        facts = await regime_service.check_route(uow, case, today, complete=True)
        agreement_id = case.coverage.agreement_id
        if (
            action == Action.SUBMIT
            and agreement_id is not None
            and await uow.repository(CaseRepository).agreement_suspended(agreement_id)
        ):
            raise Conflict(
                "The case's agreement is suspended: the corridor takes no submission until "
                "it resumes.",
                code="agreement_suspended",
                agreement_id=str(agreement_id),
            )
        if (
            action == Action.SUBMIT
            and agreement_id is not None
            and await uow.repository(CaseRepository).intake_paused(
                agreement_id, case.receiving_organization_id
            )
        ):
            raise Conflict(
                "The receiving hospital paused its intake on the case's agreement: no "
                "submission to it until it resumes.",
                code="intake_paused",
                agreement_id=str(agreement_id),
            )
    if action in (Action.SCHEDULE_TELECONSULTATION, Action.SCHEDULE_FOLLOW_UP):
        arguments["teleconsultation_id"] = uuid.uuid4()
        arguments["virtual_service"] = virtual_service_of(fields.get("virtual_service"))
    elif action == Action.REQUEST_INFORMATION:
        arguments["request_id"] = uuid.uuid4()
    elif action == Action.RECORD_ATTENDANCE:
        arguments["attendance_id"] = uuid.uuid4()
    elif action == Action.PROVIDE_INFORMATION and fields.get("document_ids"):
        await _check_documents_on_case(uow, case.id, fields["document_ids"])
    elif action == Action.DISCHARGE:
        arguments["letter"] = letter_of(fields.get("letter"))
    elif action == Action.APPROVE_FUNDING:
        arguments = {
            "evidence": FundingEvidence(
                authorisation=authorisation_of(fields.get("authorisation")),
                guarantee=await counted_guarantee(
                    uow, case.id, guarantee_of(fields.get("guarantee"))
                ),
                note=fields.get("note"),
                planned_start=fields.get("planned_start"),
                planned_end=fields.get("planned_end"),
            ),
            "context": await funding_context(uow, case, settings, today, facts),
        }
    elif action == Action.EXTEND_AUTHORISATION:
        arguments = {"authorisation": authorisation_of(fields.get("authorisation"))}
    elif action == Action.AMEND_GUARANTEE:
        arguments = {
            "guarantee": await counted_guarantee(
                uow, case.id, guarantee_of(fields.get("guarantee"))
            )
        }
    elif action == Action.CLOSE:
        await load_final_claim(uow, case)
        await load_checklist(uow, case)
    if action == Action.APPROVE_FUNDING:
        await load_final_claim(uow, case)  # funding may follow the care until the final claim
    if action in (Action.APPROVE_FUNDING, Action.SCHEDULE_TRANSFER):
        await regime_service.load_prior_authorisation_need(uow, case)
    entry.method(case, actor=actor_of(principal), now=now, **arguments)
    await cases.write_changes(locked, case, now_utc())
    # An action adds no logistics task: the ones read with the case are current.
    return _view_of(principal, locked.row, case, locked.tasks)


# -- what some guards need loaded -----------------------------------------------------------


async def _check_documents_on_case(
    uow: UnitOfWork, case_id: uuid.UUID, document_ids: list[uuid.UUID]
) -> None:
    """An answer can only point at documents uploaded to this case (and not withdrawn)."""
    wanted = list(dict.fromkeys(document_ids))
    found = await uow.repository(CaseRepository).documents_on_case(case_id, wanted)
    unknown = [str(d) for d in wanted if d not in found]
    if unknown:
        raise InvalidRequest(
            "These documents are not on this case.",
            code="document_not_on_case",
            document_ids=unknown,
        )


async def load_final_claim(uow: UnitOfWork, case: Case) -> None:
    case.has_final_claim = await uow.repository(CaseRepository).has_final_claim(case.id)


async def load_checklist(uow: UnitOfWork, case: Case) -> None:
    pairs = await uow.repository(CaseRepository).checklist(case.id)
    case.checklist = [
        (LogisticsTaskKind(kind), LogisticsTaskStatus(status)) for kind, status in pairs
    ]


def virtual_service_of(value: dict | None) -> VirtualService | None:
    if value is None:
        return None
    return VirtualService(
        channel_type=value["channel_type"],
        address_url=value.get("address_url"),
        additional_info=tuple(value.get("additional_info") or ()),
        max_participants=value.get("max_participants"),
        session_key=value.get("session_key"),
    )


def letter_of(value: dict | None) -> LetterContent | None:
    if value is None:
        return None
    return LetterContent(
        diagnoses=tuple(CodedEntry(**entry) for entry in value.get("diagnoses") or ()),
        procedures=tuple(CodedEntry(**entry) for entry in value.get("procedures") or ()),
        medications=tuple(Medication(**entry) for entry in value.get("medications") or ()),
        follow_up_instructions=value.get("follow_up_instructions"),
        language=value.get("language"),
    )


async def funding_context(
    uow: UnitOfWork, case: Case, settings: Settings, today: date, facts: CoverageFacts
) -> FundingContext:
    cases = uow.repository(CaseRepository)
    latest_total = await cases.latest_estimate_total(case.id)
    received = None
    if latest_total is not None:
        received = await cases.payments_received(case.id, latest_total.currency)
    route = case.coverage.route
    zoast = None
    if route == CoverageRoute.ZOAST:
        zoast = zone_agreement(facts, AgreementKind.ZOAST)
    return FundingContext(
        zoast_agreement=zoast,
        latest_estimate_total=latest_total,
        payments_received=received,
        deposit_ratio=settings.default_deposit_ratio,
        priority=case.priority,
        agreement=regime_service.agreement_for(route, facts),
        today=today,
    )


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
    rate = value.get("exchange_rate")
    return Guarantee(
        reference=value["reference"],
        amount=Money.parse(amount["amount"], amount["currency"]),
        rate=(
            ExchangeRate(rate["base"], rate["quote"], Decimal(rate["rate"]), rate["source"])
            if rate
            else None
        ),
        valid_from=value.get("valid_from"),
        valid_until=value.get("valid_until"),
    )


async def counted_guarantee(
    uow: UnitOfWork, case_id: uuid.UUID, guarantee: Guarantee | None
) -> Guarantee | None:
    """A letter of guarantee in another currency than the latest estimate counts at the
    recorded rate it brings (or a fixed parity); without one it is refused with
    `currency_mismatch` naming both currencies, never compared as if it were the same."""
    if guarantee is None:
        return None
    estimate = await uow.repository(CaseRepository).latest_estimate_total(case_id)
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


async def coverage_advice(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, settings: Settings
) -> dict:
    row = await get_case(uow, principal, case_id)
    case = case_repository.to_domain(row)
    zone = await facility_time_zone(uow, case.receiving_organization_id)
    today = local_date(now_utc(), zone)
    return {
        "case_id": str(case.id),
        **await regime_service.advise_case(uow, case, today, settings.default_deposit_ratio),
    }
