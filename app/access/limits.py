"""Request limits: body size (413), a per-client rate limit (429 with Retry-After, told on
every rate-limited answer in the IETF RateLimit / RateLimit-Policy headers,
draft-ietf-httpapi-ratelimit-headers) and a per-client cap on requests held open at once
(uploads: 429 `too_many_uploads`)."""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from app.platform.errors import TooManyRequests
from app.platform.problems import problem_response


class BodySizeLimit:
    """Refuse request bodies over `max_bytes`: by Content-Length before reading, else (a
    chunked body that does not announce its size) by reading it here, up to the limit,
    before the application sees any of it. Applied by the edge (app/edge.py), outside
    everything else."""

    def __init__(self, max_bytes: int, streamed: dict[re.Pattern, int] | None = None) -> None:
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

    async def admit(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        declared: bytes | None,
        chunked: bool,
    ) -> Receive | None:
        """The `receive` the application reads the body from, or None: the body was too
        large and the 413 has been sent. `declared`: the Content-Length header, if any;
        `chunked`: a Transfer-Encoding header was sent."""
        if declared is None and not chunked:
            # Neither a length nor chunks: the request has no body (RFC 9112, 6.3).
            return receive
        streamed_limit = self._streamed_limit(scope)
        if streamed_limit is not None:
            if declared is not None and declared.isdigit() and int(declared) > streamed_limit:
                await self._refuse(streamed_limit)(scope, receive, send)
                return None
            return receive
        if declared is not None:
            if declared.isdigit() and int(declared) > self.max_bytes:
                await self._refuse()(scope, receive, send)
                return None
            return receive
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
                return None
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        return replay


@dataclass(frozen=True)
class RateLimitDecision:
    """One look at a bucket: whether the request passes and what the caller may know."""

    policy: str  # the RateLimit-Policy header's value
    remaining: int  # requests that would pass right now
    reset: int  # seconds until the bucket is full again
    retry_after: int | None  # None: the request passes; else seconds until one will

    def headers(self) -> dict[str, str]:
        if not self.policy:  # the limit is off
            return {}
        headers = {
            "RateLimit-Policy": self.policy,
            "RateLimit": f'"default";r={self.remaining};t={self.reset}',
        }
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        return headers


def remember(request: Request, decision: RateLimitDecision) -> RateLimitDecision:
    """Keep the request's decision for its answer's headers (request.state is the scope's
    "state"); the last bucket looked at is the one the caller hears about."""
    request.state.rate_limit = decision
    return decision


def add_rate_limit_headers(scope: Scope, headers) -> None:
    """The RateLimit headers on the answer of a rate-limited request, whatever its status;
    a header the answer set itself (a 429's Retry-After) stays."""
    decision = scope.get("state", {}).get("rate_limit")
    if decision is None:
        return
    for name, value in decision.headers().items():
        if name not in headers:
            headers[name] = value


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
        # The headers speak for the whole deployment: its burst, and this process's share
        # of what is left scaled back up (requests are spread evenly between processes).
        self.deployment_burst = max(1, burst)
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    @property
    def policy(self) -> str:
        """A bucket of `burst` requests, refilled in full in `w` seconds (the draft's
        quota and window; the refill is continuous, at `per_minute` / 60 a second)."""
        window = max(1, math.ceil(self.burst / self.rate)) if self.rate > 0 else 0
        return f'"default";q={self.deployment_burst};w={window}'

    def check(self, key: str, *, take: bool = True) -> int | None:
        """None: go ahead. An int: seconds to wait before the next request will pass.
        `take=False` only looks (a failure bucket is checked first, charged on failure)."""
        return self.decide(key, take=take).retry_after

    def decide(self, key: str, *, take: bool = True) -> RateLimitDecision:
        """`check`, with what the RateLimit headers tell the caller."""
        if self.rate <= 0:
            return RateLimitDecision("", 0, 0, None)
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
                if len(self._buckets) > 100_000:
                    self._forget_full(now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            retry_after = None
            if bucket.tokens >= 1:
                if take:
                    bucket.tokens -= 1
            else:
                # Whole seconds, rounded up: a caller waiting this long finds a token.
                retry_after = max(1, math.ceil((1 - bucket.tokens) / self.rate))
            return RateLimitDecision(
                self.policy,
                remaining=min(self.deployment_burst, int(bucket.tokens * self.processes)),
                reset=math.ceil((self.burst - bucket.tokens) / self.rate),
                retry_after=retry_after,
            )

    def _forget_full(self, now: float) -> None:
        for key in [
            key
            for key, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.updated) * self.rate >= self.burst
        ]:
            del self._buckets[key]


class ConcurrencyCap:
    """At most `limit` requests of one key in flight at once, in this process; one more
    is refused at once (429 with `code`), never queued: a queued upload would still hold
    its connection to the client. Several processes each keep their own count."""

    def __init__(self, limit: int, *, code: str, detail: str, retry_after: int = 5) -> None:
        self.limit = limit
        self.code = code
        self.detail = detail
        self.retry_after = retry_after
        self._held: dict[str, int] = {}

    def in_flight(self, key: str) -> int:
        return self._held.get(key, 0)

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        # One event loop per process and no await between the check and the count: no lock.
        if self._held.get(key, 0) >= self.limit:
            raise TooManyRequests(self.retry_after, self.detail, code=self.code)
        self._held[key] = self._held.get(key, 0) + 1
        try:
            yield
        finally:
            remaining = self._held[key] - 1
            if remaining:
                self._held[key] = remaining
            else:
                del self._held[key]
