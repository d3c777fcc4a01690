from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.admitted_patient import AdmittedPatient
    from ..models.expected_arrival import ExpectedArrival
    from ..models.unit_count import UnitCount


T = TypeVar("T", bound="Census")


@_attrs_define
class Census:
    """
    Attributes:
        as_of (datetime.datetime):
        admitted (list[AdmittedPatient]):
        admitted_by_unit (list[UnitCount]):
        expected (list[ExpectedArrival]):
    """

    as_of: datetime.datetime
    admitted: list[AdmittedPatient]
    admitted_by_unit: list[UnitCount]
    expected: list[ExpectedArrival]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        admitted = []
        for admitted_item_data in self.admitted:
            admitted_item = admitted_item_data.to_dict()
            admitted.append(admitted_item)

        admitted_by_unit = []
        for admitted_by_unit_item_data in self.admitted_by_unit:
            admitted_by_unit_item = admitted_by_unit_item_data.to_dict()
            admitted_by_unit.append(admitted_by_unit_item)

        expected = []
        for expected_item_data in self.expected:
            expected_item = expected_item_data.to_dict()
            expected.append(expected_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "admitted": admitted,
                "admitted_by_unit": admitted_by_unit,
                "expected": expected,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admitted_patient import AdmittedPatient  # noqa: PLC0415
        from ..models.expected_arrival import ExpectedArrival  # noqa: PLC0415
        from ..models.unit_count import UnitCount  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        admitted = []
        _admitted = d.pop("admitted")
        for admitted_item_data in _admitted:
            admitted_item = AdmittedPatient.from_dict(admitted_item_data)

            admitted.append(admitted_item)

        admitted_by_unit = []
        _admitted_by_unit = d.pop("admitted_by_unit")
        for admitted_by_unit_item_data in _admitted_by_unit:
            admitted_by_unit_item = UnitCount.from_dict(admitted_by_unit_item_data)

            admitted_by_unit.append(admitted_by_unit_item)

        expected = []
        _expected = d.pop("expected")
        for expected_item_data in _expected:
            expected_item = ExpectedArrival.from_dict(expected_item_data)

            expected.append(expected_item)

        census = cls(
            as_of=as_of,
            admitted=admitted,
            admitted_by_unit=admitted_by_unit,
            expected=expected,
        )

        census.additional_properties = d
        return census

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
