"""A multipart/form-data body read as a stream (python-multipart's push parser), so a
file part flows to storage as it arrives instead of being parsed whole first."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from app.platform.errors import (
    InvalidRequest,
    RequestTimeout,
    ServiceError,
    UnsupportedMediaType,
)

MAX_FIELD_BYTES = 4096
MAX_PARTS = 16


@dataclass
class PartStart:
    name: str
    filename: str | None


@dataclass
class PartData:
    data: bytes


@dataclass
class PartEnd:
    pass


@dataclass
class _Collector:
    """python-multipart calls back synchronously; the events wait here for the reader."""

    events: list = field(default_factory=list)
    header_field: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    headers: dict[str, bytes] = field(default_factory=dict)

    def callbacks(self) -> dict:
        def on_part_begin() -> None:
            self.headers = {}

        def on_header_field(data: bytes, start: int, end: int) -> None:
            self.header_field += data[start:end]

        def on_header_value(data: bytes, start: int, end: int) -> None:
            self.header_value += data[start:end]

        def on_header_end() -> None:
            self.headers[bytes(self.header_field).decode("latin-1").lower()] = bytes(
                self.header_value
            )
            self.header_field.clear()
            self.header_value.clear()

        def on_headers_finished() -> None:
            disposition, options = parse_options_header(
                self.headers.get("content-disposition", b"")
            )
            name = options.get(b"name")
            if disposition != b"form-data" or name is None:
                raise InvalidRequest("Each part needs a form-data name.", code="invalid_multipart")
            filename = options.get(b"filename")
            self.events.append(
                PartStart(
                    name=name.decode("utf-8", "replace"),
                    filename=filename.decode("utf-8", "replace") if filename is not None else None,
                )
            )

        def on_part_data(data: bytes, start: int, end: int) -> None:
            self.events.append(PartData(bytes(data[start:end])))

        def on_part_end() -> None:
            self.events.append(PartEnd())

        return {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        }


async def _guarded(body: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """The client hanging up mid-upload is its refusal, not a server error."""
    try:
        async for chunk in body:
            yield chunk
    except ClientDisconnect:
        raise ServiceError("The upload was interrupted.", code="upload_interrupted") from None


@dataclass(frozen=True)
class Pace:
    """How fast an upload must arrive: all of it within `deadline_seconds`, and, once
    `grace_seconds` have passed, on average at least `min_bytes_per_second` since it began
    (0: no minimum)."""

    deadline_seconds: float
    min_bytes_per_second: int
    grace_seconds: float


def _too_slow(pace: Pace, received: int) -> RequestTimeout:
    return RequestTimeout(
        f"The upload did not arrive in time: at least {pace.min_bytes_per_second} bytes per"
        f" second after {pace.grace_seconds:g} s, and all of it within"
        f" {pace.deadline_seconds:g} s.",
        code="upload_too_slow",
        received_bytes=received,
    )


async def paced(
    body: AsyncIterator[bytes], pace: Pace, clock: Callable[[], float] = time.monotonic
) -> AsyncIterator[bytes]:
    """The body's chunks, or 408 `upload_too_slow` as soon as the sender falls behind the
    pace: each wait for the next chunk ends when the deadline, or the moment the average
    rate would drop under the minimum, comes first."""
    started = clock()
    received = 0
    chunks = aiter(body)
    while True:
        until = started + pace.deadline_seconds
        if pace.min_bytes_per_second > 0:
            until = min(until, started + pace.grace_seconds + received / pace.min_bytes_per_second)
        try:
            async with asyncio.timeout(max(until - clock(), 0)):
                chunk = await anext(chunks)
        except StopAsyncIteration:
            return
        except TimeoutError:
            raise _too_slow(pace, received) from None
        received += len(chunk)
        yield chunk


def boundary_of(content_type: str | None) -> bytes:
    kind, options = parse_options_header(content_type or "")
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UnsupportedMediaType(
            "Send the document as multipart/form-data.", code="multipart_required"
        )
    return boundary


async def parts(content_type: str | None, body: AsyncIterator[bytes]) -> AsyncIterator:
    """PartStart, PartData..., PartEnd for each part, as the body arrives."""
    collector = _Collector()
    parser = MultipartParser(boundary_of(content_type), collector.callbacks())
    count = 0
    async for chunk in _guarded(body):
        if not chunk:
            continue
        try:
            parser.write(chunk)
        except InvalidRequest:
            raise
        except Exception as error:
            raise InvalidRequest(
                "The multipart body is malformed.", code="invalid_multipart"
            ) from error
        events, collector.events = collector.events, []
        for event in events:
            if isinstance(event, PartStart):
                count += 1
                if count > MAX_PARTS:
                    raise InvalidRequest("Too many parts.", code="invalid_multipart")
            yield event
    try:
        parser.finalize()
    except Exception as error:
        raise InvalidRequest(
            "The multipart body is malformed.", code="invalid_multipart"
        ) from error
    for event in collector.events:
        yield event
