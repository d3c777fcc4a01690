from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.directory_agreement import DirectoryAgreement
    from ..models.directory_service import DirectoryService


T = TypeVar("T", bound="Facility")


@_attrs_define
class Facility:
    """
    Attributes:
        slug (str): A public name: lower-case letters, digits and dashes, unique
        name (str):
        country (str): ISO 3166-1 alpha-2
        agreements (list[DirectoryAgreement]):
        services (list[DirectoryService]):
    """

    slug: str
    name: str
    country: str
    agreements: list[DirectoryAgreement]
    services: list[DirectoryService]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        country = self.country

        agreements = []
        for agreements_item_data in self.agreements:
            agreements_item = agreements_item_data.to_dict()
            agreements.append(agreements_item)

        services = []
        for services_item_data in self.services:
            services_item = services_item_data.to_dict()
            services.append(services_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "country": country,
                "agreements": agreements,
                "services": services,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.directory_agreement import DirectoryAgreement  # noqa: PLC0415
        from ..models.directory_service import DirectoryService  # noqa: PLC0415

        d = dict(src_dict)
        slug = d.pop("slug")

        name = d.pop("name")

        country = d.pop("country")

        agreements = []
        _agreements = d.pop("agreements")
        for agreements_item_data in _agreements:
            agreements_item = DirectoryAgreement.from_dict(agreements_item_data)

            agreements.append(agreements_item)

        services = []
        _services = d.pop("services")
        for services_item_data in _services:
            services_item = DirectoryService.from_dict(services_item_data)

            services.append(services_item)

        facility = cls(
            slug=slug,
            name=name,
            country=country,
            agreements=agreements,
            services=services,
        )

        facility.additional_properties = d
        return facility

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
