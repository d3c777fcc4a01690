from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.disposition import Disposition
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.discharge_letter_in import DischargeLetterIn


T = TypeVar("T", bound="DischargeRequest")


@_attrs_define
class DischargeRequest:
    """
    Attributes:
        discharged_at (datetime.datetime | None | Unset):
        disposition (Disposition | None | Unset):
        summary (None | str | Unset):
        letter (DischargeLetterIn | None | Unset): The structured letter; a summary or a letter is required.
    """

    discharged_at: datetime.datetime | None | Unset = UNSET
    disposition: Disposition | None | Unset = UNSET
    summary: None | str | Unset = UNSET
    letter: DischargeLetterIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.discharge_letter_in import DischargeLetterIn  # noqa: PLC0415

        discharged_at: None | str | Unset
        if isinstance(self.discharged_at, Unset):
            discharged_at = UNSET
        elif isinstance(self.discharged_at, datetime.datetime):
            discharged_at = self.discharged_at.isoformat()
        else:
            discharged_at = self.discharged_at

        disposition: None | str | Unset
        if isinstance(self.disposition, Unset):
            disposition = UNSET
        elif isinstance(self.disposition, Disposition):
            disposition = self.disposition.value
        else:
            disposition = self.disposition

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        letter: dict[str, Any] | None | Unset
        if isinstance(self.letter, Unset):
            letter = UNSET
        elif isinstance(self.letter, DischargeLetterIn):
            letter = self.letter.to_dict()
        else:
            letter = self.letter

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if discharged_at is not UNSET:
            field_dict["discharged_at"] = discharged_at
        if disposition is not UNSET:
            field_dict["disposition"] = disposition
        if summary is not UNSET:
            field_dict["summary"] = summary
        if letter is not UNSET:
            field_dict["letter"] = letter

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.discharge_letter_in import DischargeLetterIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_discharged_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discharged_at_type_0 = datetime.datetime.fromisoformat(data)

                return discharged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        discharged_at = _parse_discharged_at(d.pop("discharged_at", UNSET))

        def _parse_disposition(data: object) -> Disposition | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disposition_type_0 = Disposition(data)

                return disposition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Disposition | None | Unset, data)

        disposition = _parse_disposition(d.pop("disposition", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_letter(data: object) -> DischargeLetterIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                letter_type_0 = DischargeLetterIn.from_dict(data)

                return letter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DischargeLetterIn | None | Unset, data)

        letter = _parse_letter(d.pop("letter", UNSET))

        discharge_request = cls(
            discharged_at=discharged_at,
            disposition=disposition,
            summary=summary,
            letter=letter,
        )

        return discharge_request
