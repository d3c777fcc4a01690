"""The HTTP protocol `corridor serve` runs: uvicorn's httptools protocol with the read
limits uvicorn lacks. Uvicorn has no header or body read timeout (only the idle
keep-alive one), and httptools no cap on the size of a request's headers, so a client
sending its headers a byte at a time (slowloris), or never finishing a body, held a
connection for as long as it liked.

- Header deadline: a request's line and headers must be in within
  CORRIDOR_HTTP_HEADER_TIMEOUT_SECONDS of its first byte (of the connection opening, for
  the first request); else 408 `request_timeout` and the connection is closed.
- Header size: more than CORRIDOR_HTTP_MAX_HEADER_BYTES before the headers end is 431
  `headers_too_large`, and the connection is closed.
- Body idle timeout: once the headers are in, a body whose next bytes do not come within
  CORRIDOR_HTTP_BODY_TIMEOUT_SECONDS has its connection closed (the application sees the
  client leave). Not while the application itself is not reading (flow control paused).

A reverse proxy in front does the same at its edge (docs/operations.md); these hold when
the API is reached directly.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from app.platform.settings import get_settings

PROBLEM_TYPE_BASE = "https://corridor.dev/problems/"


def _problem(status: int, reason: str, *, code: str, title: str, detail: str) -> bytes:
    body = json.dumps(
        {
            "type": PROBLEM_TYPE_BASE + code,
            "title": title,
            "status": status,
            "detail": detail,
            "code": code,
        }
    ).encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\n"
        "content-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    ).encode() + body


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        # Read here, in each worker process (the settings come from the environment).
        settings = get_settings()
        self.header_timeout = settings.http_header_timeout_seconds
        self.max_header_bytes = settings.http_max_header_bytes
        self.body_timeout = settings.http_body_timeout_seconds
        self._awaiting_headers = True
        self._header_bytes = 0
        self._header_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    # -- timers -------------------------------------------------------------------------

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _arm_body_timer(self) -> None:
        self._disarm_body_timer()
        self._body_timer = self.loop.call_later(self.body_timeout, self._body_late)

    def _disarm_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _refuse(self, answer: bytes) -> None:
        self._disarm_header_timer()
        self._disarm_body_timer()
        if not self.transport.is_closing():
            self.transport.write(answer)
            self.transport.close()

    def _headers_late(self) -> None:
        self._header_timer = None
        if self._awaiting_headers:
            self.logger.warning("Request headers not received in time; connection closed.")
            self._refuse(
                _problem(
                    408,
                    "Request Timeout",
                    code="request_timeout",
                    title="Request timeout",
                    detail=f"The headers did not arrive within {self.header_timeout:g} s.",
                )
            )

    def _body_late(self) -> None:
        self._body_timer = None
        if self._awaiting_headers or self.transport.is_closing():
            return
        waiting_for_us = self.flow.read_paused or (
            self.cycle is not None and self.cycle.waiting_for_100_continue
        )
        if waiting_for_us:
            # The application is not reading (or has not asked for the body the client
            # holds back until `100 Continue`): the client is not the one late.
            self._arm_body_timer()
            return
        self.logger.warning("Request body stalled; connection closed.")
        self.transport.close()

    # -- protocol -----------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # A connection that says nothing is held no longer than a slow header.
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        self._disarm_body_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._awaiting_headers:
            self._arm_header_timer()
            self._header_bytes += len(data)
        elif self._body_timer is not None:
            self._arm_body_timer()
        super().data_received(data)
        if (
            self._awaiting_headers
            and self._header_bytes > self.max_header_bytes
            and not self.transport.is_closing()
        ):
            self.logger.warning("Request headers too large; connection closed.")
            self._refuse(
                _problem(
                    431,
                    "Request Header Fields Too Large",
                    code="headers_too_large",
                    title="Headers too large",
                    detail=f"The request line and headers exceed {self.max_header_bytes} bytes.",
                )
            )

    def on_headers_complete(self) -> None:
        self._awaiting_headers = False
        self._disarm_header_timer()
        self._arm_body_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm_body_timer()
        self._awaiting_headers = True
        self._header_bytes = 0
        super().on_message_complete()
