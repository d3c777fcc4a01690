from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.sex import Sex
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.patient_identifier import PatientIdentifier
    from ..models.residence import Residence


T = TypeVar("T", bound="PatientCreate")


@_attrs_define
class PatientCreate:
    """
    Attributes:
        family_name (str):
        residence (Residence):
        given_names (list[str] | Unset):
        birth_date (datetime.date | None | Unset):
        sex (Sex | Unset):
        nationality (None | str | Unset):
        languages (list[str] | Unset):
        identifiers (list[PatientIdentifier] | Unset):
    """

    family_name: str
    residence: Residence
    given_names: list[str] | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    sex: Sex | Unset = UNSET
    nationality: None | str | Unset = UNSET
    languages: list[str] | Unset = UNSET
    identifiers: list[PatientIdentifier] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        family_name = self.family_name

        residence = self.residence.to_dict()

        given_names: list[str] | Unset = UNSET
        if not isinstance(self.given_names, Unset):
            given_names = self.given_names

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        sex: str | Unset = UNSET
        if not isinstance(self.sex, Unset):
            sex = self.sex.value

        nationality: None | str | Unset
        if isinstance(self.nationality, Unset):
            nationality = UNSET
        else:
            nationality = self.nationality

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        identifiers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.identifiers, Unset):
            identifiers = []
            for identifiers_item_data in self.identifiers:
                identifiers_item = identifiers_item_data.to_dict()
                identifiers.append(identifiers_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "family_name": family_name,
                "residence": residence,
            }
        )
        if given_names is not UNSET:
            field_dict["given_names"] = given_names
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if sex is not UNSET:
            field_dict["sex"] = sex
        if nationality is not UNSET:
            field_dict["nationality"] = nationality
        if languages is not UNSET:
            field_dict["languages"] = languages
        if identifiers is not UNSET:
            field_dict["identifiers"] = identifiers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patient_identifier import PatientIdentifier  # noqa: PLC0415
        from ..models.residence import Residence  # noqa: PLC0415

        d = dict(src_dict)
        family_name = d.pop("family_name")

        residence = Residence.from_dict(d.pop("residence"))

        given_names = cast(list[str], d.pop("given_names", UNSET))

        def _parse_birth_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = datetime.date.fromisoformat(data)

                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))

        _sex = d.pop("sex", UNSET)
        sex: Sex | Unset
        if isinstance(_sex, Unset):
            sex = UNSET
        else:
            sex = Sex(_sex)

        def _parse_nationality(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nationality = _parse_nationality(d.pop("nationality", UNSET))

        languages = cast(list[str], d.pop("languages", UNSET))

        _identifiers = d.pop("identifiers", UNSET)
        identifiers: list[PatientIdentifier] | Unset = UNSET
        if _identifiers is not UNSET:
            identifiers = []
            for identifiers_item_data in _identifiers:
                identifiers_item = PatientIdentifier.from_dict(identifiers_item_data)

                identifiers.append(identifiers_item)

        patient_create = cls(
            family_name=family_name,
            residence=residence,
            given_names=given_names,
            birth_date=birth_date,
            sex=sex,
            nationality=nationality,
            languages=languages,
            identifiers=identifiers,
        )

        return patient_create
