"""The directory's endpoints: publishing (authenticated) and asking (public)."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Annotated

import mimeparse
from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from app.db.unit_of_work import UnitOfWork
from app.directory import fhir
from app.directory import service as directory_service
from app.directory.schemas import (
    Directory,
    DirectoryBundle,
    LanguageTag,
    Service,
    ServiceCreate,
)
from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    LimitDep,
    PrincipalDep,
    PublicUowDep,
    UowDep,
)
from app.platform.clock import now_utc
from app.platform.errors import NotAcceptable
from app.platform.problems import problem_responses
from app.platform.schemas import CountryCode, Specialty

router = APIRouter(route_class=AnsweredRoute, tags=["directory"])


class FhirJSONResponse(JSONResponse):
    media_type = "application/fhir+json"


# Public reference data that changes when an organisation publishes: caches may keep it a
# few minutes, and revalidate cheaply with the ETag.
CACHE_CONTROL = "public, max-age=300"

JSON = "application/json"
# What `GET /v1/directory` answers in, chosen by Accept. mimeparse gives a tie (`*/*`,
# `application/*`) to the last listed: JSON stays the default.
DIRECTORY_MEDIA_TYPES = (FhirJSONResponse.media_type, JSON)


def negotiated(accept: str | None) -> str:
    """The media type to answer in (RFC 9110 content negotiation); no Accept is JSON."""
    if accept is None or not accept.strip():
        return JSON
    try:
        chosen = mimeparse.best_match(DIRECTORY_MEDIA_TYPES, accept.lower())
    except mimeparse.MimeTypeParseException:
        chosen = ""
    if not chosen:
        raise NotAcceptable(
            "The directory answers in application/json or application/fhir+json only.",
            acceptable=list(reversed(DIRECTORY_MEDIA_TYPES)),
        )
    return chosen


@router.post(
    "/v1/organizations/{organization_id}/services",
    status_code=201,
    response_model=Service,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="publish",
)
async def publish_service(
    organization_id: uuid.UUID,
    body: ServiceCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """A receiving organisation publishes a service it offers: specialty, care setting,
    languages spoken (IETF tags), typical lead time in days and a contact. The
    organisation's coordinators and org_admins (or a platform admin) publish; residents
    find the service through `GET /v1/directory` where an agreement covers them.
    Refusals: 403 `forbidden_role` (a role that does not publish), 404 `not_found`
    (no such organisation, or not the caller's)."""

    row = await directory_service.publish(
        uow, principal, organization_id, body.model_dump(mode="json")
    )
    created(
        response, uow, "service", row.id, f"/v1/organizations/{organization_id}/services/{row.id}"
    )
    return directory_service.present_service(row)


@router.delete(
    "/v1/organizations/{organization_id}/services/{service_id}",
    status_code=204,
    response_class=Response,
    responses=problem_responses(401, 403, 404, 422),
    name="withdraw",
)
async def withdraw_service(
    organization_id: uuid.UUID,
    service_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
):
    """The service no longer appears in the directory. Same roles as publishing; 404
    `not_found` when the organisation has no such service."""

    await directory_service.withdraw(uow, principal, organization_id, service_id)
    return Response(status_code=204)


def _etag(media_type: str, body: bytes) -> str:
    # Over the media type too: each representation of one answer has its own ETag.
    digest = hashlib.sha256(media_type.encode() + b"\n" + body).hexdigest()
    return '"' + digest[:32] + '"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if if_none_match is None:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


@router.get(
    "/v1/directory",
    response_model=Directory,
    responses={
        200: {
            "description": "The facilities found: JSON, or a FHIR R4 searchset Bundle when"
            " Accept prefers application/fhir+json.",
            "content": {
                FhirJSONResponse.media_type: {
                    "schema": {"$ref": "#/components/schemas/DirectoryBundle"}
                }
            },
            "headers": {
                "ETag": {
                    "description": "The answer's version (each representation its own)",
                    "schema": {"type": "string"},
                },
                "Cache-Control": {"schema": {"type": "string"}},
                "Vary": {
                    "description": "Accept: the representation depends on it.",
                    "schema": {"type": "string"},
                },
            },
        },
        304: {"description": "Not modified: the If-None-Match ETag is still current."},
        **problem_responses(406, 422, 429),
    },
    name="search",
    openapi_extra={"security": []},
)
async def search_directory(
    request: Request,
    uow: PublicUowDep,
    residence_country: Annotated[
        CountryCode | None,
        Query(description="Where the resident lives; without it, the whole offer."),
    ] = None,
    postal_code: Annotated[str | None, Query(max_length=12)] = None,
    specialty: Specialty | None = None,
    language: Annotated[LanguageTag | None, Query()] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
    if_none_match: Annotated[
        str | None, Header(alias="If-None-Match", description="An ETag read before.")
    ] = None,
):
    """No token needed: which facilities a resident of `residence_country` (and
    `postal_code`) may use, for a specialty and a language, under which agreement, whether
    prior authorisation or an advance payment applies, and what to bring. Without
    `residence_country`, the whole offer: every facility with a published service an
    agreement in force covers, whoever it covers. Facilities come in name order, `limit`
    a page (`next_cursor`). Only public data:
    organisations, agreements' names and terms, published services. Cacheable
    (`Cache-Control`, `ETag`; `If-None-Match` answers 304); rate-limited per client
    address (429 `rate_limited` with `Retry-After`).

    Content negotiation: JSON by default; `Accept: application/fhir+json` answers the
    FHIR R4 searchset Bundle of `GET /v1/directory/fhir` (its own ETag; `Vary: Accept`).
    An Accept that admits neither is 406 `not_acceptable`."""
    media_type = negotiated(request.headers.get("Accept"))
    if media_type == FhirJSONResponse.media_type:
        self_url = str(request.url)

        def render(found):
            return fhir.searchset(found, self_url)
    else:

        def render(found):
            return Directory.model_validate(found).model_dump(mode="json")

    return await _public_answer(
        request,
        uow,
        if_none_match,
        media_type,
        render,
        vary="Accept",
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        limit=limit,
        cursor=cursor,
    )


@router.get(
    "/v1/directory/fhir",
    response_model=DirectoryBundle,
    response_class=FhirJSONResponse,
    responses={
        200: {
            "headers": {
                "ETag": {"description": "The answer's version", "schema": {"type": "string"}},
                "Cache-Control": {"schema": {"type": "string"}},
            }
        },
        304: {"description": "Not modified: the If-None-Match ETag is still current."},
        **problem_responses(422, 429),
    },
    name="search_fhir",
    summary="Ask the directory, as FHIR",
    openapi_extra={"security": []},
)
async def search_directory_fhir(
    request: Request,
    uow: PublicUowDep,
    residence_country: CountryCode,
    postal_code: Annotated[str | None, Query(max_length=12)] = None,
    specialty: Specialty | None = None,
    language: Annotated[LanguageTag | None, Query()] = None,
    if_none_match: Annotated[
        str | None, Header(alias="If-None-Match", description="An ETag read before.")
    ] = None,
):
    """The same question and answer as `GET /v1/directory`, as a FHIR R4 `searchset`
    Bundle: one `HealthcareService` per service found (`search.mode` `match`: specialty,
    care setting as `characteristic`, languages as `communication`, contact as `telecom`,
    the covering agreements as `program` and `eligibility` with their terms and what to
    bring, the lead time in `availabilityExceptions`) and the `Organization` providing it
    (`include`). No token; cacheable and rate-limited like the directory."""
    self_url = str(request.url)
    return await _public_answer(
        request,
        uow,
        if_none_match,
        FhirJSONResponse.media_type,
        lambda found: fhir.searchset(found, self_url),
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        limit=FHIR_PAGE,
        cursor=None,
    )


# The FHIR searchset is one Bundle, unpaged: every facility found.
FHIR_PAGE = 10_000
DIRECTORY_CURSOR = "directory"


async def _public_answer(
    request: Request,
    uow: UnitOfWork,
    if_none_match,
    media_type: str,
    render,
    *,
    vary: str | None = None,
    limit: int,
    cursor: str | None,
    **question,
):
    """The directory's public answer, rendered one way or another: rate-limited per client
    address, read in the system context, with an ETag over the rendered body."""
    cursors = request.app.state.cursors
    after = tuple(cursors.decode(cursor, DIRECTORY_CURSOR, 2)) if cursor is not None else None

    found = await directory_service.directory(
        uow, on=now_utc().date(), limit=limit, after=after, **question
    )
    following = found.pop("next")
    found["next_cursor"] = cursors.encode(DIRECTORY_CURSOR, list(following)) if following else None
    body = json.dumps(render(found), separators=(",", ":"), sort_keys=True).encode()
    etag = _etag(media_type, body)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if vary is not None:
        headers["Vary"] = vary
    if _matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)
