"""Logging for every process: structlog in front of the standard library.

One renderer for our lines and for the libraries' (uvicorn, SQLAlchemy, alembic):
text on a terminal, JSON lines otherwise or with CORRIDOR_LOG_FORMAT=json, each with
an ISO timestamp (UTC) and the level. No log line carries a query string, a body, an
SQL parameter or a token: the request line names the route template, never the URL,
and exceptions are logged as their types and frames only (`scrub_exception`), since
an exception's text (asyncpg's, SQLAlchemy's `[parameters: ...]`) may quote patient data.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Any

import structlog

# Chatter at INFO that helps no operator: each outgoing request of httpx, every SQL
# statement. Their warnings and errors still come through.
QUIET_LIBRARIES = (
    "httpx",
    "httpcore",
    "sqlalchemy.engine",
    "asyncio",
    "multipart",
    "alembic.runtime.plugins",
)


def _exception_chain(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    while error is not None and error not in chain and len(chain) < 10:
        chain.append(error)
        error = error.__cause__ or error.__context__
    return chain


def describe_exception(error: BaseException) -> str:
    """Types and frames of an exception and its causes, without any message text."""
    parts = []
    for link in _exception_chain(error):
        frames = traceback.extract_tb(link.__traceback__)
        where = " < ".join(
            f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno} {frame.name}"
            for frame in reversed(frames[-6:])
        )
        parts.append(f"{type(link).__module__}.{type(link).__qualname__} at {where or '?'}")
    return " | caused by ".join(parts)


def scrub_exception(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Replace exc_info by the exception's types and frames: never its message."""
    exc_info = event_dict.pop("exc_info", None)
    if exc_info is True:
        exc_info = sys.exc_info()
    if isinstance(exc_info, BaseException):
        event_dict["exception"] = describe_exception(exc_info)
    elif isinstance(exc_info, tuple) and exc_info[1] is not None:
        event_dict["exception"] = describe_exception(exc_info[1])
    event_dict.pop("stack_info", None)
    event_dict.pop("color_message", None)  # uvicorn's duplicate of the message, with colours
    return event_dict


# uvicorn logs its server's life (started, stopping) as `uvicorn.error`, a name that reads
# as a failure to an operator: it is shown as `uvicorn`.
LOGGER_NAMES = {"uvicorn.error": "uvicorn"}


def rename_logger(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    name = event_dict.get("logger")
    if name in LOGGER_NAMES:
        event_dict["logger"] = LOGGER_NAMES[name]
    return event_dict


def _renderer(log_format: str):
    if log_format == "json" or (log_format == "auto" and not sys.stderr.isatty()):
        return structlog.processors.JSONRenderer()
    return structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty(), exception_formatter=str)


def is_configured() -> bool:
    return any(handler.get_name() == "corridor" for handler in logging.getLogger().handlers)


def configure_logging(level: str = "INFO", log_format: str = "auto") -> None:
    """Set up (again) the one handler; the CLI and each uvicorn worker call it."""
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        rename_logger,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        scrub_exception,
    ]
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # The processors never change between calls (level and format live in the
        # handler), so each logger is bound once, not on every line.
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[structlog.stdlib.ExtraAdder(), *shared],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            _renderer(log_format),
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.set_name("corridor")
    root = logging.getLogger()
    # Replace our own handler only: a test's capture handler stays.
    root.handlers = [h for h in root.handlers if h.get_name() != "corridor"] + [handler]
    root.setLevel(level.upper())
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    # Our request line replaces uvicorn's access line (which carries query strings).
    access = logging.getLogger("uvicorn.access")
    access.handlers = []
    access.propagate = False
    access.disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
