from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="Guarantee")


@_attrs_define
class Guarantee:
    """
    Attributes:
        reference (str):
        amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
    """

    reference: str
    amount: Money

    def to_dict(self) -> dict[str, Any]:
        reference = self.reference

        amount = self.amount.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reference": reference,
                "amount": amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        reference = d.pop("reference")

        amount = Money.from_dict(d.pop("amount"))

        guarantee = cls(
            reference=reference,
            amount=amount,
        )

        return guarantee
