from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RegimeCountryList")


@_attrs_define
class RegimeCountryList:
    """
    Attributes:
        name (str):
        title (str):
        countries (list[str]): ISO 3166-1 alpha-2 codes
        updated_at (datetime.datetime):
    """

    name: str
    title: str
    countries: list[str]
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        title = self.title

        countries = self.countries

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "title": title,
                "countries": countries,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        title = d.pop("title")

        countries = cast(list[str], d.pop("countries"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        regime_country_list = cls(
            name=name,
            title=title,
            countries=countries,
            updated_at=updated_at,
        )

        regime_country_list.additional_properties = d
        return regime_country_list

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
