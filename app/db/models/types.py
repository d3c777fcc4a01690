"""Column types shared by several tables."""

from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


class StrEnumColumn(TypeDecorator[E]):
    """A StrEnum kept in the VARCHAR it always was: the row yields the member, the table keeps
    its strings (no database enum, no migration; Alembic compares the VARCHAR). Raw SQL and
    driver reads bypass it and see the string, which equals the member anyway."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum
        self.length = length

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        # A member or its string (a filter's value); the table holds the string.
        return None if value is None else str(value)

    def process_result_value(self, value: Any, dialect: Any) -> E | None:
        return None if value is None else self.enum(value)
