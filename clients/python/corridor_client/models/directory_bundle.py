from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.directory_bundle_entry_item import DirectoryBundleEntryItem
    from ..models.directory_bundle_link_item import DirectoryBundleLinkItem


T = TypeVar("T", bound="DirectoryBundle")


@_attrs_define
class DirectoryBundle:
    """A FHIR R4 Bundle of type `searchset`: HealthcareService (match) and Organization
    (include) resources, FHIR JSON (hl7.org/fhir/R4/bundle.html).

        Attributes:
            resource_type (str):
            type_ (str):
            total (int):
            link (list[DirectoryBundleLinkItem]):
            entry (list[DirectoryBundleEntryItem]):
    """

    resource_type: str
    type_: str
    total: int
    link: list[DirectoryBundleLinkItem]
    entry: list[DirectoryBundleEntryItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resource_type = self.resource_type

        type_ = self.type_

        total = self.total

        link = []
        for link_item_data in self.link:
            link_item = link_item_data.to_dict()
            link.append(link_item)

        entry = []
        for entry_item_data in self.entry:
            entry_item = entry_item_data.to_dict()
            entry.append(entry_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resourceType": resource_type,
                "type": type_,
                "total": total,
                "link": link,
                "entry": entry,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.directory_bundle_entry_item import DirectoryBundleEntryItem  # noqa: PLC0415
        from ..models.directory_bundle_link_item import DirectoryBundleLinkItem  # noqa: PLC0415

        d = dict(src_dict)
        resource_type = d.pop("resourceType")

        type_ = d.pop("type")

        total = d.pop("total")

        link = []
        _link = d.pop("link")
        for link_item_data in _link:
            link_item = DirectoryBundleLinkItem.from_dict(link_item_data)

            link.append(link_item)

        entry = []
        _entry = d.pop("entry")
        for entry_item_data in _entry:
            entry_item = DirectoryBundleEntryItem.from_dict(entry_item_data)

            entry.append(entry_item)

        directory_bundle = cls(
            resource_type=resource_type,
            type_=type_,
            total=total,
            link=link,
            entry=entry,
        )

        directory_bundle.additional_properties = d
        return directory_bundle

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
