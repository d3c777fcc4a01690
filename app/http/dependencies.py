"""Annotated dependencies shared by the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer

from app.access import audit
from app.access.limits import remember
from app.access.tokens import InvalidToken, TokenService
from app.db.unit_of_work import UnitOfWork
from app.domain.policies import DATA_ROLES
from app.domain.principal import Principal
from app.http import idempotency
from app.http.answers import Answering, Replayed, answering_of
from app.platform.errors import Conflict, Forbidden, PreconditionRequired, TooManyRequests
from app.platform.query_parameters import refuse_unknown_query_parameters
from app.platform.request_bodies import refuse_ambiguous_json_body
from app.platform.settings import Settings

# Dependencies are `async def` although they await nothing: FastAPI runs a plain `def`
# dependency in the thread pool, a thread hop per dependency per request.


async def refuse_malformed_request(request: Request) -> None:
    """The application's one dependency on every route, after routing (a refusal is
    audited under its operation) and before authentication and any lookup: unknown query
    parameters and duplicate JSON keys are refused and nothing is touched. One dependency
    rather than two: FastAPI's cost per request grows with the dependencies it solves."""
    await refuse_unknown_query_parameters(request)
    await refuse_ambiguous_json_body(request)


async def get_settings_from_app(request: Request) -> Settings:
    return request.app.state.settings


async def get_token_service(request: Request) -> TokenService:
    return request.app.state.tokens


class BearerPrincipal(HTTPBearer):
    """The caller, from the request's bearer token: the OpenAPI security scheme
    (`bearerAuth`, as an HTTPBearer) and the authentication in one dependency, so FastAPI
    solves one dependency for it per request, not two."""

    async def __call__(self, request: Request) -> Principal:  # type: ignore[override]
        challenge = {"WWW-Authenticate": 'Bearer realm="corridor"'}
        credentials = await super().__call__(request)
        if credentials is None:
            raise HTTPException(401, "A bearer token is required.", headers=challenge)
        invalid = HTTPException(
            401,
            "The bearer token is invalid or expired.",
            headers={"WWW-Authenticate": 'Bearer realm="corridor", error="invalid_token"'},
        )
        state = request.app.state
        try:
            principal = await state.tokens.authenticate(credentials.credentials)
        except InvalidToken:
            raise invalid from None
        if principal.client_id is not None and await state.revoked_clients.is_revoked(
            state.sessionmaker, principal.client_id
        ):
            raise invalid
        request.state.principal = principal
        decision = remember(request, state.rate_limiter.decide(rate_key(principal)))
        if decision.retry_after is not None:
            raise TooManyRequests(decision.retry_after)
        _refuse_data_to_organisation_administrators(request, principal)
        return principal


get_principal = BearerPrincipal(auto_error=False, bearerFormat="JWT", scheme_name="bearerAuth")


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


async def get_uow(request: Request, principal: PrincipalDep) -> AsyncIterator[UnitOfWork]:
    """The caller's unit of work, open for the request's handler and closed (rolled back
    unless the pipeline committed it) when the handler is done, before the answer is
    sent. It depends on the principal itself, so FastAPI verifies the token first whatever
    the order of an endpoint's parameters: no endpoint can open a transaction without the
    caller's row-level security context."""
    state = request.app.state
    async with _answered(
        request, UnitOfWork(state.sessionmaker, principal, cursors=state.cursors)
    ) as uow:
        yield uow


async def get_read_uow(request: Request, principal: PrincipalDep) -> AsyncIterator[UnitOfWork]:
    """The unit of work of a read-only use case (the feed, statistics, the billing
    export): on the replica when one is configured and fresh enough
    (app.db.engine.ReadRouting), else as get_uow. Its audit row is written on the
    primary all the same."""
    state = request.app.state
    sessionmaker = await state.read_routing.for_reads()
    uow = UnitOfWork(sessionmaker, principal, cursors=state.cursors)
    if sessionmaker is not state.sessionmaker:
        uow.audit_sessionmaker = state.sessionmaker
    async with _answered(request, uow) as opened:
        yield opened


async def limit_public_caller(request: Request) -> None:
    """A route without a token is rate-limited per client address."""
    address = request.client.host if request.client else "unknown"
    decision = remember(request, request.app.state.rate_limiter.decide(f"addr:{address}"))
    if decision.retry_after is not None:
        raise TooManyRequests(decision.retry_after)


async def get_public_uow(
    request: Request, _limited: Annotated[None, Depends(limit_public_caller)]
) -> AsyncIterator[UnitOfWork]:
    """The unit of work of a public answer (the directory): no caller, so row-level
    security's system context; the use case itself reads only public data."""
    state = request.app.state
    async with _answered(
        request, UnitOfWork.system(state.sessionmaker, cursors=state.cursors)
    ) as uow:
        yield uow


@asynccontextmanager
async def _answered(request: Request, uow: UnitOfWork) -> AsyncIterator[UnitOfWork]:
    # The answers pipeline writes this request's audit row in the unit of work's transaction.
    uow.audit = request_audit(request)
    answering = Answering(uow)
    request.state.answering = answering
    async with uow:
        yield uow
        if not answering.finished:
            # A route outside the pipeline (not an AnsweredRoute) would lose its writes.
            raise RuntimeError(f"{request.scope.get('route')} is not answered by AnsweredRoute")


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
# scope="function": the unit of work closes when the handler is done, before the answer
# is sent (the pipeline has committed it by then), not after.
UowDep = Annotated[UnitOfWork, Depends(get_uow, scope="function")]
ReadUowDep = Annotated[UnitOfWork, Depends(get_read_uow, scope="function")]
PublicUowDep = Annotated[UnitOfWork, Depends(get_public_uow, scope="function")]

IfMatchDep = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The version last read, as returned in ETag ("3"). Stale: 412.',
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


# -- idempotency keys -------------------------------------------------------------------


class Idempotent:
    """A POST that may carry an Idempotency-Key: reserved in the request's transaction
    before the handler runs; a stored answer is replayed by the pipeline
    (app.http.answers.Replayed).

    `fingerprint`: how a repeat is recognised. By default the method, path and body; a
    route whose body is a stream (an upload) says `deferred` and calls `reserve` itself
    once it has the fingerprint (the form and the file's digest).
    `shown_once`: the answer's fields that hold a secret shown this once: never stored,
    and a replay is 409 `secret_shown_once` naming the object, not the answer."""

    def __init__(self, *, fingerprint: str = "body", shown_once: tuple[str, ...] = ()) -> None:
        self.deferred = fingerprint == "deferred"
        self.shown_once = shown_once

    async def __call__(
        self,
        request: Request,
        uow: Annotated[UnitOfWork, Depends(get_uow, scope="function")],
        key: Annotated[
            str | None,
            Header(
                alias="Idempotency-Key",
                max_length=255,
                description="Repeat a POST safely: a repeat within 24 h replays the stored answer.",
            ),
        ] = None,
    ) -> IdempotencyKey | None:
        if key is None:
            return None
        reservation = IdempotencyKey(request, uow, key, self.shown_once)
        if not self.deferred:
            await reservation.reserve(
                idempotency.fingerprint(request.method, request.url.path, await request.body())
            )
        return reservation


class IdempotencyKey:
    def __init__(
        self, request: Request, uow: UnitOfWork, key: str, shown_once: tuple[str, ...]
    ) -> None:
        self.request, self.uow, self.key, self.shown_once = request, uow, key, shown_once

    async def reserve(self, print_: str) -> None:
        """Take the key for this request, or raise the pipeline's replay of its answer."""
        settings = self.request.app.state.settings
        scope = idempotency.scope_of(self.uow.principal)
        stored = await idempotency.reserve(
            self.uow, scope, self.key, print_, timedelta(hours=settings.idempotency_ttl_hours)
        )
        if stored is None:
            answering = answering_of(self.request)
            answering.key, answering.shown_once = (scope, self.key), self.shown_once
            return
        if idempotency.SHOWN_ONCE_HEADER in stored.headers:
            body = stored.body if isinstance(stored.body, dict) else {}
            raise Conflict(
                "This request was answered already. Its secret was shown once and is not "
                "kept; if it was lost, revoke or delete the object and create a new one.",
                code="secret_shown_once",
                object_id=body.get("id"),
            )
        raise Replayed(stored)


# A POST that may be repeated safely; routes with their own needs build `Idempotent(...)`.
IdempotencyDep = Annotated["IdempotencyKey | None", Depends(Idempotent())]
