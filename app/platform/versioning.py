"""Optimistic concurrency: ETag is the version, If-Match must name it."""

from app.platform.errors import PreconditionFailed


def etag(version: int) -> str:
    return f'"{version}"'


def check_version(current: int, if_match: str | None) -> None:
    """Honour If-Match when given: a stale version is 412."""
    if if_match is None:
        return
    candidates = [part.strip().removeprefix("W/").strip('"') for part in if_match.split(",")]
    if "*" in candidates or str(current) in candidates:
        return
    raise PreconditionFailed(current)
