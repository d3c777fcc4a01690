"""Which errors mean "the database is unavailable" (answered 503, never 500).

A refused connection reaches us as a bare OSError (asyncpg raises it from connect,
SQLAlchemy does not wrap it); a server shutting down as asyncpg's AdminShutdownError
(57P01) or CannotConnectNowError (57P03, starting up); a connection lost mid-query as
ConnectionDoesNotExistError or SQLAlchemy's `connection_invalidated`; a full pool as
SQLAlchemy's TimeoutError. We walk the whole chain of causes, since SQLAlchemy wraps
some of them (in `.orig`) and not others.

SQLSTATE class 53, insufficient resources, splits in two. 53100 disk_full is "storage
full" (503 `storage_full`): it lasts until an operator frees space, and readiness turns
red meanwhile. 53000 insufficient_resources, 53200 out_of_memory, 53300
too_many_connections and 53400 configuration_limit_exceeded pass as the load does:
"unavailable" (503 `database_unavailable`). The object store's "full" is what
botocore raises for it: a ClientError whose code is MinIO's `XMinioStorageFull` (HTTP
507), or `QuotaExceeded` (Ceph RGW, MinIO bucket quotas), or any answer with HTTP 507
Insufficient Storage; AWS S3 itself never fills up.
"""

from __future__ import annotations

import errno
import socket
import time
from typing import Any

import asyncpg
from sqlalchemy import exc as sa_exc

# SQLSTATE classes: 08 connection exception, 57P admin/crash shutdown or cannot connect
# now, 53300 too many connections.
UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P")
UNAVAILABLE_SQLSTATES = frozenset({"53000", "53200", "53300", "53400"})
# Seconds a client should wait before retrying (the supervisor restarts a dead embedded
# server within a few seconds; an external one usually comes back as fast).
RETRY_AFTER_SECONDS = 5
STORAGE_FULL_SQLSTATES = frozenset({"53100"})
STORAGE_FULL_S3_CODES = frozenset(
    {"XMinioStorageFull", "QuotaExceeded", "XMinioAdminBucketQuotaExceeded", "InsufficientStorage"}
)
INSUFFICIENT_STORAGE = 507
# A full disk is freed by a person, not in seconds: clients wait longer, and readiness
# stays red this long after the last storage-full error (then traffic tells again).
STORAGE_FULL_RETRY_AFTER_SECONDS = 30
CONNECTION_ERRNOS = frozenset(
    {
        errno.ECONNREFUSED,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.ENETUNREACH,
        errno.EHOSTUNREACH,
        errno.ETIMEDOUT,
        errno.EPIPE,
    }
)


def _is_connection_failure(error: BaseException) -> bool:
    if isinstance(error, ConnectionError | TimeoutError | socket.gaierror):
        return True
    if isinstance(error, OSError):
        # asyncio's create_connection, several addresses tried: "Multiple exceptions: ...".
        return error.errno in CONNECTION_ERRNOS or str(error).startswith("Multiple exceptions")
    return False


def _causes(error: BaseException):
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending and len(seen) < 20:
        current = pending.pop()
        if current is None or any(current is known for known in seen):
            continue
        seen.append(current)
        yield current
        pending += [
            getattr(current, "orig", None),
            current.__cause__,
            current.__context__,
        ]


def is_database_unavailable(error: BaseException) -> bool:
    for link in _causes(error):
        if isinstance(link, sa_exc.DBAPIError) and link.connection_invalidated:
            return True
        if isinstance(link, sa_exc.TimeoutError):  # the pool had no connection to give
            return True
        if isinstance(link, asyncpg.PostgresConnectionError | asyncpg.CannotConnectNowError):
            return True
        if isinstance(link, asyncpg.InterfaceError) and "connection" in str(link).lower():
            return True
        sqlstate = getattr(link, "sqlstate", None)
        if isinstance(sqlstate, str) and (
            sqlstate.startswith(UNAVAILABLE_SQLSTATE_PREFIXES) or sqlstate in UNAVAILABLE_SQLSTATES
        ):
            return True
        # Refused, reset, timed out, no route, name not resolved.
        if _is_connection_failure(link):
            return True
    return False


def _s3_storage_full(link: BaseException) -> bool:
    # botocore's ClientError (not imported: the platform does not depend on boto3).
    response: Any = getattr(link, "response", None)
    if not isinstance(response, dict):
        return False
    code = (response.get("Error") or {}).get("Code")
    status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
    return code in STORAGE_FULL_S3_CODES or status == INSUFFICIENT_STORAGE


def is_storage_full(error: BaseException) -> bool:
    """The database's disk (53100) or the object store is full."""
    for link in _causes(error):
        if getattr(link, "sqlstate", None) in STORAGE_FULL_SQLSTATES:
            return True
        if _s3_storage_full(link):
            return True
    return False


class StorageFullMemory:
    """When this process last met a full storage: readiness reports it for a while."""

    def __init__(self, window_seconds: float = STORAGE_FULL_RETRY_AFTER_SECONDS) -> None:
        self.window_seconds = window_seconds
        self._until = 0.0

    def note(self) -> None:
        self._until = time.monotonic() + self.window_seconds

    def recent(self) -> bool:
        return time.monotonic() < self._until
