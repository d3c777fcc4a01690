from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="Line")


@_attrs_define
class Line:
    """
    Attributes:
        description (str):
        amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
    """

    description: str
    amount: Money

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        amount = self.amount.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "amount": amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        amount = Money.from_dict(d.pop("amount"))

        line = cls(
            description=description,
            amount=amount,
        )

        return line
