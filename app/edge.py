"""The edge: the one pure ASGI middleware every request crosses, outside FastAPI's own.

In this order, each rule kept where it lives:
- the request id (ours, always) and the caller's, the request's one log line, and a 503
  problem for a database outage or a full disk that escaped every handler
  (app/platform/request_log.py, app/platform/problems.py);
- the body size limit, before anything reads the body (app/access/limits.py);
- browser access: a preflight answered here, neither audited nor rate limited
  (app/platform/cors.py); requests without an Origin never meet it;
- the audit row of a request that did not write its own, before its answer leaves, then
  the security headers and the RateLimit headers on that answer.

One layer instead of four: a request pays one call and one `send` wrapper (two for a
browser's cross-origin call), and its headers are read once (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.access import audit
from app.access.limits import BodySizeLimit, add_rate_limit_headers
from app.db.unit_of_work import UnitOfWork
from app.http.dependencies import is_audited_scope, request_audit
from app.platform.cors import BrowserAccess
from app.platform.database_errors import is_database_unavailable, is_storage_full
from app.platform.problems import resource_problem
from app.platform.request_log import caller_request_id, log_request, with_request_id
from app.platform.security_headers import add_security_headers

log = logging.getLogger(__name__)


async def record_unaudited_request(request: Request, status: int) -> None:
    """The audit row of a request that did not write its own in its transaction: denied
    attempts (401/403/404), refusals and errors, requests no route took (`unrouted`), in
    a short transaction of their own."""
    record = request_audit(request)
    if record is None or record.recorded:
        return
    principal = getattr(request.state, "principal", None)
    try:
        sessionmaker = request.app.state.sessionmaker
        # An anonymous or refused caller's row is written by the system itself.
        uow = UnitOfWork(sessionmaker, principal) if principal else UnitOfWork.system(sessionmaker)
        async with uow:
            await audit.append(uow.session, record.entry(principal, status))
            await uow.commit()
        record.recorded = True
    except Exception as error:
        # The answer stands; the missing row is loud in the logs (request id only).
        if is_database_unavailable(error):
            log.warning("audit: database unavailable, request %s not recorded", record.request_id)
        elif is_storage_full(error):
            # The disk is full: the answer was 503 storage_full already; one line, no trace.
            log.warning("audit: storage full, request %s not recorded", record.request_id)
        else:
            log.exception("audit: could not record request %s", record.request_id)


async def _audit_if_unrecorded(scope: Scope, status: int) -> None:
    record = scope["state"].get("audit")
    if record is not None and record.recorded:
        return  # the request's own transaction wrote it: the usual case, nothing to build
    if is_audited_scope(scope):
        await record_unaudited_request(Request(scope), status)


class Edge:
    def __init__(
        self,
        app: ASGIApp,
        *,
        body_limit: BodySizeLimit,
        browser_access: BrowserAccess,
        liveness: Route | None = None,
    ) -> None:
        self.app = app
        self.body_limit = body_limit
        self.browser_access = browser_access
        self.liveness = liveness

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        request_id_bytes = request_id.encode()
        offered = declared = origin = None
        chunked = asks_preflight = False
        # ASGI header names are lower-case; one pass for every header the edge reads.
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                if offered is None:
                    offered = value
            elif name == b"content-length":
                declared = value
            elif name == b"transfer-encoding":
                chunked = True
            elif name == b"origin":
                if origin is None:
                    origin = value
            elif name == b"access-control-request-method":
                asks_preflight = True
        caller = caller_request_id(offered)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["caller_request_id"] = caller
        started = time.perf_counter()
        answered: dict[str, Any] = {"status": None}

        async def send_with_id(message: Message) -> None:
            """Answers made here (413, preflight) and a cross-origin call's answer."""
            if message["type"] == "http.response.start":
                answered["status"] = message["status"]
                message = with_request_id(message, request_id_bytes)
            await send(message)

        async def send_direct(message: Message) -> None:
            """The application's answer to a request without an Origin: every header in
            one wrapper."""
            if message["type"] == "http.response.start":
                status = answered["status"] = message["status"]
                # Before the answer leaves: a denied or refused request is on record first.
                await _audit_if_unrecorded(scope, status)
                headers = MutableHeaders(scope=message)
                add_security_headers(scope["path"], headers)
                add_rate_limit_headers(scope, headers)
                message = with_request_id(message, request_id_bytes)
            await send(message)

        try:
            body = await self.body_limit.admit(scope, receive, send_with_id, declared, chunked)
            if body is None:
                pass  # refused: the 413 has been sent
            elif origin is None:
                await self._audited(scope, body, send_direct)
            else:
                await self.browser_access.handle(
                    scope,
                    body,
                    send_with_id,
                    self._audited_with_headers,
                    origin.decode("latin-1"),
                    preflight=scope["method"] == "OPTIONS" and asks_preflight,
                )
        except Exception as error:
            answer = (
                resource_problem(scope.get("app"), error, scope.get("path"), request_id)
                if answered["status"] is None
                else None
            )
            if answer is None:
                # The error handler outside logs the exception (types and frames only).
                log_request(scope, request_id, caller, answered["status"] or 500, started)
                raise
            await answer(scope, receive, send_with_id)
        log_request(scope, request_id, caller, answered["status"], started)

    async def _audited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The application; a request that fails before its row is written is on record
        with a 500."""
        try:
            liveness = self.liveness
            if (
                liveness is not None
                and scope["path"] == liveness.path
                and scope["method"] in ("GET", "HEAD")
                and not scope["query_string"]
            ):
                # An orchestrator's probe, every few seconds on every process: answered
                # here, past the router and the exception layer it cannot need (no query,
                # no body, a method it takes). Anything else on the path goes the usual way.
                await liveness.handle(scope, receive, send)
            else:
                await self.app(scope, receive, send)
        except Exception:
            await _audit_if_unrecorded(scope, 500)
            raise

    async def _audited_with_headers(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`_audited` under browser access: its audit and headers before the CORS ones."""

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                await _audit_if_unrecorded(scope, message["status"])
                headers = MutableHeaders(scope=message)
                add_security_headers(scope["path"], headers)
                add_rate_limit_headers(scope, headers)
            await send(message)

        await self._audited(scope, receive, send_with_headers)
