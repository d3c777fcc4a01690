from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.follow_up_outcome import FollowUpOutcome
from ..models.teleconsultation_kind import TeleconsultationKind
from ..models.teleconsultation_mode import TeleconsultationMode
from ..models.teleconsultation_outcome import TeleconsultationOutcome
from ..models.teleconsultation_status import TeleconsultationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.virtual_service import VirtualService


T = TypeVar("T", bound="Teleconsultation")


@_attrs_define
class Teleconsultation:
    """
    Attributes:
        id (UUID):
        scheduled_at (datetime.datetime):
        mode (TeleconsultationMode):
        consultant (None | str): null in a payer's view.
        status (TeleconsultationStatus):
        outcome (FollowUpOutcome | None | TeleconsultationOutcome):
        kind (TeleconsultationKind): A consultation before acceptance, or a follow-up after discharge.
        time_zone (None | str): The zone it was scheduled in; scheduled_at is shown in it.
        notes (None | str | Unset): Absent from a payer's view.
        virtual_service (None | Unset | VirtualService):
    """

    id: UUID
    scheduled_at: datetime.datetime
    mode: TeleconsultationMode
    consultant: None | str
    status: TeleconsultationStatus
    outcome: FollowUpOutcome | None | TeleconsultationOutcome
    kind: TeleconsultationKind
    time_zone: None | str
    notes: None | str | Unset = UNSET
    virtual_service: None | Unset | VirtualService = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.virtual_service import VirtualService  # noqa: PLC0415

        id = str(self.id)

        scheduled_at = self.scheduled_at.isoformat()

        mode = self.mode.value

        consultant: None | str
        consultant = self.consultant

        status = self.status.value

        outcome: None | str
        if isinstance(self.outcome, TeleconsultationOutcome):
            outcome = self.outcome.value
        elif isinstance(self.outcome, FollowUpOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        kind = self.kind.value

        time_zone: None | str
        time_zone = self.time_zone

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        virtual_service: dict[str, Any] | None | Unset
        if isinstance(self.virtual_service, Unset):
            virtual_service = UNSET
        elif isinstance(self.virtual_service, VirtualService):
            virtual_service = self.virtual_service.to_dict()
        else:
            virtual_service = self.virtual_service

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
                "kind": kind,
                "time_zone": time_zone,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes
        if virtual_service is not UNSET:
            field_dict["virtual_service"] = virtual_service

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.virtual_service import VirtualService  # noqa: PLC0415

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

        def _parse_outcome(data: object) -> FollowUpOutcome | None | TeleconsultationOutcome:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = TeleconsultationOutcome(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_1 = FollowUpOutcome(data)

                return outcome_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FollowUpOutcome | None | TeleconsultationOutcome, data)

        outcome = _parse_outcome(d.pop("outcome"))

        kind = TeleconsultationKind(d.pop("kind"))

        def _parse_time_zone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        time_zone = _parse_time_zone(d.pop("time_zone"))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_virtual_service(data: object) -> None | Unset | VirtualService:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                virtual_service_type_0 = VirtualService.from_dict(data)

                return virtual_service_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VirtualService, data)

        virtual_service = _parse_virtual_service(d.pop("virtual_service", UNSET))

        teleconsultation = cls(
            id=id,
            scheduled_at=scheduled_at,
            mode=mode,
            consultant=consultant,
            status=status,
            outcome=outcome,
            kind=kind,
            time_zone=time_zone,
            notes=notes,
            virtual_service=virtual_service,
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
