from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organization_kind import OrganizationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_identifier import OrganizationIdentifier


T = TypeVar("T", bound="Organization")


@_attrs_define
class Organization:
    """
    Attributes:
        id (UUID):
        name (str):
        slug (str): Its public name in the directory (never the id there).
        kind (OrganizationKind):
        country (str):
        identifiers (list[OrganizationIdentifier]):
        created_at (datetime.datetime):
        time_zone (None | str | Unset):
    """

    id: UUID
    name: str
    slug: str
    kind: OrganizationKind
    country: str
    identifiers: list[OrganizationIdentifier]
    created_at: datetime.datetime
    time_zone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        slug = self.slug

        kind = self.kind.value

        country = self.country

        identifiers = []
        for identifiers_item_data in self.identifiers:
            identifiers_item = identifiers_item_data.to_dict()
            identifiers.append(identifiers_item)

        created_at = self.created_at.isoformat()

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "slug": slug,
                "kind": kind,
                "country": country,
                "identifiers": identifiers,
                "created_at": created_at,
            }
        )
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_identifier import OrganizationIdentifier  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        slug = d.pop("slug")

        kind = OrganizationKind(d.pop("kind"))

        country = d.pop("country")

        identifiers = []
        _identifiers = d.pop("identifiers")
        for identifiers_item_data in _identifiers:
            identifiers_item = OrganizationIdentifier.from_dict(identifiers_item_data)

            identifiers.append(identifiers_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        organization = cls(
            id=id,
            name=name,
            slug=slug,
            kind=kind,
            country=country,
            identifiers=identifiers,
            created_at=created_at,
            time_zone=time_zone,
        )

        organization.additional_properties = d
        return organization

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
