from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PatientIdentifier")


@_attrs_define
class PatientIdentifier:
    """
    Attributes:
        system (str):
        value (str):
    """

    system: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        system = self.system

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "system": system,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        system = d.pop("system")

        value = d.pop("value")

        patient_identifier = cls(
            system=system,
            value=value,
        )

        return patient_identifier
