from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.teleconsultation_mode import TeleconsultationMode
from ..models.teleconsultation_outcome import TeleconsultationOutcome
from ..models.teleconsultation_status import TeleconsultationStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Teleconsultation")


@_attrs_define
class Teleconsultation:
    """
    Attributes:
        id (UUID):
        scheduled_at (datetime.datetime):
        mode (TeleconsultationMode):
        consultant (None | str):
        status (TeleconsultationStatus):
        outcome (None | TeleconsultationOutcome):
        notes (None | str | Unset): Absent from a payer's view.
    """

    id: UUID
    scheduled_at: datetime.datetime
    mode: TeleconsultationMode
    consultant: None | str
    status: TeleconsultationStatus
    outcome: None | TeleconsultationOutcome
    notes: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        scheduled_at = self.scheduled_at.isoformat()

        mode = self.mode.value

        consultant: None | str
        consultant = self.consultant

        status = self.status.value

        outcome: None | str
        if isinstance(self.outcome, TeleconsultationOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "scheduled_at": scheduled_at,
                "mode": mode,
                "consultant": consultant,
                "status": status,
                "outcome": outcome,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))

        mode = TeleconsultationMode(d.pop("mode"))

        def _parse_consultant(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        consultant = _parse_consultant(d.pop("consultant"))

        status = TeleconsultationStatus(d.pop("status"))

        def _parse_outcome(data: object) -> None | TeleconsultationOutcome:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = TeleconsultationOutcome(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TeleconsultationOutcome, data)

        outcome = _parse_outcome(d.pop("outcome"))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        teleconsultation = cls(
            id=id,
            scheduled_at=scheduled_at,
            mode=mode,
            consultant=consultant,
            status=status,
            outcome=outcome,
            notes=notes,
        )

        teleconsultation.additional_properties = d
        return teleconsultation

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
