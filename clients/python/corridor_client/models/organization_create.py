from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organization_kind import OrganizationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_identifier import OrganizationIdentifier


T = TypeVar("T", bound="OrganizationCreate")


@_attrs_define
class OrganizationCreate:
    """
    Attributes:
        name (str):
        kind (OrganizationKind):
        country (str): ISO 3166-1 alpha-2
        identifiers (list[OrganizationIdentifier] | Unset):
        time_zone (None | str | Unset): IANA time zone of a facility (stays, bills and authorisations use its local
            dates); defaults to the country's zone when it has only one.
    """

    name: str
    kind: OrganizationKind
    country: str
    identifiers: list[OrganizationIdentifier] | Unset = UNSET
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        country = self.country

        identifiers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.identifiers, Unset):
            identifiers = []
            for identifiers_item_data in self.identifiers:
                identifiers_item = identifiers_item_data.to_dict()
                identifiers.append(identifiers_item)

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "country": country,
            }
        )
        if identifiers is not UNSET:
            field_dict["identifiers"] = identifiers
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_identifier import OrganizationIdentifier  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        kind = OrganizationKind(d.pop("kind"))

        country = d.pop("country")

        _identifiers = d.pop("identifiers", UNSET)
        identifiers: list[OrganizationIdentifier] | Unset = UNSET
        if _identifiers is not UNSET:
            identifiers = []
            for identifiers_item_data in _identifiers:
                identifiers_item = OrganizationIdentifier.from_dict(identifiers_item_data)

                identifiers.append(identifiers_item)

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        organization_create = cls(
            name=name,
            kind=kind,
            country=country,
            identifiers=identifiers,
            time_zone=time_zone,
        )

        return organization_create
