"""The one clock the use cases read; the domain takes time as an argument."""

from datetime import UTC, datetime


def now_utc() -> datetime:
    return datetime.now(UTC)
