from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HospitalCensus")


@_attrs_define
class HospitalCensus:
    """
    Attributes:
        receiving_organization_id (UUID):
        admitted (int | None): Patients admitted now.
        expected_next_7_days (int | None): Transfers scheduled to arrive within the next 7 days.
        held_by_suspension (int | None): Cases a corridor's suspension holds.
        suppressed (bool):
    """

    receiving_organization_id: UUID
    admitted: int | None
    expected_next_7_days: int | None
    held_by_suspension: int | None
    suppressed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        receiving_organization_id = str(self.receiving_organization_id)

        admitted: int | None
        admitted = self.admitted

        expected_next_7_days: int | None
        expected_next_7_days = self.expected_next_7_days

        held_by_suspension: int | None
        held_by_suspension = self.held_by_suspension

        suppressed = self.suppressed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "receiving_organization_id": receiving_organization_id,
                "admitted": admitted,
                "expected_next_7_days": expected_next_7_days,
                "held_by_suspension": held_by_suspension,
                "suppressed": suppressed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        receiving_organization_id = UUID(d.pop("receiving_organization_id"))

        def _parse_admitted(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        admitted = _parse_admitted(d.pop("admitted"))

        def _parse_expected_next_7_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        expected_next_7_days = _parse_expected_next_7_days(d.pop("expected_next_7_days"))

        def _parse_held_by_suspension(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        held_by_suspension = _parse_held_by_suspension(d.pop("held_by_suspension"))

        suppressed = d.pop("suppressed")

        hospital_census = cls(
            receiving_organization_id=receiving_organization_id,
            admitted=admitted,
            expected_next_7_days=expected_next_7_days,
            held_by_suspension=held_by_suspension,
            suppressed=suppressed,
        )

        hospital_census.additional_properties = d
        return hospital_census

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
