"""OAuth 2.0 client credentials (RFC 6749 §4.4) and the published signing keys."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated
from urllib.parse import unquote_plus

from fastapi import APIRouter, Form, Header, Request
from fastapi.responses import JSONResponse

from app.access import service as client_service
from app.access.limits import remember
from app.access.schemas import Jwks, TokenRequest, TokenResponse
from app.access.tokens import Principal
from app.db.unit_of_work import UnitOfWork
from app.domain.vocabulary import Role
from app.platform.dependencies import request_audit
from app.platform.problems import problem_response, problem_responses

router = APIRouter(tags=["oauth"])

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


@router.post(
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


@router.get(
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
