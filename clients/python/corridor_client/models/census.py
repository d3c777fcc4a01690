from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.admitted_patient import AdmittedPatient
    from ..models.expected_arrival import ExpectedArrival
    from ..models.hospital_census import HospitalCensus
    from ..models.unit_count import UnitCount


T = TypeVar("T", bound="Census")


@_attrs_define
class Census:
    """
    Attributes:
        as_of (datetime.datetime):
        admitted (list[AdmittedPatient]): Your own admitted patients (empty for coordination bodies and admins).
        admitted_by_unit (list[UnitCount]): Of the cases you refer or receive (a payer's are not counted); for
            coordination bodies and admins, units of at least the threshold only.
        expected (list[ExpectedArrival]):
        suppression_threshold (int | None | Unset):
        hospitals (list[HospitalCensus] | Unset):
    """

    as_of: datetime.datetime
    admitted: list[AdmittedPatient]
    admitted_by_unit: list[UnitCount]
    expected: list[ExpectedArrival]
    suppression_threshold: int | None | Unset = UNSET
    hospitals: list[HospitalCensus] | Unset = UNSET
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

        suppression_threshold: int | None | Unset
        if isinstance(self.suppression_threshold, Unset):
            suppression_threshold = UNSET
        else:
            suppression_threshold = self.suppression_threshold

        hospitals: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.hospitals, Unset):
            hospitals = []
            for hospitals_item_data in self.hospitals:
                hospitals_item = hospitals_item_data.to_dict()
                hospitals.append(hospitals_item)

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
        if suppression_threshold is not UNSET:
            field_dict["suppression_threshold"] = suppression_threshold
        if hospitals is not UNSET:
            field_dict["hospitals"] = hospitals

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admitted_patient import AdmittedPatient  # noqa: PLC0415
        from ..models.expected_arrival import ExpectedArrival  # noqa: PLC0415
        from ..models.hospital_census import HospitalCensus  # noqa: PLC0415
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

        def _parse_suppression_threshold(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        suppression_threshold = _parse_suppression_threshold(d.pop("suppression_threshold", UNSET))

        _hospitals = d.pop("hospitals", UNSET)
        hospitals: list[HospitalCensus] | Unset = UNSET
        if _hospitals is not UNSET:
            hospitals = []
            for hospitals_item_data in _hospitals:
                hospitals_item = HospitalCensus.from_dict(hospitals_item_data)

                hospitals.append(hospitals_item)

        census = cls(
            as_of=as_of,
            admitted=admitted,
            admitted_by_unit=admitted_by_unit,
            expected=expected,
            suppression_threshold=suppression_threshold,
            hospitals=hospitals,
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
