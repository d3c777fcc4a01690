from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordArrivalRequest")


@_attrs_define
class RecordArrivalRequest:
    """
    Attributes:
        arrived_at (datetime.datetime | None | Unset):
    """

    arrived_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        arrived_at: None | str | Unset
        if isinstance(self.arrived_at, Unset):
            arrived_at = UNSET
        elif isinstance(self.arrived_at, datetime.datetime):
            arrived_at = self.arrived_at.isoformat()
        else:
            arrived_at = self.arrived_at

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if arrived_at is not UNSET:
            field_dict["arrived_at"] = arrived_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_arrived_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                arrived_at_type_0 = datetime.datetime.fromisoformat(data)

                return arrived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        arrived_at = _parse_arrived_at(d.pop("arrived_at", UNSET))

        record_arrival_request = cls(
            arrived_at=arrived_at,
        )

        return record_arrival_request
