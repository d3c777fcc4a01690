from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.logistics_task_kind import LogisticsTaskKind
from ..models.logistics_task_status import LogisticsTaskStatus

T = TypeVar("T", bound="LogisticsTask")


@_attrs_define
class LogisticsTask:
    """
    Attributes:
        id (UUID):
        case_id (UUID):
        kind (LogisticsTaskKind):
        status (LogisticsTaskStatus):
        assignee (None | str):
        due_date (datetime.date | None):
        note (None | str): null in a payer's view.
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    case_id: UUID
    kind: LogisticsTaskKind
    status: LogisticsTaskStatus
    assignee: None | str
    due_date: datetime.date | None
    note: None | str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        case_id = str(self.case_id)

        kind = self.kind.value

        status = self.status.value

        assignee: None | str
        assignee = self.assignee

        due_date: None | str
        if isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        note: None | str
        note = self.note

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case_id": case_id,
                "kind": kind,
                "status": status,
                "assignee": assignee,
                "due_date": due_date,
                "note": note,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        case_id = UUID(d.pop("case_id"))

        kind = LogisticsTaskKind(d.pop("kind"))

        status = LogisticsTaskStatus(d.pop("status"))

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        def _parse_due_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_date = _parse_due_date(d.pop("due_date"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        logistics_task = cls(
            id=id,
            case_id=case_id,
            kind=kind,
            status=status,
            assignee=assignee,
            due_date=due_date,
            note=note,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        logistics_task.additional_properties = d
        return logistics_task

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
