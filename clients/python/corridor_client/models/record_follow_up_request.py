from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.follow_up_outcome import FollowUpOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordFollowUpRequest")


@_attrs_define
class RecordFollowUpRequest:
    """
    Attributes:
        outcome (FollowUpOutcome | None | Unset):
        notes (None | str | Unset):
    """

    outcome: FollowUpOutcome | None | Unset = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        elif isinstance(self.outcome, FollowUpOutcome):
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
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_outcome(data: object) -> FollowUpOutcome | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = FollowUpOutcome(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FollowUpOutcome | None | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        record_follow_up_request = cls(
            outcome=outcome,
            notes=notes,
        )

        return record_follow_up_request
