from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.route_verdict import RouteVerdict

T = TypeVar("T", bound="CoverageHint")


@_attrs_define
class CoverageHint:
    """What the route's answer would be if an unknown fact were presumed from another.

    Attributes:
        fact (str):
        presumed_from (str): `residence_country` or `nationality`
        value (str):
        verdict (RouteVerdict): The route advisor's three answers for a coverage route.
        failed_conditions (list[str]):
    """

    fact: str
    presumed_from: str
    value: str
    verdict: RouteVerdict
    failed_conditions: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fact = self.fact

        presumed_from = self.presumed_from

        value = self.value

        verdict = self.verdict.value

        failed_conditions = self.failed_conditions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fact": fact,
                "presumed_from": presumed_from,
                "value": value,
                "verdict": verdict,
                "failed_conditions": failed_conditions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fact = d.pop("fact")

        presumed_from = d.pop("presumed_from")

        value = d.pop("value")

        verdict = RouteVerdict(d.pop("verdict"))

        failed_conditions = cast(list[str], d.pop("failed_conditions"))

        coverage_hint = cls(
            fact=fact,
            presumed_from=presumed_from,
            value=value,
            verdict=verdict,
            failed_conditions=failed_conditions,
        )

        coverage_hint.additional_properties = d
        return coverage_hint

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
