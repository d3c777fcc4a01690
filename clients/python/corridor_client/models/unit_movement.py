from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UnitMovement")


@_attrs_define
class UnitMovement:
    """
    Attributes:
        from_unit (None | str):
        to_unit (str):
        at (datetime.datetime):
        bed (None | str | Unset):
    """

    from_unit: None | str
    to_unit: str
    at: datetime.datetime
    bed: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_unit: None | str
        from_unit = self.from_unit

        to_unit = self.to_unit

        at = self.at.isoformat()

        bed: None | str | Unset
        if isinstance(self.bed, Unset):
            bed = UNSET
        else:
            bed = self.bed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_unit": from_unit,
                "to_unit": to_unit,
                "at": at,
            }
        )
        if bed is not UNSET:
            field_dict["bed"] = bed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_from_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_unit = _parse_from_unit(d.pop("from_unit"))

        to_unit = d.pop("to_unit")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_bed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bed = _parse_bed(d.pop("bed", UNSET))

        unit_movement = cls(
            from_unit=from_unit,
            to_unit=to_unit,
            at=at,
            bed=bed,
        )

        unit_movement.additional_properties = d
        return unit_movement

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
