from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RegimeCountryListUpdate")


@_attrs_define
class RegimeCountryListUpdate:
    """
    Attributes:
        countries (list[str]):
    """

    countries: list[str]

    def to_dict(self) -> dict[str, Any]:
        countries = self.countries

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "countries": countries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        countries = cast(list[str], d.pop("countries"))

        regime_country_list_update = cls(
            countries=countries,
        )

        return regime_country_list_update
