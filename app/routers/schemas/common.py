"""Shapes shared by several resources."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from app.domain.money import Money as DomainMoney

T = TypeVar("T")

CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="ISO 3166-1 alpha-2", examples=["LC"]),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Specialty = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=100, pattern=r"^[a-z0-9_\-]+$"
    ),
    Field(description="A specialty slug", examples=["cardiology"]),
]


class RequestBody(BaseModel):
    """Request bodies: writable fields are allow-listed, anything else is refused."""

    model_config = ConfigDict(extra="forbid")


_AMOUNT = re.compile(r"^-?\d{1,15}(\.\d{1,4})?$")


def _valid_amount(value: str) -> str:
    if not _AMOUNT.match(value):
        raise ValueError("amount must be a decimal string like 1234.50")
    return value


class Money(BaseModel):
    """An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float."""

    model_config = ConfigDict(extra="forbid")

    amount: Annotated[str, AfterValidator(_valid_amount), Field(examples=["1234.50"])]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), Field(examples=["EUR"])]

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
