"""Which errors mean "the database is unavailable" (answered 503, never 500).

A refused connection reaches us as a bare OSError (asyncpg raises it from connect,
SQLAlchemy does not wrap it); a server shutting down as asyncpg's AdminShutdownError
(57P01) or CannotConnectNowError (57P03, starting up); a connection lost mid-query as
ConnectionDoesNotExistError or SQLAlchemy's `connection_invalidated`; a full pool as
SQLAlchemy's TimeoutError. We walk the whole chain of causes, since SQLAlchemy wraps
some of them (in `.orig`) and not others.
"""

from __future__ import annotations

import errno
import socket

import asyncpg
from sqlalchemy import exc as sa_exc

# SQLSTATE classes: 08 connection exception, 57P admin/crash shutdown or cannot connect
# now, 53300 too many connections.
UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P")
UNAVAILABLE_SQLSTATES = frozenset({"53300"})
# Seconds a client should wait before retrying (the supervisor restarts a dead embedded
# server within a few seconds; an external one usually comes back as fast).
RETRY_AFTER_SECONDS = 5
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
