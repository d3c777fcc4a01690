"""Request limits: body size (413) and a per-client rate limit (429 with Retry-After)."""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import dataclass

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.platform.problems import problem_response


class BodySizeLimit:
    """Refuse request bodies over `max_bytes`: by Content-Length before reading, else (a
    chunked body that does not announce its size) by reading it here, up to the limit,
    before the application sees any of it."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, streamed: dict[re.Pattern, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # POST paths whose handler reads the body as a stream and enforces its own cap:
        # refused here only by a declared Content-Length over their limit, never buffered.
        self.streamed = streamed or {}

    def _refuse(self, limit: int | None = None) -> Response:
        return problem_response(
            None,
            413,
            "request_too_large",
            f"The request body exceeds {limit or self.max_bytes} bytes.",
        )

    def _streamed_limit(self, scope: Scope) -> int | None:
        if scope.get("method") != "POST":
            return None
        for pattern, limit in self.streamed.items():
            if pattern.match(scope.get("path", "")):
                return limit
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is None and b"transfer-encoding" not in headers:
            # Neither a length nor chunks: the request has no body (RFC 9112, 6.3).
            await self.app(scope, receive, send)
            return
        streamed_limit = self._streamed_limit(scope)
        if streamed_limit is not None:
            if declared is not None and declared.isdigit() and int(declared) > streamed_limit:
                await self._refuse(streamed_limit)(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if declared is not None:
            if declared.isdigit() and int(declared) > self.max_bytes:
                await self._refuse()(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse()(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """A token bucket per key, in this process: `per_minute` sustained, `burst` at once,
    for the whole deployment.

    Each of the deployment's `processes` API processes keeps its own buckets and allows
    its share (1/processes of the rate and of the burst): behind a proxy that spreads
    requests evenly (round robin), the deployment as a whole allows the configured limit,
    without a shared store on the request path (docs/scaling.md).
    """

    def __init__(
        self, per_minute: int, burst: int, *, processes: int = 1, clock=time.monotonic
    ) -> None:
        self.processes = max(1, processes)
        self.rate = per_minute / 60.0 / self.processes
        self.burst = max(1.0, burst / self.processes)
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def check(self, key: str, *, take: bool = True) -> int | None:
        """None: go ahead. An int: seconds to wait before the next request will pass.
        `take=False` only looks (a failure bucket is checked first, charged on failure)."""
        if self.rate <= 0:
            return None
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
                if len(self._buckets) > 100_000:
                    self._forget_full(now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1:
                if take:
                    bucket.tokens -= 1
                return None
            return max(1, math.ceil((1 - bucket.tokens) / self.rate))

    def _forget_full(self, now: float) -> None:
        for key in [
            key
            for key, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.updated) * self.rate >= self.burst
        ]:
            del self._buckets[key]
