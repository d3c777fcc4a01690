from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.care_setting import CareSetting

if TYPE_CHECKING:
    from ..models.contact import Contact


T = TypeVar("T", bound="Service")


@_attrs_define
class Service:
    """
    Attributes:
        specialty (str): A specialty slug
        care_setting (CareSetting): Where the care happens; the FHIR Encounter class follows it (IMP, SS, AMB).
        languages (list[str]):
        lead_time_days (int): Typical wait before care, in days.
        contact (Contact):
        id (UUID):
        organization_id (UUID):
    """

    specialty: str
    care_setting: CareSetting
    languages: list[str]
    lead_time_days: int
    contact: Contact
    id: UUID
    organization_id: UUID

    def to_dict(self) -> dict[str, Any]:
        specialty = self.specialty

        care_setting = self.care_setting.value

        languages = self.languages

        lead_time_days = self.lead_time_days

        contact = self.contact.to_dict()

        id = str(self.id)

        organization_id = str(self.organization_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "specialty": specialty,
                "care_setting": care_setting,
                "languages": languages,
                "lead_time_days": lead_time_days,
                "contact": contact,
                "id": id,
                "organization_id": organization_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415

        d = dict(src_dict)
        specialty = d.pop("specialty")

        care_setting = CareSetting(d.pop("care_setting"))

        languages = cast(list[str], d.pop("languages"))

        lead_time_days = d.pop("lead_time_days")

        contact = Contact.from_dict(d.pop("contact"))

        id = UUID(d.pop("id"))

        organization_id = UUID(d.pop("organization_id"))

        service = cls(
            specialty=specialty,
            care_setting=care_setting,
            languages=languages,
            lead_time_days=lead_time_days,
            contact=contact,
            id=id,
            organization_id=organization_id,
        )

        return service
