"""Access: integrators' API clients (platform and organisation administrators), the OAuth 2.0
client-credentials token endpoint and the published signing keys, and the audit trail."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Annotated
from urllib.parse import unquote_plus

from fastapi import APIRouter, Depends, Form, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from app.access import audit as audit_service
from app.access import service as client_service
from app.access.limits import remember
from app.access.schemas import (
    ApiClient,
    ApiClientCreate,
    ApiClientWithSecret,
    AuditEvent,
    Jwks,
    TokenRequest,
    TokenResponse,
)
from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import Role
from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    IdempotencyKey,
    Idempotent,
    LimitDep,
    PrincipalDep,
    UowDep,
    request_audit,
)
from app.platform.problems import problem_response, problem_responses
from app.platform.schemas import Page, QueryDateTime

# -- access ------------------------------------------------------------------------------

api_clients = APIRouter(route_class=AnsweredRoute, prefix="/v1/api-clients", tags=["api-clients"])


def _body(row) -> dict:
    return ApiClient.model_validate(row, from_attributes=True).model_dump()


@api_clients.post(
    "",
    status_code=201,
    response_model=ApiClientWithSecret,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_api_client(
    body: ApiClientCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: Annotated[
        IdempotencyKey | None, Depends(Idempotent(shown_once=("client_secret",)))
    ] = None,
):
    """Register a client for an organisation, with the roles it acts in (admins only).
    The answer alone carries `client_secret`: store it now, it cannot be read again (a
    repeat with the same Idempotency-Key is 409 `secret_shown_once`)."""

    registered = await client_service.register(
        uow,
        principal,
        name=body.name,
        organization_id=body.organization_id,
        roles=body.roles,
    )
    created(response, uow, "api_client", registered.row.id, f"/v1/api-clients/{registered.row.id}")
    response.headers["Cache-Control"] = "no-store"
    return {**_body(registered.row), "client_secret": registered.secret}


@api_clients.get(
    "", response_model=Page[ApiClient], responses=problem_responses(401, 403, 422), name="list"
)
async def list_api_clients(
    principal: PrincipalDep,
    uow: UowDep,
    organization_id: Annotated[
        uuid.UUID | None, Query(description="Only this organisation's clients.")
    ] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Registered clients (admins only); secrets are never shown again."""

    rows, next_cursor = await client_service.list_clients(
        uow, principal, organization_id, limit, cursor
    )
    return {"items": [_body(row) for row in rows], "next_cursor": next_cursor}


@api_clients.get(
    "/{api_client_id}",
    response_model=ApiClient,
    responses=problem_responses(401, 403, 404, 422),
    name="get",
)
async def get_api_client(api_client_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One client (admins only)."""

    return _body(await client_service.get(uow, principal, api_client_id))


@api_clients.post(
    "/{api_client_id}/revoke",
    response_model=ApiClient,
    responses=problem_responses(400, 401, 403, 404, 422),
    name="revoke",
)
async def revoke_api_client(
    api_client_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Stop issuing tokens to this client; the tokens it holds are refused within
    seconds (`CORRIDOR_CLIENT_REVOCATION_CHECK_SECONDS`, 15 by default)."""

    row = await client_service.revoke(uow, principal, api_client_id)
    request.app.state.revoked_clients.revoked(row.client_id)
    return _body(row)


# -- oauth -------------------------------------------------------------------------------

oauth = APIRouter(route_class=AnsweredRoute, tags=["oauth"])

FORM = "application/x-www-form-urlencoded"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _oauth_error(request: Request, status: int, error: str, detail: str, **headers: str):
    """A problem+json answer that also carries RFC 6749's `error` member."""
    return problem_response(
        request, status, error, detail, headers={**NO_STORE, **headers}, error=error
    )


def _too_many(request: Request, retry_after: int):
    return _oauth_error(
        request,
        429,
        "rate_limited",
        "Too many token requests; retry later.",
        **{"Retry-After": str(retry_after)},
    )


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    if not authorization or not authorization.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, separator, secret = decoded.partition(":")
    if not separator:
        return None
    # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
    return unquote_plus(client_id), unquote_plus(secret)


@oauth.post(
    "/oauth/token",
    response_model=TokenResponse,
    responses=problem_responses(400, 401, 413, 415, 422, 429),
    name="token",
    summary="Exchange API client credentials for a short-lived access token",
)
async def token(
    request: Request,
    form: Annotated[TokenRequest, Form()],
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
):
    """Client credentials grant: `grant_type=client_credentials` with the client's id and
    secret (HTTP Basic, or `client_id`/`client_secret` in the form). The token is a JWT
    for the client's organisation and roles, valid for `expires_in` seconds."""
    settings = request.app.state.settings
    if not request.headers.get("content-type", "").startswith(FORM):
        return _oauth_error(request, 415, "invalid_request", f"The body must be {FORM}.")
    if form.grant_type != "client_credentials":
        return _oauth_error(
            request, 400, "unsupported_grant_type", "Only client_credentials is supported."
        )
    credentials = _basic_credentials(authorization) or (
        (form.client_id, form.client_secret or "") if form.client_id else None
    )
    if credentials is None:
        return _oauth_error(
            request,
            401,
            "invalid_client",
            "Client credentials are required.",
            **{"WWW-Authenticate": 'Basic realm="corridor"'},
        )
    client_id, secret = credentials
    record = request_audit(request)
    if record is not None:
        record.object_ids["client_id"] = client_id[:80]
    # Failures are limited per caller address, never per claimed client_id: a flood of
    # wrong secrets naming a client would otherwise lock the real client out. The real
    # client's own requests are limited once it has authenticated.
    limiter = request.app.state.rate_limiter
    failures = f"token-failures:{request.client.host if request.client else '-'}"
    retry_after = remember(request, limiter.decide(failures, take=False)).retry_after
    if retry_after is not None:
        return _too_many(request, retry_after)
    if not settings.accept_own_tokens:
        return _oauth_error(
            request, 400, "unauthorized_client", "Tokens come from the identity provider."
        )
    async with UnitOfWork.system(request.app.state.sessionmaker) as uow:
        client = await client_service.authenticate(uow, client_id, secret)
        if client is not None:
            client_organization, client_roles = client.organization_id, list(client.roles)
    if client is None:
        limiter.check(failures)
        return _oauth_error(
            request,
            401,
            "invalid_client",
            "The client credentials are not valid.",
            **{"WWW-Authenticate": 'Basic realm="corridor"'},
        )
    retry_after = remember(request, limiter.decide(f"token:{client_id}")).retry_after
    if retry_after is not None:
        return _too_many(request, retry_after)
    ttl = settings.client_token_ttl_seconds
    roles = [Role(role) for role in client_roles]
    # The audit row names the client as the actor.
    request.state.principal = Principal(
        sub=f"client:{client_id}",
        organization_id=client_organization,
        roles=frozenset(roles),
        client_id=client_id,
    )
    access_token = request.app.state.tokens.issue(
        sub=f"client:{client_id}",
        roles=[role.value for role in roles],
        organization_id=client_organization,
        ttl_seconds=ttl,
        client_id=client_id,
    )
    return JSONResponse(
        {"access_token": access_token, "token_type": "Bearer", "expires_in": ttl},
        headers=NO_STORE,
    )


@oauth.get(
    "/.well-known/jwks.json",
    response_model=Jwks,
    name="jwks",
    summary="The public keys that verify Corridor's tokens (RFC 7517)",
)
async def jwks(request: Request):
    """Every key a valid token may be signed with: the current one and, after a rotation,
    the previous ones until their tokens have expired."""
    return JSONResponse(
        request.app.state.keys.jwks(), headers={"Cache-Control": "public, max-age=300"}
    )


# -- audit -------------------------------------------------------------------------------

audit_events = APIRouter(route_class=AnsweredRoute, prefix="/v1/audit-events", tags=["audit"])


def _audit_event_body(row) -> dict:
    return AuditEvent(
        seq=row.seq,
        occurred_at=row.occurred_at,
        request_id=row.request_id,
        caller_request_id=row.caller_request_id,
        actor={
            "sub": row.actor_sub,
            "organization_id": row.organization_id,
            "roles": list(row.roles or []),
            "client_id": row.client_id,
        },
        operation=row.operation,
        object_type=row.object_type,
        object_id=row.object_id,
        object_ids=row.object_ids or {},
        patient_ids=list(row.patient_ids or []),
        outcome=row.outcome,
        status=row.status,
        chain_seq=row.chain_seq,
        hash=row.hash,
        prev_hash=row.prev_hash,
    ).model_dump(mode="json")


@audit_events.get(
    "", response_model=Page[AuditEvent], responses=problem_responses(401, 403, 422), name="list"
)
async def list_audit_events(
    principal: PrincipalDep,
    uow: UowDep,
    organization_id: Annotated[
        uuid.UUID | None, Query(description="Admins: only this organisation's rows.")
    ] = None,
    patient_id: Annotated[
        uuid.UUID | None, Query(description="Only accesses that touched this patient.")
    ] = None,
    object_id: Annotated[
        str | None, Query(max_length=80, description="Only accesses to this object.")
    ] = None,
    operation: Annotated[str | None, Query(max_length=120, description="An operationId.")] = None,
    outcome: Annotated[
        str | None, Query(pattern="^(allowed|denied|refused|error)$", description="How it ended.")
    ] = None,
    request_id: Annotated[
        str | None, Query(max_length=64, description="Only this request (our X-Request-Id).")
    ] = None,
    caller_request_id: Annotated[
        str | None,
        Query(max_length=64, description="Only requests that sent this X-Request-Id."),
    ] = None,
    since: Annotated[QueryDateTime | None, Query(alias="from")] = None,
    until: Annotated[QueryDateTime | None, Query(alias="to")] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Who accessed what, oldest first. Admins read every organisation's rows; an
    organisation's coordinators and payers read the rows of its own people and clients."""

    filters = audit_service.AuditFilters(
        organization_id=organization_id,
        patient_id=patient_id,
        object_id=object_id,
        operation=operation,
        outcome=outcome,
        request_id=request_id,
        caller_request_id=caller_request_id,
        since=since,
        until=until,
    )
    rows, next_cursor = await audit_service.list_events(uow, principal, filters, limit, cursor)
    return {"items": [_audit_event_body(row) for row in rows], "next_cursor": next_cursor}
