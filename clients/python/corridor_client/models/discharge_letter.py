from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.disposition import Disposition

if TYPE_CHECKING:
    from ..models.coded_entry import CodedEntry
    from ..models.medication import Medication


T = TypeVar("T", bound="DischargeLetter")


@_attrs_define
class DischargeLetter:
    """The structured discharge letter the referrer reads (absent from a payer's view).

    Attributes:
        discharged_at (datetime.datetime):
        disposition (Disposition): FHIR Encounter.hospitalization.dischargeDisposition codes.
        summary (None | str):
        diagnoses (list[CodedEntry]):
        procedures (list[CodedEntry]):
        medications (list[Medication]):
        follow_up_instructions (None | str):
        language (None | str):
        acknowledged_at (datetime.datetime | None):
        acknowledged_by (None | str):
    """

    discharged_at: datetime.datetime
    disposition: Disposition
    summary: None | str
    diagnoses: list[CodedEntry]
    procedures: list[CodedEntry]
    medications: list[Medication]
    follow_up_instructions: None | str
    language: None | str
    acknowledged_at: datetime.datetime | None
    acknowledged_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        discharged_at = self.discharged_at.isoformat()

        disposition = self.disposition.value

        summary: None | str
        summary = self.summary

        diagnoses = []
        for diagnoses_item_data in self.diagnoses:
            diagnoses_item = diagnoses_item_data.to_dict()
            diagnoses.append(diagnoses_item)

        procedures = []
        for procedures_item_data in self.procedures:
            procedures_item = procedures_item_data.to_dict()
            procedures.append(procedures_item)

        medications = []
        for medications_item_data in self.medications:
            medications_item = medications_item_data.to_dict()
            medications.append(medications_item)

        follow_up_instructions: None | str
        follow_up_instructions = self.follow_up_instructions

        language: None | str
        language = self.language

        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        acknowledged_by: None | str
        acknowledged_by = self.acknowledged_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "discharged_at": discharged_at,
                "disposition": disposition,
                "summary": summary,
                "diagnoses": diagnoses,
                "procedures": procedures,
                "medications": medications,
                "follow_up_instructions": follow_up_instructions,
                "language": language,
                "acknowledged_at": acknowledged_at,
                "acknowledged_by": acknowledged_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coded_entry import CodedEntry  # noqa: PLC0415
        from ..models.medication import Medication  # noqa: PLC0415

        d = dict(src_dict)
        discharged_at = datetime.datetime.fromisoformat(d.pop("discharged_at"))

        disposition = Disposition(d.pop("disposition"))

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        diagnoses = []
        _diagnoses = d.pop("diagnoses")
        for diagnoses_item_data in _diagnoses:
            diagnoses_item = CodedEntry.from_dict(diagnoses_item_data)

            diagnoses.append(diagnoses_item)

        procedures = []
        _procedures = d.pop("procedures")
        for procedures_item_data in _procedures:
            procedures_item = CodedEntry.from_dict(procedures_item_data)

            procedures.append(procedures_item)

        medications = []
        _medications = d.pop("medications")
        for medications_item_data in _medications:
            medications_item = Medication.from_dict(medications_item_data)

            medications.append(medications_item)

        def _parse_follow_up_instructions(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        follow_up_instructions = _parse_follow_up_instructions(d.pop("follow_up_instructions"))

        def _parse_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        language = _parse_language(d.pop("language"))

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        def _parse_acknowledged_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        acknowledged_by = _parse_acknowledged_by(d.pop("acknowledged_by"))

        discharge_letter = cls(
            discharged_at=discharged_at,
            disposition=disposition,
            summary=summary,
            diagnoses=diagnoses,
            procedures=procedures,
            medications=medications,
            follow_up_instructions=follow_up_instructions,
            language=language,
            acknowledged_at=acknowledged_at,
            acknowledged_by=acknowledged_by,
        )

        discharge_letter.additional_properties = d
        return discharge_letter

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
