"""A keyset page of a query: the position after the cursor as one row comparison an
index serves (the cursor itself is signed and checked by app.platform.paging.Cursors)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, literal, select, tuple_, union_all

from app.platform.paging import InvalidCursor

if TYPE_CHECKING:
    from app.db.unit_of_work import UnitOfWork


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
