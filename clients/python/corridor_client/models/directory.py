from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.facility import Facility


T = TypeVar("T", bound="Directory")


@_attrs_define
class Directory:
    """
    Attributes:
        facilities (list[Facility]):
        residence_country (None | str | Unset): The residence asked about; null: the whole offer.
        postal_code (None | str | Unset):
        next_cursor (None | str | Unset): The next page of facilities (`cursor`); null: the last.
    """

    facilities: list[Facility]
    residence_country: None | str | Unset = UNSET
    postal_code: None | str | Unset = UNSET
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        facilities = []
        for facilities_item_data in self.facilities:
            facilities_item = facilities_item_data.to_dict()
            facilities.append(facilities_item)

        residence_country: None | str | Unset
        if isinstance(self.residence_country, Unset):
            residence_country = UNSET
        else:
            residence_country = self.residence_country

        postal_code: None | str | Unset
        if isinstance(self.postal_code, Unset):
            postal_code = UNSET
        else:
            postal_code = self.postal_code

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "facilities": facilities,
            }
        )
        if residence_country is not UNSET:
            field_dict["residence_country"] = residence_country
        if postal_code is not UNSET:
            field_dict["postal_code"] = postal_code
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.facility import Facility  # noqa: PLC0415

        d = dict(src_dict)
        facilities = []
        _facilities = d.pop("facilities")
        for facilities_item_data in _facilities:
            facilities_item = Facility.from_dict(facilities_item_data)

            facilities.append(facilities_item)

        def _parse_residence_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        residence_country = _parse_residence_country(d.pop("residence_country", UNSET))

        def _parse_postal_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postal_code = _parse_postal_code(d.pop("postal_code", UNSET))

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        directory = cls(
            facilities=facilities,
            residence_country=residence_country,
            postal_code=postal_code,
            next_cursor=next_cursor,
        )

        directory.additional_properties = d
        return directory

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
