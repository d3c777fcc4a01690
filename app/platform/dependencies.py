"""Annotated dependencies shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.access import audit
from app.access.limits import remember
from app.access.tokens import InvalidToken, Principal, TokenService
from app.db.unit_of_work import UnitOfWork
from app.domain.policies import DATA_ROLES
from app.platform.errors import Forbidden, PreconditionRequired, TooManyRequests
from app.platform.settings import Settings

_bearer = HTTPBearer(auto_error=False, bearerFormat="JWT", scheme_name="bearerAuth")

# Dependencies are `async def` although they await nothing: FastAPI runs a plain `def`
# dependency in the thread pool, a thread hop per dependency per request.


async def get_settings_from_app(request: Request) -> Settings:
    return request.app.state.settings


async def get_token_service(request: Request) -> TokenService:
    return request.app.state.tokens


async def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    challenge = {"WWW-Authenticate": 'Bearer realm="corridor"'}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "A bearer token is required.", headers=challenge)
    invalid = HTTPException(
        401,
        "The bearer token is invalid or expired.",
        headers={"WWW-Authenticate": 'Bearer realm="corridor", error="invalid_token"'},
    )
    try:
        principal = await request.app.state.tokens.authenticate(credentials.credentials)
    except InvalidToken:
        raise invalid from None
    if principal.client_id is not None and await request.app.state.revoked_clients.is_revoked(
        request.app.state.sessionmaker, principal.client_id
    ):
        raise invalid
    request.state.principal = principal
    decision = remember(request, request.app.state.rate_limiter.decide(rate_key(principal)))
    if decision.retry_after is not None:
        raise TooManyRequests(decision.retry_after)
    _refuse_data_to_organisation_administrators(request, principal)
    return principal


# The areas (OpenAPI tags) an organisation's administrator works in: its integration
# and its audit trail, and the reference data everyone reads.
ADMINISTRATION_TAGS = frozenset(
    {
        "organizations",
        "agreements",
        "eligibility",
        "directory",
        "webhooks",
        "api-clients",
        "audit",
    }
)


def _refuse_data_to_organisation_administrators(request: Request, principal: Principal) -> None:
    """An org_admin (without a data role) manages; it reads no case or patient data. One
    rule for every route, before any lookup, so the 403 says nothing about an object."""
    if principal.is_admin or principal.roles & DATA_ROLES:
        return
    route = request.scope.get("route")
    if not set(getattr(route, "tags", None) or ()) & ADMINISTRATION_TAGS:
        raise Forbidden(
            "An org_admin manages its organisation's API clients, webhooks and audit "
            "trail; case and patient data need a referrer, coordinator, clinician or "
            "payer role.",
            code="forbidden_role",
        )


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def rate_key(principal: Principal) -> str:
    """An API client is limited as one caller, whichever token it holds; a person by subject."""
    if principal.client_id:
        return f"client:{principal.client_id}"
    return f"sub:{principal.organization_id}:{principal.sub}"


async def get_uow(request: Request, principal: PrincipalDep) -> UnitOfWork:
    """The caller's unit of work. It depends on the principal itself, so FastAPI verifies the
    token first whatever the order of an endpoint's parameters: no endpoint can open a
    transaction without the caller's row-level security context."""
    uow = UnitOfWork(request.app.state.sessionmaker, principal, cursors=request.app.state.cursors)
    # The answers helpers write this request's audit row in the unit of work's transaction.
    uow.audit = request_audit(request)
    return uow


async def get_read_uow(request: Request, principal: PrincipalDep) -> UnitOfWork:
    """The unit of work of a read-only use case (the feed, statistics, the billing
    export): on the replica when one is configured and fresh enough
    (app.db.engine.ReadRouting), else as get_uow. Its audit row is written on the
    primary all the same."""
    state = request.app.state
    sessionmaker = await state.read_routing.for_reads()
    uow = UnitOfWork(sessionmaker, principal, cursors=state.cursors)
    if sessionmaker is not state.sessionmaker:
        uow.audit_sessionmaker = state.sessionmaker
    uow.audit = request_audit(request)
    return uow


def operation_id(route: APIRoute) -> str:
    """Stable operationIds from tag and route name: `cases-submit` (also the audit's name
    for the operation)."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name.replace('_', '-')}"


# Every /v1 request is on the trail, those refused before routing too (no route: 404, a
# trailing slash, a mangled path): a prober must not stay off it.
AUDITED_PREFIX = "/v1/"
UNROUTED_OPERATION = "unrouted"
# What the trail keeps of a value from the path: object_id is 80 characters.
AUDITED_VALUE_LENGTH = 80


def is_audited(request: Request) -> bool:
    return is_audited_scope(request.scope)


def is_audited_scope(scope: dict) -> bool:
    """Whether the request has an audit row: the API's paths and the token endpoint."""
    route = scope.get("route")
    if isinstance(route, APIRoute):
        return route.path.startswith(AUDITED_PREFIX) or route.path == "/oauth/token"
    path = scope.get("path", "")
    return route is None and (path.startswith(AUDITED_PREFIX) or path == "/v1")


def audited_value(value: object) -> str:
    """A value from the request's path as the trail keeps it: control characters (NUL
    first: PostgreSQL stores none) and unpaired surrogates escaped, at most
    AUDITED_VALUE_LENGTH characters (a marked cut)."""
    text = str(value)
    if not text.isprintable():  # unpaired surrogates are not printable either
        text = "".join(
            char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
            for char in text
        )
    if len(text) > AUDITED_VALUE_LENGTH:
        text = text[: AUDITED_VALUE_LENGTH - 1] + "…"
    return text


def request_audit(request: Request) -> audit.RequestAudit | None:
    """The request's audit record, made once: the operation and the ids in its path (a
    request no route took: `unrouted` and its path), each value bounded and escaped."""
    existing = getattr(request.state, "audit", None)
    if existing is not None:
        return existing
    if not is_audited(request):
        return None
    route = request.scope.get("route")
    if isinstance(route, APIRoute):
        operation = route.operation_id or operation_id(route)
        object_ids = {name: audited_value(value) for name, value in request.path_params.items()}
    else:
        operation = UNROUTED_OPERATION
        object_ids = {"path": audited_value(request.scope.get("path", ""))}
    record = audit.RequestAudit(
        operation=operation,
        request_id=getattr(request.state, "request_id", None),
        caller_request_id=getattr(request.state, "caller_request_id", None),
        object_ids=object_ids,
    )
    request.state.audit = record
    return record


SettingsDep = Annotated[Settings, Depends(get_settings_from_app)]
TokensDep = Annotated[TokenService, Depends(get_token_service)]
UowDep = Annotated[UnitOfWork, Depends(get_uow)]
ReadUowDep = Annotated[UnitOfWork, Depends(get_read_uow)]

IfMatchDep = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The version last read, as returned in ETag ("3"). Stale: 412.',
    ),
]
IdempotencyKeyDep = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=255,
        description="Repeat a POST safely: a repeat within 24 h replays the stored answer.",
    ),
]
LimitDep = Annotated[int, Query(ge=1, le=200, description="Page size (max 200).")]
# The event feed's items are thin: a consumer catching up reads up to 1,000 a page.
FeedLimitDep = Annotated[int, Query(ge=1, le=1000, description="Page size (max 1000).")]
CursorDep = Annotated[
    str | None, Query(max_length=512, description="Opaque cursor from next_cursor.")
]


async def require_if_match(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description='The version last read, as returned in ETag ("3"); required (428 without).',
        ),
    ] = None,
) -> str:
    if if_match is None:
        raise PreconditionRequired()
    return if_match


# PATCH needs the version the caller last read: a write without it would be blind.
RequiredIfMatchDep = Annotated[str, Depends(require_if_match)]
