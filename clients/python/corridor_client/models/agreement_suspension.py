from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.suspension_reason import SuspensionReason

if TYPE_CHECKING:
    from ..models.agreement_suspension_by_status import AgreementSuspensionByStatus


T = TypeVar("T", bound="AgreementSuspension")


@_attrs_define
class AgreementSuspension:
    """A corridor's suspension, and what suspending or resuming did: case counts by status,
    never a case (the corridor's cases are not all the caller's).

        Attributes:
            id (UUID):
            agreement_id (UUID):
            receiving_organization_id (None | UUID): The hospital whose intake is paused; null: the whole corridor.
            reason (SuspensionReason): Why a whole corridor stops taking patients for a while.
            note (None | str):
            suspended_at (datetime.datetime):
            held_count (int): How many of your own cases it put on hold (or held, when resuming); the corridor's other cases
                are other organisations' and are not counted.
            resumed_at (datetime.datetime | None):
            resumed_count (int | None): How many of your own cases it brought back; cases held for other reasons stay.
            by_status (AgreementSuspensionByStatus): Your own cases of this request by the status they were held from
                (suspend, pause) or resumed to (resume).
    """

    id: UUID
    agreement_id: UUID
    receiving_organization_id: None | UUID
    reason: SuspensionReason
    note: None | str
    suspended_at: datetime.datetime
    held_count: int
    resumed_at: datetime.datetime | None
    resumed_count: int | None
    by_status: AgreementSuspensionByStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        agreement_id = str(self.agreement_id)

        receiving_organization_id: None | str
        if isinstance(self.receiving_organization_id, UUID):
            receiving_organization_id = str(self.receiving_organization_id)
        else:
            receiving_organization_id = self.receiving_organization_id

        reason = self.reason.value

        note: None | str
        note = self.note

        suspended_at = self.suspended_at.isoformat()

        held_count = self.held_count

        resumed_at: None | str
        if isinstance(self.resumed_at, datetime.datetime):
            resumed_at = self.resumed_at.isoformat()
        else:
            resumed_at = self.resumed_at

        resumed_count: int | None
        resumed_count = self.resumed_count

        by_status = self.by_status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "agreement_id": agreement_id,
                "receiving_organization_id": receiving_organization_id,
                "reason": reason,
                "note": note,
                "suspended_at": suspended_at,
                "held_count": held_count,
                "resumed_at": resumed_at,
                "resumed_count": resumed_count,
                "by_status": by_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_suspension_by_status import AgreementSuspensionByStatus  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        agreement_id = UUID(d.pop("agreement_id"))

        def _parse_receiving_organization_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_organization_id_type_0 = UUID(data)

                return receiving_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        receiving_organization_id = _parse_receiving_organization_id(d.pop("receiving_organization_id"))

        reason = SuspensionReason(d.pop("reason"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        suspended_at = datetime.datetime.fromisoformat(d.pop("suspended_at"))

        held_count = d.pop("held_count")

        def _parse_resumed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resumed_at_type_0 = datetime.datetime.fromisoformat(data)

                return resumed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resumed_at = _parse_resumed_at(d.pop("resumed_at"))

        def _parse_resumed_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        resumed_count = _parse_resumed_count(d.pop("resumed_count"))

        by_status = AgreementSuspensionByStatus.from_dict(d.pop("by_status"))

        agreement_suspension = cls(
            id=id,
            agreement_id=agreement_id,
            receiving_organization_id=receiving_organization_id,
            reason=reason,
            note=note,
            suspended_at=suspended_at,
            held_count=held_count,
            resumed_at=resumed_at,
            resumed_count=resumed_count,
            by_status=by_status,
        )

        agreement_suspension.additional_properties = d
        return agreement_suspension

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
