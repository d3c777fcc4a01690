import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from app.platform.answers import read
from app.platform.clock import now_utc
from app.platform.dependencies import PrincipalDep, UowDep
from app.platform.problems import problem_responses
from app.platform.schemas import QueryDate
from app.reports import fhir as fhir_service
from app.reports import service as stats_service
from app.reports.schemas import Census, FhirBundle, Flows

router = APIRouter(prefix="/v1/stats", tags=["stats"])


@router.get("/flows", response_model=Flows, responses=problem_responses(401, 422), name="flows")
async def flows(
    principal: PrincipalDep,
    uow: UowDep,
    since: Annotated[
        QueryDate | None, Query(alias="from", description="Cases created on or after.")
    ] = None,
    until: Annotated[
        QueryDate | None, Query(alias="to", description="Cases created on or before.")
    ] = None,
):
    """Your cases by origin country, receiving organisation and specialty, with lead times."""

    async def produce():
        return {
            "items": await stats_service.flows(uow, principal, since, until),
            "next_cursor": None,
        }

    return await read(uow, produce)


@router.get("/census", response_model=Census, responses=problem_responses(401, 422), name="census")
async def census(principal: PrincipalDep, uow: UowDep):
    """Who is in (admitted, by unit) and who is coming (transfers scheduled or arrived)."""

    async def produce():
        return await stats_service.census(uow, principal, now_utc())

    return await read(uow, produce)


# -- the FHIR view of one case: /v1/cases/{case_id}/fhir under the `cases` tag ----------------

case_fhir = APIRouter(prefix="/v1/cases", tags=["cases"])


class FhirJSONResponse(JSONResponse):
    media_type = "application/fhir+json"


@case_fhir.get(
    "/{case_id}/fhir",
    response_model=FhirBundle,
    response_class=FhirJSONResponse,
    responses=problem_responses(401, 404, 422),
    name="fhir",
)
async def case_as_fhir(case_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """The case as a FHIR R4 Bundle: Patient, ServiceRequest, Task, Appointment, Encounter,
    Coverage, Organization."""

    async def produce():
        return FhirJSONResponse(await fhir_service.case_bundle(uow, principal, case_id))

    return await read(uow, produce)
