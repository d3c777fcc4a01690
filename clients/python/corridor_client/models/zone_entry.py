from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ZoneEntry")


@_attrs_define
class ZoneEntry:
    """
    Attributes:
        country (str): ISO 3166-1 alpha-2
        postal_codes (list[str] | Unset):
        postal_code_prefixes (list[str] | Unset):
    """

    country: str
    postal_codes: list[str] | Unset = UNSET
    postal_code_prefixes: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        postal_codes: list[str] | Unset = UNSET
        if not isinstance(self.postal_codes, Unset):
            postal_codes = self.postal_codes

        postal_code_prefixes: list[str] | Unset = UNSET
        if not isinstance(self.postal_code_prefixes, Unset):
            postal_code_prefixes = self.postal_code_prefixes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
            }
        )
        if postal_codes is not UNSET:
            field_dict["postal_codes"] = postal_codes
        if postal_code_prefixes is not UNSET:
            field_dict["postal_code_prefixes"] = postal_code_prefixes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country = d.pop("country")

        postal_codes = cast(list[str], d.pop("postal_codes", UNSET))

        postal_code_prefixes = cast(list[str], d.pop("postal_code_prefixes", UNSET))

        zone_entry = cls(
            country=country,
            postal_codes=postal_codes,
            postal_code_prefixes=postal_code_prefixes,
        )

        return zone_entry
