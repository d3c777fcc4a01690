from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.disposition import Disposition
from ..types import UNSET, Unset

T = TypeVar("T", bound="DischargeRequest")


@_attrs_define
class DischargeRequest:
    """
    Attributes:
        discharged_at (datetime.datetime | None | Unset):
        disposition (Disposition | None | Unset):
        summary (None | str | Unset):
    """

    discharged_at: datetime.datetime | None | Unset = UNSET
    disposition: Disposition | None | Unset = UNSET
    summary: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if discharged_at is not UNSET:
            field_dict["discharged_at"] = discharged_at
        if disposition is not UNSET:
            field_dict["disposition"] = disposition
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

        discharge_request = cls(
            discharged_at=discharged_at,
            disposition=disposition,
            summary=summary,
        )

        return discharge_request
