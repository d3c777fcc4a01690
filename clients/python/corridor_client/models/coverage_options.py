from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.coverage_route import CoverageRoute

if TYPE_CHECKING:
    from ..models.coverage_option import CoverageOption


T = TypeVar("T", bound="CoverageOptions")


@_attrs_define
class CoverageOptions:
    """
    Attributes:
        care (str): `planned` or `unplanned` care, which EHIC and S2 read.
        current_route (CoverageRoute | None):
        options (list[CoverageOption]):
    """

    care: str
    current_route: CoverageRoute | None
    options: list[CoverageOption]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        care = self.care

        current_route: None | str
        if isinstance(self.current_route, CoverageRoute):
            current_route = self.current_route.value
        else:
            current_route = self.current_route

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "care": care,
                "current_route": current_route,
                "options": options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_option import CoverageOption  # noqa: PLC0415

        d = dict(src_dict)
        care = d.pop("care")

        def _parse_current_route(data: object) -> CoverageRoute | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                current_route_type_0 = CoverageRoute(data)

                return current_route_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CoverageRoute | None, data)

        current_route = _parse_current_route(d.pop("current_route"))

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = CoverageOption.from_dict(options_item_data)

            options.append(options_item)

        coverage_options = cls(
            care=care,
            current_route=current_route,
            options=options,
        )

        coverage_options.additional_properties = d
        return coverage_options

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
