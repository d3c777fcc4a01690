from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Amounts")


@_attrs_define
class Amounts:
    """Money of the cell's cases in one currency, as decimal strings.

    Attributes:
        currency (str):
        quoted (str): The latest estimate of each case.
        claimed (str): Claims, but the replaced ones.
        paid (str): What payers paid on those claims.
    """

    currency: str
    quoted: str
    claimed: str
    paid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        quoted = self.quoted

        claimed = self.claimed

        paid = self.paid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "quoted": quoted,
                "claimed": claimed,
                "paid": paid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        quoted = d.pop("quoted")

        claimed = d.pop("claimed")

        paid = d.pop("paid")

        amounts = cls(
            currency=currency,
            quoted=quoted,
            claimed=claimed,
            paid=paid,
        )

        amounts.additional_properties = d
        return amounts

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
