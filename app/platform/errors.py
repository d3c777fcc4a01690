"""Errors a use case raises besides the domain's own (which live in app.domain.errors).

They carry a stable `code` and a `detail` that never contains patient data;
app.platform.problems turns them into RFC 9457 answers.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    code = "error"

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        self.extra = extra


class NotFound(ServiceError):
    """Missing, or outside the caller's organisations: the two are never told apart."""

    code = "not_found"

    def __init__(self, resource: str) -> None:
        super().__init__(f"No {resource} with this id is visible to you.")
        self.resource = resource


class Forbidden(ServiceError):
    code = "forbidden"


class Conflict(ServiceError):
    code = "conflict"


class InvalidRequest(ServiceError):
    """Well-formed but refused input (HTTP 422)."""

    code = "invalid_request"


class PreconditionFailed(ServiceError):
    code = "precondition_failed"

    def __init__(self, current_version: int) -> None:
        super().__init__(
            "If-Match does not match the current version; read the resource again.",
            current_version=current_version,
        )


class PreconditionRequired(ServiceError):
    code = "precondition_required"

    def __init__(self) -> None:
        super().__init__("This write needs an If-Match header with the version you last read.")


class Gone(ServiceError):
    code = "gone"


class TooManyRequests(ServiceError):
    code = "rate_limited"

    def __init__(
        self,
        retry_after: int,
        detail: str = "Too many requests; retry later.",
        *,
        code: str | None = None,
    ) -> None:
        super().__init__(detail, code=code, retry_after=retry_after)
        self.retry_after = retry_after


class RequestTimeout(ServiceError):
    """The client did not send its request in time (HTTP 408); the connection is closed."""

    code = "request_timeout"


class PayloadTooLarge(ServiceError):
    code = "request_too_large"


class UnsupportedMediaType(ServiceError):
    code = "unsupported_media_type"


class NotAcceptable(ServiceError):
    """No representation the operation has matches the request's Accept."""

    code = "not_acceptable"
