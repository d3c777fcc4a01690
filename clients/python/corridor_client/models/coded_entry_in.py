from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodedEntryIn")


@_attrs_define
class CodedEntryIn:
    """
    Attributes:
        display (str):
        code (None | str | Unset):
        system (None | str | Unset):
    """

    display: str
    code: None | str | Unset = UNSET
    system: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        display = self.display

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        system: None | str | Unset
        if isinstance(self.system, Unset):
            system = UNSET
        else:
            system = self.system

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "display": display,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if system is not UNSET:
            field_dict["system"] = system

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display = d.pop("display")

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_system(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        system = _parse_system(d.pop("system", UNSET))

        coded_entry_in = cls(
            display=display,
            code=code,
            system=system,
        )

        return coded_entry_in
