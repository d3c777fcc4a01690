from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sex import Sex

if TYPE_CHECKING:
    from ..models.patient_identifier import PatientIdentifier
    from ..models.residence import Residence


T = TypeVar("T", bound="Patient")


@_attrs_define
class Patient:
    """
    Attributes:
        id (UUID):
        organization_id (UUID): The organisation that registered the patient.
        family_name (str):
        given_names (list[str]):
        birth_date (datetime.date | None):
        sex (Sex):
        nationality (None | str):
        residence (Residence):
        languages (list[str]):
        identifiers (list[PatientIdentifier]):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    organization_id: UUID
    family_name: str
    given_names: list[str]
    birth_date: datetime.date | None
    sex: Sex
    nationality: None | str
    residence: Residence
    languages: list[str]
    identifiers: list[PatientIdentifier]
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        organization_id = str(self.organization_id)

        family_name = self.family_name

        given_names = self.given_names

        birth_date: None | str
        if isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        sex = self.sex.value

        nationality: None | str
        nationality = self.nationality

        residence = self.residence.to_dict()

        languages = self.languages

        identifiers = []
        for identifiers_item_data in self.identifiers:
            identifiers_item = identifiers_item_data.to_dict()
            identifiers.append(identifiers_item)

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "organization_id": organization_id,
                "family_name": family_name,
                "given_names": given_names,
                "birth_date": birth_date,
                "sex": sex,
                "nationality": nationality,
                "residence": residence,
                "languages": languages,
                "identifiers": identifiers,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patient_identifier import PatientIdentifier  # noqa: PLC0415
        from ..models.residence import Residence  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        organization_id = UUID(d.pop("organization_id"))

        family_name = d.pop("family_name")

        given_names = cast(list[str], d.pop("given_names"))

        def _parse_birth_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = datetime.date.fromisoformat(data)

                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        birth_date = _parse_birth_date(d.pop("birth_date"))

        sex = Sex(d.pop("sex"))

        def _parse_nationality(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nationality = _parse_nationality(d.pop("nationality"))

        residence = Residence.from_dict(d.pop("residence"))

        languages = cast(list[str], d.pop("languages"))

        identifiers = []
        _identifiers = d.pop("identifiers")
        for identifiers_item_data in _identifiers:
            identifiers_item = PatientIdentifier.from_dict(identifiers_item_data)

            identifiers.append(identifiers_item)

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        patient = cls(
            id=id,
            organization_id=organization_id,
            family_name=family_name,
            given_names=given_names,
            birth_date=birth_date,
            sex=sex,
            nationality=nationality,
            residence=residence,
            languages=languages,
            identifiers=identifiers,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        patient.additional_properties = d
        return patient

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
