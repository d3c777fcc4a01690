from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.transport import Transport
from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduleTransferRequest")


@_attrs_define
class ScheduleTransferRequest:
    """
    Attributes:
        expected_arrival_at (datetime.datetime | None | Unset):
        transport (None | Transport | Unset):
        escorts (int | Unset):  Default: 0.
        interpreter_language (None | str | Unset):
    """

    expected_arrival_at: datetime.datetime | None | Unset = UNSET
    transport: None | Transport | Unset = UNSET
    escorts: int | Unset = 0
    interpreter_language: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        expected_arrival_at: None | str | Unset
        if isinstance(self.expected_arrival_at, Unset):
            expected_arrival_at = UNSET
        elif isinstance(self.expected_arrival_at, datetime.datetime):
            expected_arrival_at = self.expected_arrival_at.isoformat()
        else:
            expected_arrival_at = self.expected_arrival_at

        transport: None | str | Unset
        if isinstance(self.transport, Unset):
            transport = UNSET
        elif isinstance(self.transport, Transport):
            transport = self.transport.value
        else:
            transport = self.transport

        escorts = self.escorts

        interpreter_language: None | str | Unset
        if isinstance(self.interpreter_language, Unset):
            interpreter_language = UNSET
        else:
            interpreter_language = self.interpreter_language

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if expected_arrival_at is not UNSET:
            field_dict["expected_arrival_at"] = expected_arrival_at
        if transport is not UNSET:
            field_dict["transport"] = transport
        if escorts is not UNSET:
            field_dict["escorts"] = escorts
        if interpreter_language is not UNSET:
            field_dict["interpreter_language"] = interpreter_language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_expected_arrival_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expected_arrival_at_type_0 = datetime.datetime.fromisoformat(data)

                return expected_arrival_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expected_arrival_at = _parse_expected_arrival_at(d.pop("expected_arrival_at", UNSET))

        def _parse_transport(data: object) -> None | Transport | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                transport_type_0 = Transport(data)

                return transport_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Transport | Unset, data)

        transport = _parse_transport(d.pop("transport", UNSET))

        escorts = d.pop("escorts", UNSET)

        def _parse_interpreter_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        interpreter_language = _parse_interpreter_language(d.pop("interpreter_language", UNSET))

        schedule_transfer_request = cls(
            expected_arrival_at=expected_arrival_at,
            transport=transport,
            escorts=escorts,
            interpreter_language=interpreter_language,
        )

        return schedule_transfer_request
