from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attendance_outcome import AttendanceOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordAttendanceRequest")


@_attrs_define
class RecordAttendanceRequest:
    """
    Attributes:
        attended_at (datetime.datetime | None | Unset):
        service (None | str | Unset):
        outcome (AttendanceOutcome | None | Unset):
        notes (None | str | Unset):
    """

    attended_at: datetime.datetime | None | Unset = UNSET
    service: None | str | Unset = UNSET
    outcome: AttendanceOutcome | None | Unset = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        attended_at: None | str | Unset
        if isinstance(self.attended_at, Unset):
            attended_at = UNSET
        elif isinstance(self.attended_at, datetime.datetime):
            attended_at = self.attended_at.isoformat()
        else:
            attended_at = self.attended_at

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        elif isinstance(self.outcome, AttendanceOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if attended_at is not UNSET:
            field_dict["attended_at"] = attended_at
        if service is not UNSET:
            field_dict["service"] = service
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_attended_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                attended_at_type_0 = datetime.datetime.fromisoformat(data)

                return attended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        attended_at = _parse_attended_at(d.pop("attended_at", UNSET))

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        def _parse_outcome(data: object) -> AttendanceOutcome | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = AttendanceOutcome(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttendanceOutcome | None | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        record_attendance_request = cls(
            attended_at=attended_at,
            service=service,
            outcome=outcome,
            notes=notes,
        )

        return record_attendance_request
