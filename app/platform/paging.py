"""Keyset paging with signed cursors: one helper for every list, one cursor error.

A cursor is the sort key of the last item served, as base64url JSON, followed by an
HMAC-SHA256 of it keyed with `settings.secret_key`. The signature is checked before
anything in the cursor is parsed, so a forged or edited cursor is refused as 422
`invalid_cursor` without reaching a query. A cursor still carries no authority: every
query re-applies the caller's tenancy filter, so a cursor copied from another
organisation only positions a scan of your own rows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Select, literal, select, tuple_, union_all

from app.platform.errors import InvalidRequest

if TYPE_CHECKING:
    from app.db.unit_of_work import UnitOfWork

# Truncated HMAC-SHA256: 128 bits are far beyond guessing and keep cursors short.
SIGNATURE_BYTES = 16


class InvalidCursor(InvalidRequest):
    """The one cursor error: forged, edited, from another list or from another key."""

    def __init__(self) -> None:
        super().__init__("The cursor is not one this API issued.", code="invalid_cursor")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode())


class Cursors:
    """Issues and checks cursors with one key (derived from `settings.secret_key`)."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"corridor/cursor/v1:" + secret.encode()).digest()

    def _sign(self, payload: bytes) -> bytes:
        # hmac.digest: the one-shot C path (a feed page signs a thousand event ids).
        digest = hmac.digest(self._key, payload, "sha256")[:SIGNATURE_BYTES]
        return base64.urlsafe_b64encode(digest).rstrip(b"=")

    def signature(self, payload: str) -> str:
        return self._sign(payload.encode()).decode()

    def encode(self, kind: str, values: Sequence[Any]) -> str:
        # Bytes throughout: `payload.signature`, both unpadded base64url.
        payload = base64.urlsafe_b64encode(orjson.dumps([kind, *values], default=str))
        payload = payload.rstrip(b"=")
        return (payload + b"." + self._sign(payload)).decode()

    def decode(self, cursor: str, kind: str, arity: int | tuple[int, ...]) -> list[Any]:
        """The cursor's values; `arity`: how many it holds (or the counts allowed)."""
        arities = (arity,) if isinstance(arity, int) else arity
        payload, _, signature = cursor.rpartition(".")
        if not payload or not hmac.compare_digest(
            signature.encode(), self.signature(payload).encode()
        ):
            raise InvalidCursor()
        try:
            data = json.loads(_unb64(payload))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise InvalidCursor() from None
        # Signed by us, but perhaps for another list: the kind says which.
        if not isinstance(data, list) or len(data) - 1 not in arities or data[0] != kind:
            raise InvalidCursor()
        return data[1:]


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order; the last one must be unique (an id)."""

    column: Any
    descending: bool = False


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _from_json(value: Any, python_type: type) -> Any:
    if python_type is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if python_type is uuid.UUID and isinstance(value, str):
        return uuid.UUID(value)
    if python_type is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if python_type is str and isinstance(value, str):
        return value
    raise ValueError(value)


async def keyset_page(
    uow: UnitOfWork,
    query: Select,
    *,
    kind: str,
    order: Sequence[SortKey],
    limit: int,
    cursor: str | None,
    branches: Sequence[Select] = (),
) -> tuple[list, str | None]:
    """One page of `query` (a select of one ORM entity) in `order`, after the cursor's
    position; the next cursor, or None on the last page. All keys run the same way, so
    the position is one row comparison that a matching index serves.

    `branches`: queries whose union is `query` (a case is its referring, receiving OR
    payer organisation's). An index cannot serve an OR in order, so the planner would
    walk the whole ordered index filtering out other organisations' rows, more of them
    the larger the table. Each branch is paged on its own index (its column, then the
    sort keys) and the page is the first rows of their union: the cost stays that of
    one page, whatever the table's size."""
    columns = [key.column for key in order]
    descending = order[0].descending
    if any(key.descending != descending for key in order):
        raise ValueError("keyset_page: every sort key runs the same way")
    after = None
    if cursor is not None:
        values = uow.cursors.decode(cursor, kind, len(order))
        try:
            after = [
                _from_json(value, column.type.python_type)
                for value, column in zip(values, columns, strict=True)
            ]
        except (TypeError, ValueError):
            raise InvalidCursor() from None
        position = tuple_(*columns)
        bound = tuple_(
            *(literal(value, column.type) for value, column in zip(after, columns, strict=True))
        )
        after = position < bound if descending else position > bound
    ordering = [column.desc() if descending else column for column in columns]
    if branches:
        entity = query.column_descriptions[0]["entity"]
        first_of_each = union_all(
            *(
                (branch if after is None else branch.where(after))
                .with_only_columns(entity.id)
                .order_by(*ordering)
                .limit(limit + 1)
                for branch in branches
            )
        ).subquery()
        query = select(entity).where(entity.id.in_(select(first_of_each.c.id)))
    elif after is not None:
        query = query.where(after)
    rows = list((await uow.session.execute(query.order_by(*ordering).limit(limit + 1))).scalars())
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    next_cursor = uow.cursors.encode(kind, [_to_json(getattr(last, c.key)) for c in columns])
    return rows, next_cursor
