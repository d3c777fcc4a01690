"""Browser access (CORS) for the origins an operator lists in CORRIDOR_CORS_ORIGINS:
Starlette's CORSMiddleware, answering every preflight itself.

A preflight (OPTIONS with Origin and Access-Control-Request-Method) never reaches the
routes: it is not a request for data, so it is neither audited nor rate limited, and the
unknown-query-parameter rule does not judge it. An allowed origin gets the headers a
browser needs (Authorization, Idempotency-Key and If-Match allowed; ETag, Location, the
request id, Idempotent-Replayed and the rate-limit headers exposed); any other origin
gets none of them: a 403 problem without an Access-Control-* header."""

from __future__ import annotations

import functools

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.platform.problems import problem_response

ALLOWED_METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")
# Request headers a browser page may send beyond the CORS-safelisted ones.
ALLOWED_HEADERS = (
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "Accept-Language",
    "X-Request-Id",
)
# Answer headers a browser page may read beyond the CORS-safelisted ones.
EXPOSED_HEADERS = (
    "ETag",
    "Location",
    "X-Request-Id",
    "Idempotent-Replayed",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
    "Content-Disposition",
)
# Browsers may cache a preflight's answer this long (seconds).
PREFLIGHT_MAX_AGE = 600


class BrowserAccess:
    """The CORS rules; applied by the edge (app/edge.py) to requests that name an Origin,
    outside the audit. Requests without one (every server-to-server call) never touch it."""

    def __init__(self, origins: list[str]) -> None:
        self.origins = frozenset(origins)
        # Starlette's preflight answer and simple-response headers; its `app` is never
        # called (`wrap` gives it the application of each request).
        self._cors = CORSMiddleware(
            _never_called,
            allow_origins=list(origins),
            allow_methods=list(ALLOWED_METHODS),
            allow_headers=list(ALLOWED_HEADERS),
            expose_headers=list(EXPOSED_HEADERS),
            max_age=PREFLIGHT_MAX_AGE,
        )

    async def handle(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        app: ASGIApp,
        origin: str,
        preflight: bool,
    ) -> None:
        """A request with an `Origin`: a preflight is answered here (a 403 problem for an
        origin not listed); any other request goes to `app`, with the CORS headers on its
        answer when its origin is listed."""
        headers = Headers(scope=scope)
        if origin not in self.origins:
            if not preflight:
                # Not a browser's cross-origin call we allow: no Access-Control-* header at
                # all (Starlette would still add Access-Control-Expose-Headers).
                await app(scope, receive, send)
                return
            answer = problem_response(
                Request(scope),
                403,
                "origin_not_allowed",
                "This origin may not call the API from a browser page; the operator lists "
                "the origins that may in CORRIDOR_CORS_ORIGINS.",
            )
            await answer(scope, receive, send)
            return
        if preflight:
            await self._cors.preflight_response(request_headers=headers)(scope, receive, send)
            return
        with_cors = functools.partial(self._cors.send, send=send, request_headers=headers)
        await app(scope, receive, with_cors)


async def _never_called(scope: Scope, receive: Receive, send: Send) -> None:
    raise RuntimeError("BrowserAccess calls the request's application itself")
