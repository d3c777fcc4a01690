"""Opaque keyset cursors.

A cursor is the sort key of the last item served, base64url-encoded JSON. It
carries no authority: every query re-applies the caller's tenancy filter, so a
cursor copied from another organisation only positions a scan of your own rows.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from typing import Any

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from app.platform.errors import InvalidRequest


def encode_cursor(kind: str, values: list[Any]) -> str:
    raw = json.dumps([kind, *values], separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str, kind: str, arity: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidRequest(
            "The cursor is not one this API issued.", code="invalid_cursor"
        ) from None
    if not isinstance(data, list) or len(data) != arity + 1 or data[0] != kind:
        raise InvalidRequest("The cursor is not one this API issued.", code="invalid_cursor")
    return data[1:]


async def page_by_id(
    session: AsyncSession, query: Select, id_column, kind: str, limit: int, cursor: str | None
) -> tuple[list, str | None]:
    """One page of `query` in id order, after the cursor's id; the next cursor or None."""
    if cursor is not None:
        (after,) = decode_cursor(cursor, kind, 1)
        try:
            query = query.where(id_column > uuid.UUID(str(after)))
        except ValueError:
            raise InvalidRequest(
                "The cursor is not one this API issued.", code="invalid_cursor"
            ) from None
    rows = list((await session.execute(query.order_by(id_column).limit(limit + 1))).scalars())
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, encode_cursor(kind, [str(rows[-1].id)])
    return rows, None
