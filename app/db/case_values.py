"""The case's value objects to and from JSON: one mapping each, a pydantic TypeAdapter over
the domain's own dataclass (app/domain stays the standard library).

The same mapping reads a request body's dump (`model_dump()`: dates as `date`) and the JSON a
case row stores (dates as ISO text), and writes the stored JSON: times as `isoformat()` (what
the FHIR view and the statistics' SQL read back verbatim), ids and decimals as text. Where
the stored JSON names a field otherwise than the dataclass (a guarantee's `counted_amount`
and `exchange_rate`), the renaming is declared here once.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter

from app.domain.case import (
    Attendance,
    DischargeLetter,
    FundingApproval,
    InformationRequest,
    LetterContent,
    VirtualService,
)
from app.domain.funding import Authorisation, Guarantee, PriorAuthorisation

T = TypeVar("T")


def _stored(value: Any) -> Any:
    """A dump in Python mode as the stored JSON writes it."""
    if isinstance(value, dict):
        return {key: _stored(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_stored(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


class ValueMapping(Generic[T]):
    """One value object's mapping: `of` reads it (None or {} is no value; a field with a
    default, an empty list say, given as None takes its default), `json` writes it."""

    def __init__(
        self,
        kind: type[T],
        *,
        reading: Callable[[dict], dict] | None = None,
        writing: Callable[[dict], dict] | None = None,
    ) -> None:
        self.adapter: TypeAdapter[T] = TypeAdapter(kind)
        self._defaulted = frozenset(
            f.name
            for f in dataclasses.fields(kind)
            if f.default_factory is not dataclasses.MISSING
            or f.default not in (dataclasses.MISSING, None)
        )
        self._reading = reading
        self._writing = writing

    def of(self, data: Mapping | None) -> T | None:
        if not data:
            return None
        values = {
            key: value
            for key, value in data.items()
            if value is not None or key not in self._defaulted
        }
        if self._reading is not None:
            values = self._reading(values)
        return self.adapter.validate_python(values)

    def json(self, value: T | None) -> dict | None:
        if value is None:
            return None
        stored = _stored(self.adapter.dump_python(value))
        return stored if self._writing is None else self._writing(stored)


# A guarantee stores what it counts for in the case's currency and the rate it was counted
# at under the names the API shows (`funding.guarantee`); both, or neither.
_GUARANTEE_NAMES = {"counted": "counted_amount", "rate": "exchange_rate"}


def _guarantee_read(values: dict) -> dict:
    for field, stored in _GUARANTEE_NAMES.items():
        if stored in values:
            values[field] = values.pop(stored)
    return values


def _guarantee_written(values: dict) -> dict:
    counted, rate = values.pop("counted"), values.pop("rate")
    if counted is not None and rate is not None:
        values["counted_amount"], values["exchange_rate"] = counted, rate
    return values


AUTHORISATION = ValueMapping(Authorisation)
PRIOR_AUTHORISATION = ValueMapping(PriorAuthorisation)
GUARANTEE = ValueMapping(Guarantee, reading=_guarantee_read, writing=_guarantee_written)
FUNDING = ValueMapping(
    FundingApproval,
    reading=lambda values: {**values, "guarantee": GUARANTEE.of(values.get("guarantee"))},
    writing=lambda values: {
        **values,
        "guarantee": values["guarantee"] and _guarantee_written(values["guarantee"]),
    },
)
INFORMATION_REQUEST = ValueMapping(InformationRequest)
ATTENDANCE = ValueMapping(Attendance)
DISCHARGE_LETTER = ValueMapping(DischargeLetter)
LETTER_CONTENT = ValueMapping(LetterContent)
VIRTUAL_SERVICE = ValueMapping(VirtualService)
