"""Cases: create, read, list, edit, one endpoint per lifecycle action, the timeline and
the logistics checklist. Money on a case is in `app/routers/finance.py`, the FHIR view in
`app/routers/reports.py` (same `/v1/cases` prefix and `cases` tag)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response
from pydantic import BeforeValidator

from app.cases import checklist as logistics_service
from app.cases import presenters, schemas
from app.cases import service as case_service
from app.cases.actions import ACTIONS, CaseAction
from app.cases.service import CaseSort
from app.contract.actions import describe_action
from app.domain.case import Coverage
from app.domain.funding import PriorAuthorisation
from app.domain.vocabulary import CareSetting, CaseOrigin, CaseStatus, Priority
from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    IfMatchDep,
    LimitDep,
    PrincipalDep,
    RequiredIfMatchDep,
    SettingsDep,
    UowDep,
)
from app.platform.problems import problem_responses
from app.platform.schemas import Page, QueryDateTime, split_commas
from app.platform.versioning import etag
from app.registry.schemas import CoverageOptions

router = APIRouter(prefix="/v1/cases", tags=["cases"], route_class=AnsweredRoute)


def _coverage(value: schemas.CoverageIn | None) -> Coverage | None:
    if value is None:
        return None
    return Coverage(
        route=value.route,
        payer_organization_id=value.payer_organization_id,
        member_number=value.member_number,
        agreement_id=value.agreement_id,
        authorisation=case_service.authorisation_of(
            value.authorisation.model_dump() if value.authorisation else None
        ),
        insurance_country=value.insurance_country,
        cross_border_worker=value.cross_border_worker,
    )


def _draft(body: schemas.CaseCreate | schemas.CaseUpdate) -> case_service.CaseDraft:
    values = {name: getattr(body, name) for name in type(body).model_fields}
    values["coverage"] = _coverage(body.coverage)
    values["referring_practitioner"] = (
        body.referring_practitioner.model_dump() if body.referring_practitioner else None
    )
    if isinstance(body, schemas.CaseCreate):
        # Each origin has its defaults: an emergency presentation is an emergency, and
        # outpatient care until the patient is admitted.
        for name in ("priority", "care_setting"):
            if name not in body.model_fields_set:
                values[name] = None
        values["presentation"] = (
            case_service.Presentation(**body.presentation.model_dump())
            if body.presentation
            else None
        )
    return case_service.CaseDraft(**values)


@router.post(
    "",
    status_code=201,
    response_model=schemas.Case,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_case(
    body: schemas.CaseCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    settings: SettingsDep,
    idempotency: IdempotencyDep = None,
):
    """Open a case: a referral in `draft` (a referrer's organisation refers; a coordinator's
    receives), or, with `origin: emergency_presentation`, the case of a patient already at
    the caller's hospital, starting `arrived` (or `admitted` when `presentation` carries an
    admission)."""

    view = await case_service.create_case(uow, principal, _draft(body), settings)
    created(response, uow, "case", view.row.id, f"/v1/cases/{view.row.id}")
    response.headers["ETag"] = etag(view.row.version)
    return presenters.case(view)


@router.get(
    "", response_model=Page[schemas.Case], responses=problem_responses(401, 422), name="list"
)
async def list_cases(
    principal: PrincipalDep,
    uow: UowDep,
    status: Annotated[
        list[CaseStatus] | None,
        Query(description="Only cases in these statuses: repeat it, or separate with commas."),
        BeforeValidator(split_commas),
    ] = None,
    priority: Annotated[
        list[Priority] | None,
        Query(description="Only these priorities: repeat it, or separate with commas."),
        BeforeValidator(split_commas),
    ] = None,
    reference: Annotated[
        str | None,
        Query(max_length=40, description="Exactly this case reference (COR-2026-000014)."),
    ] = None,
    care_setting: Annotated[
        list[CareSetting] | None,
        Query(description="Only these care settings: repeat it, or separate with commas."),
        BeforeValidator(split_commas),
    ] = None,
    origin: Annotated[CaseOrigin | None, Query(description="Only cases of this origin.")] = None,
    assignee: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only cases owned by this person at the receiving office; `me` for "
            "yours, `none` for unassigned ones.",
        ),
    ] = None,
    arriving_from: Annotated[
        QueryDateTime | None, Query(description="Expected arrival at or after.")
    ] = None,
    arriving_to: Annotated[
        QueryDateTime | None, Query(description="Expected arrival at or before.")
    ] = None,
    overdue: Annotated[
        bool | None,
        Query(
            description="true: only cases with an open logistics task or information request "
            "past its due date."
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=100,
            description="Patient name search, ignoring case and accents "
            "(`desiree n'diaye` finds `Désirée N'Diaye-Éloi`).",
        ),
    ] = None,
    sort: Annotated[
        CaseSort,
        Query(description="`created` (oldest first) or `priority` (emergency first, then date)."),
    ] = CaseSort.CREATED,
    receiving_organization_id: uuid.UUID | None = None,
    referring_organization_id: uuid.UUID | None = None,
    patient_id: uuid.UUID | None = None,
    updated_since: Annotated[
        QueryDateTime | None, Query(description="Only cases changed since; pages by update time.")
    ] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """The cases of your organisation (referring, receiving or paying), keyset-paginated.

    The office's worklist: filters combine (AND); a filter given several values matches
    any of them. An unknown query parameter is 400 `unknown_parameter`, never ignored."""

    filters = case_service.CaseFilters(
        statuses=status or [],
        priorities=priority or [],
        reference=reference,
        care_settings=care_setting or [],
        origin=origin,
        assignee=principal.sub if assignee == "me" else assignee,
        unassigned=assignee == "none",
        arriving_from=arriving_from,
        arriving_to=arriving_to,
        overdue=overdue,
        name=q,
        sort=sort,
        receiving_organization_id=receiving_organization_id,
        referring_organization_id=referring_organization_id,
        patient_id=patient_id,
        updated_since=updated_since,
    )
    rows, next_cursor = await case_service.list_cases(uow, principal, filters, limit, cursor)
    views = await case_service.views_of(uow, principal, rows)
    return {"items": [presenters.case(view) for view in views], "next_cursor": next_cursor}


@router.get(
    "/{case_id}",
    response_model=schemas.Case,
    responses=problem_responses(401, 404, 422),
    name="get",
)
async def get_case(case_id: uuid.UUID, response: Response, principal: PrincipalDep, uow: UowDep):
    """One case, with `allowed_actions` for you; the ETag is its version."""

    view = await case_service.read_case(uow, principal, case_id)
    response.headers["ETag"] = etag(view.row.version)
    return presenters.case(view)


@router.patch(
    "/{case_id}",
    response_model=schemas.Case,
    responses=problem_responses(400, 401, 403, 404, 409, 412, 422, 428),
    name="update",
)
async def update_case(
    case_id: uuid.UUID,
    body: schemas.CaseUpdate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: RequiredIfMatchDep,
):
    """Edit the fields the case's status allows (409 `field_not_editable` otherwise)."""

    fields = set(body.model_fields_set)
    view = await case_service.edit_case(uow, principal, case_id, _draft(body), fields, if_match)
    response.headers["ETag"] = etag(view.row.version)
    return presenters.case(view)


@router.post(
    "/{case_id}/coverage-corrections",
    response_model=schemas.Case,
    responses=problem_responses(400, 401, 403, 404, 409, 412, 422, 428),
    name="correct_coverage",
)
async def correct_coverage(
    case_id: uuid.UUID,
    body: schemas.CoverageCorrection,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: RequiredIfMatchDep,
    idempotency: IdempotencyDep = None,
):
    """The receiving hospital's coordinator corrects the coverage after arrival, up to
    discharge (before close): the route must apply (422 `route_not_applicable`); 409
    `field_not_editable` in another status. Appends `case.coverage_corrected` (the routes
    before and after) to the timeline and the feed; claims already submitted stay as they
    are (contest and replace them)."""

    view = await case_service.correct_coverage(
        uow, principal, case_id, _coverage(body.coverage), body.reason, if_match
    )
    response.headers["ETag"] = etag(view.row.version)
    return presenters.case(view)


@router.post(
    "/{case_id}/prior-authorisation",
    response_model=schemas.Case,
    responses=problem_responses(400, 401, 403, 404, 409, 412, 422),
    name="record_prior_authorisation",
)
async def record_prior_authorisation(
    case_id: uuid.UUID,
    body: schemas.PriorAuthorisationIn,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: IfMatchDep = None,
    idempotency: IdempotencyDep = None,
):
    """Record the home state's decision on a prior authorisation (Directive 2011/24 Art.
    8-9), granted with its validity or refused with its reason: by the receiving office or
    the referring side, on the patient's behalf, on an open `eu_directive` case (422
    `prior_authorisation_not_for_route` on another route). A later decision replaces it.
    Where the state of affiliation requires one (the regime country list
    `directive_prior_authorisation`, for planned care with a night in hospital),
    approve-funding and schedule-transfer answer 422 `prior_authorisation_required` until
    it is granted for the care's dates. Appends `case.prior_authorisation_recorded` (the
    decision only)."""

    record = PriorAuthorisation(**body.model_dump())
    view = await case_service.record_prior_authorisation(uow, principal, case_id, record, if_match)
    response.headers["ETag"] = etag(view.row.version)
    return presenters.case(view)


# -- one endpoint per row of the action table (app/cases/actions.py) -----------------------


def _add_action_route(entry: CaseAction) -> None:
    action, body_model = entry.action, entry.body

    async def endpoint(
        case_id: uuid.UUID,
        response: Response,
        principal: PrincipalDep,
        uow: UowDep,
        settings: SettingsDep,
        body: Annotated[body_model | None, Body()] = None,  # type: ignore[valid-type]
        if_match: IfMatchDep = None,
        idempotency: IdempotencyDep = None,
    ):
        fields = (body or body_model()).model_dump()
        view = await case_service.perform_action(
            uow, principal, settings, case_id, entry, fields, if_match
        )
        response.headers["ETag"] = etag(view.row.version)
        return presenters.case(view)

    router.add_api_route(
        f"/{{case_id}}/{action.value}",
        endpoint,
        methods=["POST"],
        name=action.value.replace("-", "_"),
        summary=f"Case action: {action.value}",
        description=describe_action(action),
        response_model=schemas.Case,
        responses=problem_responses(400, 401, 403, 404, 409, 412, 422),
    )


for _entry in ACTIONS:
    _add_action_route(_entry)


@router.get(
    "/{case_id}/earlier-cases",
    response_model=Page[schemas.Case],
    responses=problem_responses(401, 403, 404, 422),
    name="earlier_cases",
    summary="Earlier cases of the same person at your hospital",
)
async def earlier_cases(
    case_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    limit: LimitDep = 20,
    cursor: CursorDep = None,
):
    """For the receiving hospital's coordinators and clinicians: the other cases of this
    case's patient that the hospital itself received, newest first. The same person is
    found through the patient's identifiers (same system and normalised value), whoever
    registered them; other organisations' cases never show."""

    rows, next_cursor = await case_service.earlier_cases(uow, principal, case_id, limit, cursor)
    views = await case_service.views_of(uow, principal, rows)
    return {"items": [presenters.case(view) for view in views], "next_cursor": next_cursor}


@router.get(
    "/{case_id}/timeline",
    response_model=Page[schemas.CaseEvent],
    responses=problem_responses(401, 404, 422),
    name="timeline",
)
async def case_timeline(
    case_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    limit: LimitDep = 200,
    cursor: CursorDep = None,
):
    """The case's events, oldest first: actor, time, from and to status, reason. A payer
    that is not also a care party gets no reason its own organisation did not write."""

    rows, next_cursor = await case_service.timeline(uow, principal, case_id, limit, cursor)
    payer_view = case_service.is_payer_view(
        await case_service.get_case(uow, principal, case_id), principal
    )
    items = [
        presenters.timeline_event(row, payer_view=payer_view, reader_org=principal.organization_id)
        for row in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/{case_id}/logistics-tasks",
    status_code=201,
    response_model=schemas.LogisticsTask,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="add_logistics_task",
)
async def add_logistics_task(
    case_id: uuid.UUID,
    body: schemas.LogisticsTaskCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Add a task to the transfer checklist (visa, travel, interpreter, ...)."""

    # Python values, not JSON: due_date goes to a DATE column.
    task = await logistics_service.add_task(uow, principal, case_id, body.model_dump())
    created(response, uow, "task", task.id, f"/v1/cases/{case_id}/logistics-tasks/{task.id}")
    response.headers["ETag"] = etag(task.version)
    return presenters.logistics_task(task)


@router.patch(
    "/{case_id}/logistics-tasks/{task_id}",
    response_model=schemas.LogisticsTask,
    responses=problem_responses(400, 401, 403, 404, 409, 412, 422, 428),
    name="update_logistics_task",
)
async def update_logistics_task(
    case_id: uuid.UUID,
    task_id: uuid.UUID,
    body: schemas.LogisticsTaskUpdate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: RequiredIfMatchDep,
):
    """Move a task forward (requested → in_progress → completed, or cancelled)."""

    task = await logistics_service.update_task(
        uow,
        principal,
        case_id,
        task_id,
        body.model_dump(exclude_unset=True),
        if_match,
    )
    response.headers["ETag"] = etag(task.version)
    return presenters.logistics_task(task)


@router.get(
    "/{case_id}/coverage-options",
    response_model=CoverageOptions,
    responses=problem_responses(401, 404, 422),
    name="coverage_options",
    summary="Which funding routes can apply to a case",
)
async def coverage_options(
    case_id: uuid.UUID, principal: PrincipalDep, uow: UowDep, settings: SettingsDep
):
    """Every funding route weighed against the case's facts (insurance, payer and provider
    countries, residence, care planned or not, the agreements in force): `applicable`, the
    conditions that fail, the legal basis, who pays, what funding needs and the documents
    to gather. Read-only; the case's parties may ask."""

    return await case_service.coverage_advice(uow, principal, case_id, settings)
