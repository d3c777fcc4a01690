from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.disposition import Disposition
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.unit_movement import UnitMovement


T = TypeVar("T", bound="Stay")


@_attrs_define
class Stay:
    """
    Attributes:
        admitted_at (datetime.datetime):
        unit (None | str): The unit now; null in a payer's view, which shows that the patient is admitted and since
            when, not where.
        bed (None | str): null in a payer's view.
        movements (list[UnitMovement]): Empty in a payer's view.
        discharged_at (datetime.datetime | None):
        disposition (Disposition | None):
        discharge_summary (None | str | Unset): Absent from a payer's view.
    """

    admitted_at: datetime.datetime
    unit: None | str
    bed: None | str
    movements: list[UnitMovement]
    discharged_at: datetime.datetime | None
    disposition: Disposition | None
    discharge_summary: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admitted_at = self.admitted_at.isoformat()

        unit: None | str
        unit = self.unit

        bed: None | str
        bed = self.bed

        movements = []
        for movements_item_data in self.movements:
            movements_item = movements_item_data.to_dict()
            movements.append(movements_item)

        discharged_at: None | str
        if isinstance(self.discharged_at, datetime.datetime):
            discharged_at = self.discharged_at.isoformat()
        else:
            discharged_at = self.discharged_at

        disposition: None | str
        if isinstance(self.disposition, Disposition):
            disposition = self.disposition.value
        else:
            disposition = self.disposition

        discharge_summary: None | str | Unset
        if isinstance(self.discharge_summary, Unset):
            discharge_summary = UNSET
        else:
            discharge_summary = self.discharge_summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admitted_at": admitted_at,
                "unit": unit,
                "bed": bed,
                "movements": movements,
                "discharged_at": discharged_at,
                "disposition": disposition,
            }
        )
        if discharge_summary is not UNSET:
            field_dict["discharge_summary"] = discharge_summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_movement import UnitMovement  # noqa: PLC0415

        d = dict(src_dict)
        admitted_at = datetime.datetime.fromisoformat(d.pop("admitted_at"))

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        def _parse_bed(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bed = _parse_bed(d.pop("bed"))

        movements = []
        _movements = d.pop("movements")
        for movements_item_data in _movements:
            movements_item = UnitMovement.from_dict(movements_item_data)

            movements.append(movements_item)

        def _parse_discharged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discharged_at_type_0 = datetime.datetime.fromisoformat(data)

                return discharged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        discharged_at = _parse_discharged_at(d.pop("discharged_at"))

        def _parse_disposition(data: object) -> Disposition | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disposition_type_0 = Disposition(data)

                return disposition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Disposition | None, data)

        disposition = _parse_disposition(d.pop("disposition"))

        def _parse_discharge_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        discharge_summary = _parse_discharge_summary(d.pop("discharge_summary", UNSET))

        stay = cls(
            admitted_at=admitted_at,
            unit=unit,
            bed=bed,
            movements=movements,
            discharged_at=discharged_at,
            disposition=disposition,
            discharge_summary=discharge_summary,
        )

        stay.additional_properties = d
        return stay

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
