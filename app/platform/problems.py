"""RFC 9457 problem details: the one mapping from errors to HTTP answers."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.domain import errors as domain_errors
from app.domain import logistics as logistics_rules
from app.platform import errors as service_errors
from app.platform.database_errors import (
    RETRY_AFTER_SECONDS,
    STORAGE_FULL_RETRY_AFTER_SECONDS,
    StorageFullMemory,
    is_database_unavailable,
    is_storage_full,
)
from app.platform.problem_texts import language_of, localise

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://corridor.dev/problems/"
# Problem is only referenced by hand, so app.platform.openapi_contract adds it to the components.
PROBLEM_SCHEMA_REF = {"$ref": "#/components/schemas/Problem"}


class FieldError(BaseModel):
    pointer: str = Field(description="JSON pointer into the request: /body/..., /query/..., ...")
    detail: str


class Problem(BaseModel):
    """An RFC 9457 problem. `code` is the stable, machine-readable slug."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    request_id: str | None = None
    current_status: str | None = Field(default=None, description="invalid_transition only")
    allowed_actions: list[str] | None = Field(default=None, description="invalid_transition only")
    missing: list[str] | None = Field(default=None, description="guard_failed only")
    route: str | None = Field(default=None, description="route_not_applicable only")
    failed_conditions: list[str] | None = Field(
        default=None,
        description="route_not_applicable only: the regime's conditions the case fails",
    )
    errors: list[FieldError] | None = Field(default=None, description="validation_failed only")


# Error class -> HTTP status. Subclasses inherit their parent's status; the most
# specific class listed wins.
STATUS_BY_ERROR: dict[type[Exception], int] = {
    domain_errors.InvalidTransition: 409,
    domain_errors.GuardFailed: 422,
    domain_errors.ActionForbidden: 403,
    domain_errors.FieldsNotEditable: 409,
    logistics_rules.InvalidTaskTransition: 409,
    logistics_rules.ChecklistClosed: 409,
    domain_errors.DomainError: 422,
    service_errors.NotFound: 404,
    service_errors.Forbidden: 403,
    service_errors.Conflict: 409,
    service_errors.InvalidRequest: 422,
    service_errors.PreconditionFailed: 412,
    service_errors.PreconditionRequired: 428,
    service_errors.Gone: 410,
    service_errors.TooManyRequests: 429,
    service_errors.RequestTimeout: 408,
    service_errors.PayloadTooLarge: 413,
    service_errors.UnsupportedMediaType: 415,
    service_errors.NotAcceptable: 406,
    service_errors.ServiceError: 400,
}


def status_for(error: Exception) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 500


def problem_response(
    request: Request | None,
    status: int,
    code: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    members = {key: value for key, value in extra.items() if value is not None}
    language = language_of(request.headers.get("Accept-Language") if request else None)
    title, detail = localise(code, status, detail, language, members)
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    # The texts follow Accept-Language; caches must keep the languages apart.
    headers = {**(headers or {}), "Content-Language": language, "Vary": "Accept-Language"}
    if request is not None:
        body["instance"] = request.url.path
        request_id = getattr(request.state, "request_id", None)
        if request_id:
            body["request_id"] = request_id
    body.update(members)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def unavailable_response(instance: str | None, request_id: str | None) -> JSONResponse:
    """503 `database_unavailable`: the database could not be reached; retry later."""
    return problem_response(
        None,
        503,
        "database_unavailable",
        "The database is unavailable; retry shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        instance=instance,
        request_id=request_id,
    )


def storage_full_response(instance: str | None, request_id: str | None) -> JSONResponse:
    """503 `storage_full`: the database's disk or the object store is full; nothing was
    changed; retry once an operator has freed space."""
    return problem_response(
        None,
        503,
        "storage_full",
        "The storage is full; nothing was changed. Retry later.",
        headers={"Retry-After": str(STORAGE_FULL_RETRY_AFTER_SECONDS)},
        instance=instance,
        request_id=request_id,
    )


def storage_full_memory(app: Any) -> StorageFullMemory:
    """The app's memory of a recent full storage (readiness reads it)."""
    memory = getattr(app.state, "storage_full", None)
    if memory is None:
        memory = app.state.storage_full = StorageFullMemory()
    return memory


def resource_problem(app: Any, error: BaseException, instance: str | None, request_id: str | None):
    """The 503 for a storage that is full or a database that is unavailable; else None."""
    if is_storage_full(error):
        if app is not None:
            storage_full_memory(app).note()
        log.error("storage full (request %s): %s", request_id or "-", type(error).__name__)
        return storage_full_response(instance, request_id)
    if is_database_unavailable(error):
        return unavailable_response(instance, request_id)
    return None


def _extra_for(error: Exception) -> dict[str, Any]:
    if isinstance(error, domain_errors.InvalidTransition):
        return {
            "current_status": str(error.current_status),
            "allowed_actions": list(error.allowed_actions),
        }
    if isinstance(error, domain_errors.DomainError) and hasattr(error, "current_status"):
        extra = {"current_status": error.current_status}
        if hasattr(error, "allowed_actions"):
            extra["allowed_actions"] = list(error.allowed_actions)
        return extra
    if isinstance(error, domain_errors.GuardFailed):
        return {"missing": list(error.missing)}
    if isinstance(error, service_errors.ServiceError):
        return {
            key: value if isinstance(value, (int, list)) else str(value)
            for key, value in error.extra.items()
            if value is not None
        }
    return {}


def _pointer(location: tuple) -> str:
    parts = [str(part) for part in location]
    return "/" + "/".join(parts)


def _allowed_methods(request: Request) -> str:
    """Every method some route serves on this path (the router names only the first route's)."""
    allowed = [
        method
        for method in ("DELETE", "GET", "PATCH", "POST", "PUT")
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.routes
        )
    ]
    return ", ".join(allowed)


# PostgreSQL refuses NUL in text and jsonb ("character not in repertoire", "untranslatable
# character"): whatever parameter carried it, the request is at fault, not the server.
UNSTORABLE_TEXT_SQLSTATES = frozenset({"22021", "22P05"})


def _sqlstate(error: DBAPIError) -> str | None:
    original = error.orig
    return getattr(original, "sqlstate", None) or getattr(original.__cause__, "sqlstate", None)


def install_problem_handlers(app: FastAPI) -> None:
    async def on_known_error(request: Request, error: Exception) -> JSONResponse:
        status = status_for(error)
        headers = None
        if isinstance(error, service_errors.TooManyRequests):
            headers = {"Retry-After": str(error.retry_after)}
        if isinstance(error, service_errors.RequestTimeout):
            # The rest of the body is not worth waiting for (RFC 9110, 15.5.9).
            headers = {"Connection": "close"}
        return problem_response(
            request, status, error.code, error.detail, headers=headers, **_extra_for(error)
        )

    async def on_validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        field_errors = [
            {"pointer": _pointer(item.get("loc", ())), "detail": item.get("msg", "invalid")}
            for item in error.errors()
        ]
        return problem_response(
            request,
            422,
            "validation_failed",
            "The request does not match the schema; see errors.",
            errors=field_errors,
        )

    async def on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {
            401: "unauthenticated",
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
            413: "request_too_large",
        }.get(error.status_code, f"http_{error.status_code}")
        detail = (
            error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        )
        headers = getattr(error, "headers", None)
        if error.status_code == 404:
            detail = "No such resource."
        if error.status_code == 405:
            headers = {**(headers or {}), "Allow": _allowed_methods(request)}
        return problem_response(request, error.status_code, code, detail, headers=headers)

    async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        answer = resource_problem(
            request.app, error, request.url.path, getattr(request.state, "request_id", None)
        )
        if answer is not None:
            return answer
        # Logged with the request id only: the exception text may hold patient data.
        log.error(
            "unhandled %s on %s %s (request %s)",
            type(error).__name__,
            request.method,
            request.url.path,
            getattr(request.state, "request_id", "-"),
            exc_info=error,
        )
        return problem_response(
            request, 500, "internal_error", "An unexpected error occurred; it has been logged."
        )

    app.add_exception_handler(domain_errors.DomainError, on_known_error)
    app.add_exception_handler(service_errors.ServiceError, on_known_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)

    async def on_database_error(request: Request, error: Exception) -> JSONResponse:
        if isinstance(error, DBAPIError) and _sqlstate(error) in UNSTORABLE_TEXT_SQLSTATES:
            return problem_response(
                request,
                422,
                "unstorable_text",
                "Text must not contain U+0000 or unpaired surrogates.",
            )
        return await on_unexpected(request, error)

    # Handled here, inside the middleware stack, so the connection stays open (an error
    # that reaches the outermost handler makes the server close it).
    for database_error in (
        DBAPIError,
        PoolTimeout,
        OSError,
        asyncpg.PostgresError,
        asyncpg.InterfaceError,
    ):
        app.add_exception_handler(database_error, on_database_error)
    app.add_exception_handler(Exception, on_unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries declaring problem answers for a route.

    No `model=`: FastAPI would publish it under application/json and leave the
    problem+json entry without a schema.
    """
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": dict(PROBLEM_SCHEMA_REF)}},
        }
        for status in statuses
    }
