from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Companion")


@_attrs_define
class Companion:
    """
    Attributes:
        id (UUID):
        case_id (UUID):
        full_name (str):
        relationship (str):
        passport_number (str):
        nationality (str):
        created_at (datetime.datetime):
    """

    id: UUID
    case_id: UUID
    full_name: str
    relationship: str
    passport_number: str
    nationality: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        case_id = str(self.case_id)

        full_name = self.full_name

        relationship = self.relationship

        passport_number = self.passport_number

        nationality = self.nationality

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case_id": case_id,
                "full_name": full_name,
                "relationship": relationship,
                "passport_number": passport_number,
                "nationality": nationality,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        case_id = UUID(d.pop("case_id"))

        full_name = d.pop("full_name")

        relationship = d.pop("relationship")

        passport_number = d.pop("passport_number")

        nationality = d.pop("nationality")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        companion = cls(
            id=id,
            case_id=case_id,
            full_name=full_name,
            relationship=relationship,
            passport_number=passport_number,
            nationality=nationality,
            created_at=created_at,
        )

        companion.additional_properties = d
        return companion

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
