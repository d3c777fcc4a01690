from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coded_entry_in import CodedEntryIn
    from ..models.medication_in import MedicationIn


T = TypeVar("T", bound="DischargeLetterIn")


@_attrs_define
class DischargeLetterIn:
    """
    Attributes:
        diagnoses (list[CodedEntryIn] | Unset):
        procedures (list[CodedEntryIn] | Unset):
        medications (list[MedicationIn] | Unset):
        follow_up_instructions (None | str | Unset):
        language (None | str | Unset):
    """

    diagnoses: list[CodedEntryIn] | Unset = UNSET
    procedures: list[CodedEntryIn] | Unset = UNSET
    medications: list[MedicationIn] | Unset = UNSET
    follow_up_instructions: None | str | Unset = UNSET
    language: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        diagnoses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.diagnoses, Unset):
            diagnoses = []
            for diagnoses_item_data in self.diagnoses:
                diagnoses_item = diagnoses_item_data.to_dict()
                diagnoses.append(diagnoses_item)

        procedures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.procedures, Unset):
            procedures = []
            for procedures_item_data in self.procedures:
                procedures_item = procedures_item_data.to_dict()
                procedures.append(procedures_item)

        medications: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.medications, Unset):
            medications = []
            for medications_item_data in self.medications:
                medications_item = medications_item_data.to_dict()
                medications.append(medications_item)

        follow_up_instructions: None | str | Unset
        if isinstance(self.follow_up_instructions, Unset):
            follow_up_instructions = UNSET
        else:
            follow_up_instructions = self.follow_up_instructions

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if diagnoses is not UNSET:
            field_dict["diagnoses"] = diagnoses
        if procedures is not UNSET:
            field_dict["procedures"] = procedures
        if medications is not UNSET:
            field_dict["medications"] = medications
        if follow_up_instructions is not UNSET:
            field_dict["follow_up_instructions"] = follow_up_instructions
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coded_entry_in import CodedEntryIn  # noqa: PLC0415
        from ..models.medication_in import MedicationIn  # noqa: PLC0415

        d = dict(src_dict)
        _diagnoses = d.pop("diagnoses", UNSET)
        diagnoses: list[CodedEntryIn] | Unset = UNSET
        if _diagnoses is not UNSET:
            diagnoses = []
            for diagnoses_item_data in _diagnoses:
                diagnoses_item = CodedEntryIn.from_dict(diagnoses_item_data)

                diagnoses.append(diagnoses_item)

        _procedures = d.pop("procedures", UNSET)
        procedures: list[CodedEntryIn] | Unset = UNSET
        if _procedures is not UNSET:
            procedures = []
            for procedures_item_data in _procedures:
                procedures_item = CodedEntryIn.from_dict(procedures_item_data)

                procedures.append(procedures_item)

        _medications = d.pop("medications", UNSET)
        medications: list[MedicationIn] | Unset = UNSET
        if _medications is not UNSET:
            medications = []
            for medications_item_data in _medications:
                medications_item = MedicationIn.from_dict(medications_item_data)

                medications.append(medications_item)

        def _parse_follow_up_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        follow_up_instructions = _parse_follow_up_instructions(d.pop("follow_up_instructions", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        discharge_letter_in = cls(
            diagnoses=diagnoses,
            procedures=procedures,
            medications=medications,
            follow_up_instructions=follow_up_instructions,
            language=language,
        )

        return discharge_letter_in
