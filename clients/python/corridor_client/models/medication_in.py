from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MedicationIn")


@_attrs_define
class MedicationIn:
    """
    Attributes:
        name (str):
        dosage (None | str | Unset):
        instructions (None | str | Unset):
    """

    name: str
    dosage: None | str | Unset = UNSET
    instructions: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        dosage: None | str | Unset
        if isinstance(self.dosage, Unset):
            dosage = UNSET
        else:
            dosage = self.dosage

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if dosage is not UNSET:
            field_dict["dosage"] = dosage
        if instructions is not UNSET:
            field_dict["instructions"] = instructions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_dosage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dosage = _parse_dosage(d.pop("dosage", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        medication_in = cls(
            name=name,
            dosage=dosage,
            instructions=instructions,
        )

        return medication_in
