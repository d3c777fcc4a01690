from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TransferUnitRequest")


@_attrs_define
class TransferUnitRequest:
    """
    Attributes:
        unit (None | str | Unset):
        at (datetime.datetime | None | Unset):
        bed (None | str | Unset): Without one, the patient keeps theirs.
    """

    unit: None | str | Unset = UNSET
    at: datetime.datetime | None | Unset = UNSET
    bed: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        at: None | str | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        elif isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        bed: None | str | Unset
        if isinstance(self.bed, Unset):
            bed = UNSET
        else:
            bed = self.bed

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if unit is not UNSET:
            field_dict["unit"] = unit
        if at is not UNSET:
            field_dict["at"] = at
        if bed is not UNSET:
            field_dict["bed"] = bed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        def _parse_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        at = _parse_at(d.pop("at", UNSET))

        def _parse_bed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bed = _parse_bed(d.pop("bed", UNSET))

        transfer_unit_request = cls(
            unit=unit,
            at=at,
            bed=bed,
        )

        return transfer_unit_request
