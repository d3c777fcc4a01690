from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="CoordinatingOrganizations")


@_attrs_define
class CoordinatingOrganizations:
    """
    Attributes:
        organization_ids (list[UUID]): The coordination bodies that see the corridor's statistics (replaces the list;
            empty: none).
    """

    organization_ids: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        organization_ids = []
        for organization_ids_item_data in self.organization_ids:
            organization_ids_item = str(organization_ids_item_data)
            organization_ids.append(organization_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organization_ids": organization_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organization_ids = []
        _organization_ids = d.pop("organization_ids")
        for organization_ids_item_data in _organization_ids:
            organization_ids_item = UUID(organization_ids_item_data)

            organization_ids.append(organization_ids_item)

        coordinating_organizations = cls(
            organization_ids=organization_ids,
        )

        return coordinating_organizations
