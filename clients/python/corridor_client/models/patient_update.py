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


T = TypeVar("T", bound="PatientUpdate")


@_attrs_define
class PatientUpdate:
    """Fields to change; absent fields are left as they are.

    Attributes:
        family_name (None | str | Unset):
        given_names (list[str] | None | Unset):
        birth_date (datetime.date | None | Unset):
        sex (None | Sex | Unset):
        nationality (None | str | Unset):
        residence (None | Residence | Unset):
        languages (list[str] | None | Unset):
        identifiers (list[PatientIdentifier] | None | Unset):
    """

    family_name: None | str | Unset = UNSET
    given_names: list[str] | None | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    sex: None | Sex | Unset = UNSET
    nationality: None | str | Unset = UNSET
    residence: None | Residence | Unset = UNSET
    languages: list[str] | None | Unset = UNSET
    identifiers: list[PatientIdentifier] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.residence import Residence  # noqa: PLC0415

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

        given_names: list[str] | None | Unset
        if isinstance(self.given_names, Unset):
            given_names = UNSET
        elif isinstance(self.given_names, list):
            given_names = self.given_names

        else:
            given_names = self.given_names

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        sex: None | str | Unset
        if isinstance(self.sex, Unset):
            sex = UNSET
        elif isinstance(self.sex, Sex):
            sex = self.sex.value
        else:
            sex = self.sex

        nationality: None | str | Unset
        if isinstance(self.nationality, Unset):
            nationality = UNSET
        else:
            nationality = self.nationality

        residence: dict[str, Any] | None | Unset
        if isinstance(self.residence, Unset):
            residence = UNSET
        elif isinstance(self.residence, Residence):
            residence = self.residence.to_dict()
        else:
            residence = self.residence

        languages: list[str] | None | Unset
        if isinstance(self.languages, Unset):
            languages = UNSET
        elif isinstance(self.languages, list):
            languages = self.languages

        else:
            languages = self.languages

        identifiers: list[dict[str, Any]] | None | Unset
        if isinstance(self.identifiers, Unset):
            identifiers = UNSET
        elif isinstance(self.identifiers, list):
            identifiers = []
            for identifiers_type_0_item_data in self.identifiers:
                identifiers_type_0_item = identifiers_type_0_item_data.to_dict()
                identifiers.append(identifiers_type_0_item)

        else:
            identifiers = self.identifiers

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if given_names is not UNSET:
            field_dict["given_names"] = given_names
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if sex is not UNSET:
            field_dict["sex"] = sex
        if nationality is not UNSET:
            field_dict["nationality"] = nationality
        if residence is not UNSET:
            field_dict["residence"] = residence
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

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("family_name", UNSET))

        def _parse_given_names(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                given_names_type_0 = cast(list[str], data)

                return given_names_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        given_names = _parse_given_names(d.pop("given_names", UNSET))

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

        def _parse_sex(data: object) -> None | Sex | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sex_type_0 = Sex(data)

                return sex_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Sex | Unset, data)

        sex = _parse_sex(d.pop("sex", UNSET))

        def _parse_nationality(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nationality = _parse_nationality(d.pop("nationality", UNSET))

        def _parse_residence(data: object) -> None | Residence | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                residence_type_0 = Residence.from_dict(data)

                return residence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Residence | Unset, data)

        residence = _parse_residence(d.pop("residence", UNSET))

        def _parse_languages(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                languages_type_0 = cast(list[str], data)

                return languages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        languages = _parse_languages(d.pop("languages", UNSET))

        def _parse_identifiers(data: object) -> list[PatientIdentifier] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                identifiers_type_0 = []
                _identifiers_type_0 = data
                for identifiers_type_0_item_data in _identifiers_type_0:
                    identifiers_type_0_item = PatientIdentifier.from_dict(identifiers_type_0_item_data)

                    identifiers_type_0.append(identifiers_type_0_item)

                return identifiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PatientIdentifier] | None | Unset, data)

        identifiers = _parse_identifiers(d.pop("identifiers", UNSET))

        patient_update = cls(
            family_name=family_name,
            given_names=given_names,
            birth_date=birth_date,
            sex=sex,
            nationality=nationality,
            residence=residence,
            languages=languages,
            identifiers=identifiers,
        )

        return patient_update
