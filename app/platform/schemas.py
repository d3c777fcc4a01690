"""Shapes shared by several resources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar, get_args

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NaiveDatetime,
    StringConstraints,
    model_validator,
)

from app.domain.money import Money as DomainMoney

T = TypeVar("T")

CountryCode = Annotated[
    str,
    StringConstraints(max_length=2, pattern=r"^[A-Z]{2}$"),
    Field(description="ISO 3166-1 alpha-2", examples=["LC"]),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
# Required trimmed text must hold a visible character, and the schema says so: without
# the pattern, "\r" passes minLength 1 in the schema and is refused once trimmed. The
# class is whitespace under every reading (JSON Schema, Rust and Python regexes).
VISIBLE_CHARACTER = r"[^\s\x1c-\x1f\u0085\ufeff]"
ShortText = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=300, pattern=VISIBLE_CHARACTER
    ),
]
# ShortText's rules without its length: for text whose length is its column's (stored_in).
VisibleText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=VISIBLE_CHARACTER)
]
Trimmed = Annotated[str, StringConstraints(strip_whitespace=True)]


@dataclass(frozen=True)
class StoredIn:
    """Marks an input field stored in a `String(n)` column (an ORM attribute): the field's
    max_length is the column's. tests/contract/test_field_lengths.py walks every input
    schema and every model, so a field and its column cannot drift apart."""

    column: Any

    @property
    def length(self) -> int:
        return column_length(self.column)


def column_length(column: Any) -> int:
    (mapped,) = column.property.columns
    return mapped.type.length


def stored_in(base: Any, column: Any) -> Any:
    """`base` (a string type) at most as long as the column it is stored in: one length
    per field, the column's. Longer text was a 500 from the database (a 201-character
    family name passed a 300-character schema)."""
    return Annotated[base, StringConstraints(max_length=column_length(column)), StoredIn(column)]


# No strip_whitespace where the pattern forbids whitespace: trimming would accept
# "cardiology\n", which the published pattern refuses.
Specialty = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100, pattern=r"^[a-z0-9_\-]+$"),
    Field(description="A specialty slug", examples=["cardiology"]),
]


# Pydantic's lax mode reads numbers (and numeric strings) as Unix timestamps; the schema
# promises RFC 3339 text, so a number is refused rather than silently taken for 1970.
_NUMBER = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")
_TEMPORAL_TYPES = (date, time, AwareDatetime, NaiveDatetime)


def _not_a_timestamp(value: Any) -> Any:
    if isinstance(value, bool | int | float) or (isinstance(value, str) and _NUMBER.match(value)):
        raise ValueError("expected an RFC 3339 date or date-time, not a number")
    return value


def _is_temporal(annotation: Any) -> bool:
    if isinstance(annotation, type) and (
        issubclass(annotation, date | time) or annotation in _TEMPORAL_TYPES
    ):
        return True
    return any(_is_temporal(argument) for argument in get_args(annotation))


def _unstorable_text(value: Any) -> bool:
    """NUL and unpaired surrogates: PostgreSQL can store neither (text nor jsonb)."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= char <= "\udfff" for char in value)
    if isinstance(value, dict):
        return any(_unstorable_text(k) or _unstorable_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_unstorable_text(item) for item in value)
    return False


def split_commas(value: Any) -> Any:
    """A list query parameter given as `a,b` as well as `x=a&x=b`, each value once (in
    the order first given). How many values a list may hold is bounded before this, for
    every operation, in app.platform.query_parameters."""
    if isinstance(value, list):
        parts = (part for item in value for part in str(item).split(",") if part != "")
        return list(dict.fromkeys(parts))
    return value


QueryDate = Annotated[date, BeforeValidator(_not_a_timestamp)]
QueryDateTime = Annotated[AwareDatetime, BeforeValidator(_not_a_timestamp)]


# No patient, stay, decision or payment Corridor records predates this day: an earlier date
# in a request body is a slip (0001 for 2001) that would otherwise be stored, and counted
# from (a claim's Art. 67 deadlines, ages, statistics). 422 `validation_failed`.
EARLIEST_PLAUSIBLE_DATE = date(1900, 1, 1)
# The same rule in the contract (JSON Schema has no minimum for a date): the year is 1900
# or later, so a client, an SDK or schemathesis knows what the server will take.
PLAUSIBLE_YEAR_PATTERN = r"^(19[0-9]{2}|[2-9][0-9]{3})-"


def _document_plausible_dates(node: Any) -> None:
    """Every date and date-time of a body's own properties carries the year's pattern."""
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and node.get("format") in ("date", "date-time"):
        node.setdefault("pattern", PLAUSIBLE_YEAR_PATTERN)
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(key, ()):
            _document_plausible_dates(branch)
    _document_plausible_dates(node.get("items"))


class RequestBody(BaseModel):
    """Request bodies: writable fields are allow-listed, anything else is refused."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        # Here rather than in model_config: a body's own json_schema_extra (its examples)
        # would replace a config hook.
        schema = handler(core_schema)
        for value in handler.resolve_ref_schema(schema).get("properties", {}).values():
            _document_plausible_dates(value)
        return schema

    @model_validator(mode="before")
    @classmethod
    def _refuse_unstorable_input(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if _unstorable_text(data):
            raise ValueError("text must not contain U+0000 or unpaired surrogates")
        for name, field in cls.model_fields.items():
            key = field.alias or name
            if key in data and data[key] is not None and _is_temporal(field.annotation):
                _not_a_timestamp(data[key])
        return data

    @model_validator(mode="after")
    def _refuse_implausible_dates(self) -> RequestBody:
        """Dates and date-times before EARLIEST_PLAUSIBLE_DATE, in this body's own fields
        (a nested body checks its own)."""
        for name, field in type(self).model_fields.items():
            value = getattr(self, name, None)
            for item in value if isinstance(value, list) else (value,):
                # datetime is a date; the year alone also spares comparing aware and naive.
                if isinstance(item, date) and item.year < EARLIEST_PLAUSIBLE_DATE.year:
                    raise ValueError(
                        f"{field.alias or name}: a date before "
                        f"{EARLIEST_PLAUSIBLE_DATE.isoformat()} is not plausible"
                    )
        return self


_AMOUNT_PATTERN = r"^-?[0-9]{1,15}(\.[0-9]{1,4})?$"


class Money(BaseModel):
    """An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float."""

    model_config = ConfigDict(extra="forbid")

    amount: Annotated[
        str,
        StringConstraints(pattern=_AMOUNT_PATTERN),
        Field(description="A decimal string, never a float", examples=["1234.50"]),
    ]
    currency: Annotated[
        str, StringConstraints(max_length=3, pattern=r"^[A-Z]{3}$"), Field(examples=["EUR"])
    ]

    def to_domain(self) -> DomainMoney:
        return DomainMoney.parse(self.amount, self.currency)

    @classmethod
    def from_parts(cls, amount: Decimal, currency: str) -> Money:
        return cls.model_validate(DomainMoney(amount, currency).to_json())


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )
