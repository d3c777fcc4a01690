from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CompanionCreate")


@_attrs_define
class CompanionCreate:
    """
    Attributes:
        full_name (str):
        relationship (str):
        passport_number (str):
        nationality (str): ISO 3166-1 alpha-2
    """

    full_name: str
    relationship: str
    passport_number: str
    nationality: str

    def to_dict(self) -> dict[str, Any]:
        full_name = self.full_name

        relationship = self.relationship

        passport_number = self.passport_number

        nationality = self.nationality

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "full_name": full_name,
                "relationship": relationship,
                "passport_number": passport_number,
                "nationality": nationality,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        full_name = d.pop("full_name")

        relationship = d.pop("relationship")

        passport_number = d.pop("passport_number")

        nationality = d.pop("nationality")

        companion_create = cls(
            full_name=full_name,
            relationship=relationship,
            passport_number=passport_number,
            nationality=nationality,
        )

        return companion_create
