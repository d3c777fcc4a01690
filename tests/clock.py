"""The in-process API's clock, moved for the requests made inside a block.

An outcome is recorded only once a teleconsultation has begun; tests book one in the
future (as the API requires) and then record it "when it has started" by making the
request at a later moment. This is the clock the live server's `Corridor-Test-Clock`
header moves (app.platform.clock.replaying_at): every reader of now_utc in the request
sees the moment, not one patched module. Tokens are checked against the wall clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from app.platform.clock import replaying_at


@contextmanager
def started(
    scheduled_at: str | datetime, after: timedelta = timedelta(minutes=1)
) -> Iterator[None]:
    moment = datetime.fromisoformat(scheduled_at) if isinstance(scheduled_at, str) else scheduled_at
    with replaying_at((moment + after).astimezone(UTC)):
        yield


@contextmanager
def later_by(delta: timedelta) -> Iterator[None]:
    """Requests inside the block happen `delta` from now."""
    with replaying_at(datetime.now(UTC) + delta):
        yield
