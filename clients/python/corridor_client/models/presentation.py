from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Presentation")


@_attrs_define
class Presentation:
    """An emergency presentation: the patient is already at the caller's hospital.

    Attributes:
        presented_at (datetime.datetime | None | Unset): When the patient came (required).
        admitted_at (datetime.datetime | None | Unset): Given with `unit`: the case starts `admitted`.
        unit (None | str | Unset):
        bed (None | str | Unset):
    """

    presented_at: datetime.datetime | None | Unset = UNSET
    admitted_at: datetime.datetime | None | Unset = UNSET
    unit: None | str | Unset = UNSET
    bed: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        presented_at: None | str | Unset
        if isinstance(self.presented_at, Unset):
            presented_at = UNSET
        elif isinstance(self.presented_at, datetime.datetime):
            presented_at = self.presented_at.isoformat()
        else:
            presented_at = self.presented_at

        admitted_at: None | str | Unset
        if isinstance(self.admitted_at, Unset):
            admitted_at = UNSET
        elif isinstance(self.admitted_at, datetime.datetime):
            admitted_at = self.admitted_at.isoformat()
        else:
            admitted_at = self.admitted_at

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        bed: None | str | Unset
        if isinstance(self.bed, Unset):
            bed = UNSET
        else:
            bed = self.bed

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if presented_at is not UNSET:
            field_dict["presented_at"] = presented_at
        if admitted_at is not UNSET:
            field_dict["admitted_at"] = admitted_at
        if unit is not UNSET:
            field_dict["unit"] = unit
        if bed is not UNSET:
            field_dict["bed"] = bed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_presented_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                presented_at_type_0 = datetime.datetime.fromisoformat(data)

                return presented_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        presented_at = _parse_presented_at(d.pop("presented_at", UNSET))

        def _parse_admitted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                admitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return admitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        admitted_at = _parse_admitted_at(d.pop("admitted_at", UNSET))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        def _parse_bed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bed = _parse_bed(d.pop("bed", UNSET))

        presentation = cls(
            presented_at=presented_at,
            admitted_at=admitted_at,
            unit=unit,
            bed=bed,
        )

        return presentation
