from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.fhir_bundle_entry_item import FhirBundleEntryItem


T = TypeVar("T", bound="FhirBundle")


@_attrs_define
class FhirBundle:
    """A FHIR R4 Bundle of type `collection` (FHIR JSON, see hl7.org/fhir/R4/bundle.html).

    Attributes:
        resource_type (str):
        id (str):
        type_ (str):
        entry (list[FhirBundleEntryItem]):
    """

    resource_type: str
    id: str
    type_: str
    entry: list[FhirBundleEntryItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resource_type = self.resource_type

        id = self.id

        type_ = self.type_

        entry = []
        for entry_item_data in self.entry:
            entry_item = entry_item_data.to_dict()
            entry.append(entry_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resourceType": resource_type,
                "id": id,
                "type": type_,
                "entry": entry,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fhir_bundle_entry_item import FhirBundleEntryItem  # noqa: PLC0415

        d = dict(src_dict)
        resource_type = d.pop("resourceType")

        id = d.pop("id")

        type_ = d.pop("type")

        entry = []
        _entry = d.pop("entry")
        for entry_item_data in _entry:
            entry_item = FhirBundleEntryItem.from_dict(entry_item_data)

            entry.append(entry_item)

        fhir_bundle = cls(
            resource_type=resource_type,
            id=id,
            type_=type_,
            entry=entry,
        )

        fhir_bundle.additional_properties = d
        return fhir_bundle

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
