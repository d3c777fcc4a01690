from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status import CaseStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor import Actor
    from ..models.case_event_data import CaseEventData


T = TypeVar("T", bound="CaseEvent")


@_attrs_define
class CaseEvent:
    """A timeline or feed item: thin, ids and codes only.

    Attributes:
        id (str): The event's position in the feed (a cursor).
        type_ (str):
        occurred_at (datetime.datetime):
        case_id (UUID):
        case_version (int):
        status (CaseStatus):
        from_status (CaseStatus | None):
        to_status (CaseStatus):
        actor (Actor):
        reason (None | str | Unset):
        data (CaseEventData | Unset):
    """

    id: str
    type_: str
    occurred_at: datetime.datetime
    case_id: UUID
    case_version: int
    status: CaseStatus
    from_status: CaseStatus | None
    to_status: CaseStatus
    actor: Actor
    reason: None | str | Unset = UNSET
    data: CaseEventData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        occurred_at = self.occurred_at.isoformat()

        case_id = str(self.case_id)

        case_version = self.case_version

        status = self.status.value

        from_status: None | str
        if isinstance(self.from_status, CaseStatus):
            from_status = self.from_status.value
        else:
            from_status = self.from_status

        to_status = self.to_status.value

        actor = self.actor.to_dict()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "occurred_at": occurred_at,
                "case_id": case_id,
                "case_version": case_version,
                "status": status,
                "from_status": from_status,
                "to_status": to_status,
                "actor": actor,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor import Actor  # noqa: PLC0415
        from ..models.case_event_data import CaseEventData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        case_id = UUID(d.pop("case_id"))

        case_version = d.pop("case_version")

        status = CaseStatus(d.pop("status"))

        def _parse_from_status(data: object) -> CaseStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_status_type_0 = CaseStatus(data)

                return from_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseStatus | None, data)

        from_status = _parse_from_status(d.pop("from_status"))

        to_status = CaseStatus(d.pop("to_status"))

        actor = Actor.from_dict(d.pop("actor"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        _data = d.pop("data", UNSET)
        data: CaseEventData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = CaseEventData.from_dict(_data)

        case_event = cls(
            id=id,
            type_=type_,
            occurred_at=occurred_at,
            case_id=case_id,
            case_version=case_version,
            status=status,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason,
            data=data,
        )

        case_event.additional_properties = d
        return case_event

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
