from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.care_setting import CareSetting

if TYPE_CHECKING:
    from ..models.contact import Contact


T = TypeVar("T", bound="DirectoryService")


@_attrs_define
class DirectoryService:
    """
    Attributes:
        id (UUID):
        specialty (str):
        care_setting (CareSetting): Where the care happens; the FHIR Encounter class follows it (IMP, SS, AMB).
        languages (list[str]):
        lead_time_days (int):
        contact (Contact):
        agreements (list[str]): The slugs of the agreements (of this entry's `agreements`) covering this service.
    """

    id: UUID
    specialty: str
    care_setting: CareSetting
    languages: list[str]
    lead_time_days: int
    contact: Contact
    agreements: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        specialty = self.specialty

        care_setting = self.care_setting.value

        languages = self.languages

        lead_time_days = self.lead_time_days

        contact = self.contact.to_dict()

        agreements = self.agreements

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "specialty": specialty,
                "care_setting": care_setting,
                "languages": languages,
                "lead_time_days": lead_time_days,
                "contact": contact,
                "agreements": agreements,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        specialty = d.pop("specialty")

        care_setting = CareSetting(d.pop("care_setting"))

        languages = cast(list[str], d.pop("languages"))

        lead_time_days = d.pop("lead_time_days")

        contact = Contact.from_dict(d.pop("contact"))

        agreements = cast(list[str], d.pop("agreements"))

        directory_service = cls(
            id=id,
            specialty=specialty,
            care_setting=care_setting,
            languages=languages,
            lead_time_days=lead_time_days,
            contact=contact,
            agreements=agreements,
        )

        directory_service.additional_properties = d
        return directory_service

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
