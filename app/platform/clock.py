"""The one clock the use cases read; the domain takes time as an argument."""

import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

# Set by `corridor demo`, which replays two years of cases through the API in-process and
# needs each request to happen on its day; and by TestClock below, in the test environment
# only. Never set while serving otherwise.
_replayed_time: ContextVar[datetime | None] = ContextVar("corridor_replayed_time", default=None)


def now_utc() -> datetime:
    return _replayed_time.get() or datetime.now(UTC)


@contextmanager
def replaying_at(moment: datetime) -> Iterator[None]:
    """Requests made inside the block (in this context) read `moment` as now."""
    token = _replayed_time.set(moment)
    try:
        yield
    finally:
        _replayed_time.reset(token)


TEST_CLOCK_HEADER = "Corridor-Test-Clock"


class TestClock:
    """A live server's clock for end-to-end tests, moved per request instead of slept
    past: a request with `Corridor-Test-Clock: <ISO 8601 instant with offset>` runs at that
    instant (replaying_at). create_app installs it with CORRIDOR_ENVIRONMENT=test only;
    anywhere else the header means nothing."""

    __test__ = False  # not a pytest test class

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app
        self.header = TEST_CLOCK_HEADER.lower().encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        moment = None
        if scope["type"] == "http":
            for name, value in scope["headers"]:
                if name == self.header:
                    moment = _instant(value.decode("latin-1"))
                    if moment is None:
                        await _refuse(send, value)
                        return
        if moment is None:
            await self.app(scope, receive, send)
            return
        with replaying_at(moment):
            await self.app(scope, receive, send)


def _instant(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else None


async def _refuse(send: Any, value: bytes) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Bad Request",
            "status": 400,
            "detail": f"{TEST_CLOCK_HEADER} must be an ISO 8601 instant with an offset",
            "code": "validation_failed",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
