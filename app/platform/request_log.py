"""One log line per request, and the request id: a pure ASGI middleware (outermost).

The request id is always ours (a fresh UUID): a caller's `X-Request-Id` is kept, when
it is a plain token, as `caller_request_id` beside it, in the log line and the audit
row, and never replaces it (a caller could otherwise forge or collide with another's).
The line names the route template (`/v1/cases/{case_id}`), never the URL, so no query
string and no identifier reaches the log.

It also turns a database outage that escaped every handler (in a middleware, say)
into a 503 `database_unavailable` instead of a dropped connection.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.platform.problems import resource_problem

log = structlog.get_logger("corridor.request")

# A caller's X-Request-Id is kept when it is a plain token.
CALLER_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
REQUEST_ID_HEADER = b"x-request-id"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        offered = _header(scope, REQUEST_ID_HEADER)
        caller_request_id = offered if offered and CALLER_REQUEST_ID.fullmatch(offered) else None
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["caller_request_id"] = caller_request_id
        started = time.perf_counter()
        status: dict[str, Any] = {"code": None}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = [
                    (key, value)
                    for key, value in message.get("headers", [])
                    if key.lower() != REQUEST_ID_HEADER
                ]
                headers.append((REQUEST_ID_HEADER, request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as error:
            answer = (
                resource_problem(scope.get("app"), error, scope.get("path"), request_id)
                if status["code"] is None
                else None
            )
            if answer is not None:
                await answer(scope, receive, send_with_id)
            else:
                # The error handler outside logs the exception (types and frames only).
                self._line(scope, request_id, caller_request_id, status["code"] or 500, started)
                raise
        self._line(scope, request_id, caller_request_id, status["code"], started)

    @staticmethod
    def _line(
        scope: Scope,
        request_id: str,
        caller_request_id: str | None,
        status: int | None,
        started: float,
    ) -> None:
        route = scope.get("route")
        principal = scope.get("state", {}).get("principal")
        organization_id = getattr(principal, "organization_id", None)
        fields = {
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
