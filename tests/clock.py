"""The in-process API's clock, moved for one request.

An outcome is recorded only once a teleconsultation has begun; tests book one in the
future (as the API requires) and then record it "when it has started" by running the
action's use case at a later moment. The live-server tests wait instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock


@contextmanager
def started(
    scheduled_at: str | datetime, after: timedelta = timedelta(minutes=1)
) -> Iterator[None]:
    from app.cases import service

    moment = datetime.fromisoformat(scheduled_at) if isinstance(scheduled_at, str) else scheduled_at
    moment = (moment + after).astimezone(UTC)
    with mock.patch.object(service, "now_utc", lambda: moment):
        yield
