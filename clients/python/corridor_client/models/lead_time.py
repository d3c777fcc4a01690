from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LeadTime")


@_attrs_define
class LeadTime:
    """
    Attributes:
        median_days (float | None): Null when no case (or too few) has it.
        p90_days (float | None):
        cases (int | None): Cases with both milestones.
    """

    median_days: float | None
    p90_days: float | None
    cases: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        median_days: float | None
        median_days = self.median_days

        p90_days: float | None
        p90_days = self.p90_days

        cases: int | None
        cases = self.cases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "median_days": median_days,
                "p90_days": p90_days,
                "cases": cases,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_median_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_days = _parse_median_days(d.pop("median_days"))

        def _parse_p90_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p90_days = _parse_p90_days(d.pop("p90_days"))

        def _parse_cases(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cases = _parse_cases(d.pop("cases"))

        lead_time = cls(
            median_days=median_days,
            p90_days=p90_days,
            cases=cases,
        )

        lead_time.additional_properties = d
        return lead_time

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
