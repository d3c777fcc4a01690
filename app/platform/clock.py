"""The one clock the use cases read; the domain takes time as an argument."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

# Set only by `corridor demo`, which replays two years of cases through the API in-process
# and needs each request to happen on its day. Never set while serving.
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
