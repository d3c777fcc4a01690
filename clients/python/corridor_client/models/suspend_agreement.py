from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.suspension_reason import SuspensionReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="SuspendAgreement")


@_attrs_define
class SuspendAgreement:
    """
    Attributes:
        reason (SuspensionReason): Why a whole corridor stops taking patients for a while.
        note (None | str | Unset): What happened, in words for the corridor's people (no patient data).
    """

    reason: SuspensionReason
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = SuspensionReason(d.pop("reason"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        suspend_agreement = cls(
            reason=reason,
            note=note,
        )

        return suspend_agreement
