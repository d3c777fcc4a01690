"""Annotated dependencies shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.db.unit_of_work import UnitOfWork
from app.security.tokens import InvalidToken, Principal, TokenService
from app.settings import Settings

_bearer = HTTPBearer(auto_error=False, bearerFormat="JWT", scheme_name="bearerAuth")


def get_settings_from_app(request: Request) -> Settings:
    return request.app.state.settings


def get_token_service(request: Request) -> TokenService:
    return request.app.state.tokens


def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    challenge = {"WWW-Authenticate": 'Bearer realm="corridor"'}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "A bearer token is required.", headers=challenge)
    try:
        principal = request.app.state.tokens.verify(credentials.credentials)
    except InvalidToken:
        raise HTTPException(
            401,
            "The bearer token is invalid or expired.",
            headers={"WWW-Authenticate": 'Bearer realm="corridor", error="invalid_token"'},
        ) from None
    request.state.principal = principal
    return principal


def get_uow(request: Request) -> UnitOfWork:
    principal = getattr(request.state, "principal", None)
    return UnitOfWork(request.app.state.sessionmaker, principal=principal)


SettingsDep = Annotated[Settings, Depends(get_settings_from_app)]
TokensDep = Annotated[TokenService, Depends(get_token_service)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
# Resolved after the principal so the unit of work can scope the transaction to it.
UowDep = Annotated[UnitOfWork, Depends(get_uow)]

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
CursorDep = Annotated[
    str | None, Query(max_length=512, description="Opaque cursor from next_cursor.")
]
