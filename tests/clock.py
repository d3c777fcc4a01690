"""The in-process API's clock, moved for the requests made inside a block.

An outcome is recorded only once a teleconsultation has begun; tests book one in the
future (as the API requires) and then record it "when it has started": the requests made
inside `started(...)` run at that moment on the application's own clock
(app.platform.clock.replaying_at, the context the in-process ASGI transport shares), with
no patching. A live server's tests send the same moment in the Corridor-Test-Clock header
(app.platform.clock.TestClock).
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
