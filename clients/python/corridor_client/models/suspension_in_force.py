from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.suspension_reason import SuspensionReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="SuspensionInForce")


@_attrs_define
class SuspensionInForce:
    """
    Attributes:
        id (UUID):
        reason (SuspensionReason): Why a whole corridor stops taking patients for a while.
        note (None | str): Free text for the agreement's parties (receiving, payer and coordinating organisations,
            platform admins); null for anyone else.
        suspended_at (datetime.datetime):
        held_count (int): How many of your own cases it holds now.
        receiving_organization_id (None | Unset | UUID): The receiving hospital that paused its own intake; null: the
            whole corridor is suspended.
    """

    id: UUID
    reason: SuspensionReason
    note: None | str
    suspended_at: datetime.datetime
    held_count: int
    receiving_organization_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        reason = self.reason.value

        note: None | str
        note = self.note

        suspended_at = self.suspended_at.isoformat()

        held_count = self.held_count

        receiving_organization_id: None | str | Unset
        if isinstance(self.receiving_organization_id, Unset):
            receiving_organization_id = UNSET
        elif isinstance(self.receiving_organization_id, UUID):
            receiving_organization_id = str(self.receiving_organization_id)
        else:
            receiving_organization_id = self.receiving_organization_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "reason": reason,
                "note": note,
                "suspended_at": suspended_at,
                "held_count": held_count,
            }
        )
        if receiving_organization_id is not UNSET:
            field_dict["receiving_organization_id"] = receiving_organization_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        reason = SuspensionReason(d.pop("reason"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        suspended_at = datetime.datetime.fromisoformat(d.pop("suspended_at"))

        held_count = d.pop("held_count")

        def _parse_receiving_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_organization_id_type_0 = UUID(data)

                return receiving_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        receiving_organization_id = _parse_receiving_organization_id(d.pop("receiving_organization_id", UNSET))

        suspension_in_force = cls(
            id=id,
            reason=reason,
            note=note,
            suspended_at=suspended_at,
            held_count=held_count,
            receiving_organization_id=receiving_organization_id,
        )

        suspension_in_force.additional_properties = d
        return suspension_in_force

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
