"""One log line per request, and the request id (applied by the edge, app/edge.py,
outermost).

The request id is always ours (a fresh UUID): a caller's `X-Request-Id` is kept, when
it is a plain token, as `caller_request_id` beside it, in the log line and the audit
row, and never replaces it (a caller could otherwise forge or collide with another's).
The line names the route template (`/v1/cases/{case_id}`), never the URL, so no query
string and no identifier reaches the log.

"""

from __future__ import annotations

import re
import time
from typing import Any

import structlog
from starlette.types import Message, Scope

log = structlog.get_logger("corridor.request")

# A caller's X-Request-Id is kept when it is a plain token.
CALLER_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
REQUEST_ID_HEADER = b"x-request-id"


def caller_request_id(offered: bytes | None) -> str | None:
    """A caller's X-Request-Id, kept beside ours when it is a plain token."""
    if offered is None:
        return None
    text = offered.decode("latin-1")
    return text if CALLER_REQUEST_ID.fullmatch(text) else None


def with_request_id(message: Message, request_id: bytes) -> Message:
    """The answer's start with our request id, whatever id the answer carried."""
    headers = [
        (key, value)
        for key, value in message.get("headers", [])
        if key.lower() != REQUEST_ID_HEADER
    ]
    headers.append((REQUEST_ID_HEADER, request_id))
    return {**message, "headers": headers}


def log_request(
    scope: Scope,
    request_id: str,
    caller_request_id: str | None,
    status: int | None,
    started: float,
) -> None:
    """The request's one log line (route template, never the URL)."""
    route = scope.get("route")
    principal = scope.get("state", {}).get("principal")
    organization_id = getattr(principal, "organization_id", None)
    fields: dict[str, Any] = {
        "request_id": request_id,
        "method": scope.get("method"),
        "route": getattr(route, "path", None) or "-",
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "organization_id": str(organization_id) if organization_id else None,
    }
    if caller_request_id:
        fields["caller_request_id"] = caller_request_id
    if status is not None and status >= 500:
        log.error("request", **fields)
    else:
        log.info("request", **fields)
