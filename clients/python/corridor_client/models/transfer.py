from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transport import Transport

T = TypeVar("T", bound="Transfer")


@_attrs_define
class Transfer:
    """
    Attributes:
        expected_arrival_at (datetime.datetime):
        transport (Transport):
        escorts (int):
        interpreter_language (None | str):
        arrived_at (datetime.datetime | None):
    """

    expected_arrival_at: datetime.datetime
    transport: Transport
    escorts: int
    interpreter_language: None | str
    arrived_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expected_arrival_at = self.expected_arrival_at.isoformat()

        transport = self.transport.value

        escorts = self.escorts

        interpreter_language: None | str
        interpreter_language = self.interpreter_language

        arrived_at: None | str
        if isinstance(self.arrived_at, datetime.datetime):
            arrived_at = self.arrived_at.isoformat()
        else:
            arrived_at = self.arrived_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expected_arrival_at": expected_arrival_at,
                "transport": transport,
                "escorts": escorts,
                "interpreter_language": interpreter_language,
                "arrived_at": arrived_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expected_arrival_at = datetime.datetime.fromisoformat(d.pop("expected_arrival_at"))

        transport = Transport(d.pop("transport"))

        escorts = d.pop("escorts")

        def _parse_interpreter_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        interpreter_language = _parse_interpreter_language(d.pop("interpreter_language"))

        def _parse_arrived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                arrived_at_type_0 = datetime.datetime.fromisoformat(data)

                return arrived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        arrived_at = _parse_arrived_at(d.pop("arrived_at"))

        transfer = cls(
            expected_arrival_at=expected_arrival_at,
            transport=transport,
            escorts=escorts,
            interpreter_language=interpreter_language,
            arrived_at=arrived_at,
        )

        transfer.additional_properties = d
        return transfer

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
