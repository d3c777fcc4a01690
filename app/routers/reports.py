import uuid
from typing import Annotated

import mimeparse
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from app.domain import statistics
from app.domain.statistics import DEFAULT_GROUPING, Dimension
from app.http.answers import AnsweredRoute
from app.http.dependencies import PrincipalDep, ReadUowDep, SettingsDep, UowDep
from app.platform.clock import now_utc
from app.platform.problems import problem_responses
from app.platform.schemas import QueryDate
from app.reports import charts, tables
from app.reports import fhir as fhir_service
from app.reports import service as stats_service
from app.reports.schemas import Census, FhirBundle, FlowMeasure, Flows, StatsFormat

router = APIRouter(route_class=AnsweredRoute, prefix="/v1/stats", tags=["stats"])

GROUP_BY_DESCRIPTION = (
    "Group the cases by any of "
    + ", ".join(f"`{dimension.value}`" for dimension in Dimension)
    + " (comma-separated or repeated; several at once). Default: "
    + ", ".join(f"`{dimension.value}`" for dimension in DEFAULT_GROUPING)
    + ". An unknown name is 422 `unknown_group_by`."
)
GroupByQuery = Annotated[list[str] | None, Query(description=GROUP_BY_DESCRIPTION)]
SinceQuery = Annotated[
    QueryDate | None, Query(alias="from", description="Cases created on or after.")
]
UntilQuery = Annotated[
    QueryDate | None, Query(alias="to", description="Cases created on or before.")
]
FormatQuery = Annotated[
    StatsFormat, Query(alias="format", description="`csv`: text/csv with a header row.")
]
CSV_CONTENT = {"text/csv": {"schema": {"type": "string"}}}


def _csv_answer(text: str, name: str) -> Response:
    return Response(
        text,
        media_type=tables.MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="corridor-{name}.csv"'},
    )


@router.get(
    "/flows",
    response_model=Flows,
    responses={200: {"content": CSV_CONTENT}, **problem_responses(401, 422)},
    name="flows",
)
async def flows(
    principal: PrincipalDep,
    uow: ReadUowDep,
    settings: SettingsDep,
    group_by: GroupByQuery = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    export_format: FormatQuery = StatsFormat.JSON,
):
    """Cases by flow: counts, lead times between stages (median and 90th percentile, in
    days) and amounts quoted, claimed and paid per currency. Hospitals, referrers and payers
    count their own cases; a coordination body counts the cases of the agreements it
    coordinates and the platform admin every case, with cells of fewer cases than the
    threshold suppressed (null, `suppressed: true`). For those two: periods are whole
    calendar months (422 `stats_period_not_whole_months`), every figure is one month's
    (`month` joins the grouping), at most two other dimensions (422
    `stats_grouping_too_fine`; default `origin_country,receiving_organization`), a small
    count inside a shown cell (declined, a lead time's cases, a currency's money) is null,
    and so is every cell a published total would give away (complementary suppression)."""
    statistics.grouping(group_by)  # an unknown name is refused before any lookup

    answer = await stats_service.flows(
        uow, principal, group_by, since, until, settings.stats_suppression_threshold
    )
    if export_format is StatsFormat.CSV:
        return _csv_answer(tables.flows_csv(answer), "flows")
    return answer


@router.get(
    "/census",
    response_model=Census,
    responses={200: {"content": CSV_CONTENT}, **problem_responses(401, 422)},
    name="census",
)
async def census(
    principal: PrincipalDep,
    uow: ReadUowDep,
    settings: SettingsDep,
    export_format: FormatQuery = StatsFormat.JSON,
):
    """Per receiving hospital: patients admitted now, arrivals expected in the next 7 days
    and cases held by a corridor's suspension; for a hospital, also who is in (by unit)
    and who is coming (a payer sees no unit). CSV: one row per hospital. A coordination
    body or an admin gets every hospital of its scope, each count under the threshold null
    (zero too), and only the units with at least the threshold."""

    answer = await stats_service.census(
        uow, principal, now_utc(), settings.stats_suppression_threshold
    )
    if export_format is StatsFormat.CSV:
        return _csv_answer(tables.census_csv(answer), "census")
    return answer


# A chart is an SVG document; a client that asks for bytes (`Accept:
# application/octet-stream`, as generated SDKs without a media-type mapping do) gets the
# same document as a download. Listing both lets every generator type the answer.
BYTES = "application/octet-stream"
SVG_CONTENT = {
    charts.MEDIA_TYPE: {"schema": {"type": "string"}},
    BYTES: {"schema": {"type": "string", "format": "binary"}},
}
# mimeparse gives a tie (`*/*`) to the last listed: SVG stays the default.
SVG_MEDIA_TYPES = (BYTES, charts.MEDIA_TYPE)


def _svg_answer(request: Request, svg: bytes, name: str) -> Response:
    accept = request.headers.get("accept")
    if accept and mimeparse.best_match(SVG_MEDIA_TYPES, accept) == BYTES:
        disposition = f'attachment; filename="{name}"'
        return Response(svg, media_type=BYTES, headers={"Content-Disposition": disposition})
    return Response(svg, media_type=charts.MEDIA_TYPE)


@router.get(
    "/flows.svg",
    response_class=Response,
    responses={
        200: {"description": "An SVG chart (no script).", "content": SVG_CONTENT},
        **problem_responses(401, 422),
    },
    name="flows_chart",
    summary="Chart the flows",
)
async def flows_chart(
    request: Request,
    principal: PrincipalDep,
    uow: ReadUowDep,
    settings: SettingsDep,
    group_by: GroupByQuery = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    measure: Annotated[
        FlowMeasure, Query(description="What the bars count (a line over `group_by=month`).")
    ] = FlowMeasure.CASES,
):
    """The numbers of `/v1/stats/flows` (same parameters, same suppression) as a plain SVG
    bar chart with axes, labels and a title, or a line chart when grouped by month alone."""
    statistics.grouping(group_by)  # an unknown name is refused before any lookup

    answer = await stats_service.flows(
        uow, principal, group_by, since, until, settings.stats_suppression_threshold
    )
    chart = await stats_service.flows_chart(uow, answer, measure.value)
    return _svg_answer(request, chart, "flows.svg")


@router.get(
    "/census.svg",
    response_class=Response,
    responses={
        200: {"description": "An SVG chart (no script).", "content": SVG_CONTENT},
        **problem_responses(401, 422),
    },
    name="census_chart",
    summary="Chart the census",
)
async def census_chart(
    request: Request, principal: PrincipalDep, uow: ReadUowDep, settings: SettingsDep
):
    """The hospitals of `/v1/stats/census` as a plain SVG bar chart: admitted now, expected
    within 7 days and held by a suspension, side by side per hospital."""

    answer = await stats_service.census(
        uow, principal, now_utc(), settings.stats_suppression_threshold
    )
    return _svg_answer(request, await stats_service.census_chart(uow, answer), "census.svg")


# -- the FHIR view of one case: /v1/cases/{case_id}/fhir under the `cases` tag ----------------

case_fhir = APIRouter(route_class=AnsweredRoute, prefix="/v1/cases", tags=["cases"])


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

    return FhirJSONResponse(await fhir_service.case_bundle(uow, principal, case_id))
