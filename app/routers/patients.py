import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    LimitDep,
    PrincipalDep,
    RequiredIfMatchDep,
    UowDep,
)
from app.platform.problems import problem_responses
from app.platform.schemas import Page
from app.platform.versioning import etag
from app.registry import patient_service, presenters
from app.registry.patient_schemas import Patient, PatientCreate, PatientUpdate

router = APIRouter(prefix="/v1/patients", tags=["patients"], route_class=AnsweredRoute)


def _columns(values: dict) -> dict:
    """Python values for the columns (the enum as its text)."""
    if values.get("sex") is not None:
        values["sex"] = str(values["sex"])
    return values


@router.post(
    "",
    status_code=201,
    response_model=Patient,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_patient(
    body: PatientCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Register a patient. Identifiers are unique within your organisation (compared after
    Unicode NFKC normalisation, without invisible characters): one your organisation
    already registered answers 409 `duplicate_identifier` with `existing_id`. Another
    organisation's records are neither checked nor told."""

    row = await patient_service.create_patient(uow, principal, _columns(body.model_dump()))
    created(response, uow, "patient", row.id, f"/v1/patients/{row.id}")
    response.headers["ETag"] = etag(row.version)
    return presenters.patient(row)


@router.get("", response_model=Page[Patient], responses=problem_responses(401, 422), name="list")
async def list_patients(
    principal: PrincipalDep,
    uow: UowDep,
    identifier: Annotated[
        str | None,
        Query(max_length=200, description="`system|value`, e.g. `passport|LC1234567`."),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=100,
            description="Name search, ignoring case and accents, every word in any order "
            "(`desiree n'diaye` finds `Désirée N'Diaye-Éloi`); as `q` on the cases list.",
        ),
    ] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """The patients visible to you, optionally found by one identifier or by name."""

    rows, next_cursor = await patient_service.search_patients(
        uow, principal, identifier, limit, cursor, name=q
    )
    return {"items": [presenters.patient(r) for r in rows], "next_cursor": next_cursor}


@router.get(
    "/{patient_id}", response_model=Patient, responses=problem_responses(401, 404, 422), name="get"
)
async def get_patient(
    patient_id: uuid.UUID, response: Response, principal: PrincipalDep, uow: UowDep
):
    """One patient; the ETag is its version."""

    row = await patient_service.get_patient(uow, principal, patient_id)
    response.headers["ETag"] = etag(row.version)
    return presenters.patient(row)


@router.patch(
    "/{patient_id}",
    response_model=Patient,
    responses=problem_responses(400, 401, 403, 404, 409, 412, 422, 428),
    name="update",
)
async def update_patient(
    patient_id: uuid.UUID,
    body: PatientUpdate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    if_match: RequiredIfMatchDep,
):
    """Change a patient's fields; needs If-Match with the version last read. Only the
    organisation that registered the patient changes it (403 `not_patient_owner` for the
    other organisations of its cases, which read it)."""

    row = await patient_service.update_patient(
        uow, principal, patient_id, _columns(body.model_dump(exclude_unset=True)), if_match
    )
    response.headers["ETag"] = etag(row.version)
    return presenters.patient(row)
