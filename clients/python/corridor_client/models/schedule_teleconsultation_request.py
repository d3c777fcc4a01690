from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.teleconsultation_mode import TeleconsultationMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.virtual_service_in import VirtualServiceIn


T = TypeVar("T", bound="ScheduleTeleconsultationRequest")


@_attrs_define
class ScheduleTeleconsultationRequest:
    """
    Attributes:
        scheduled_at (datetime.datetime | None | Unset):
        mode (None | TeleconsultationMode | Unset):
        consultant (None | str | Unset):
        virtual_service (None | Unset | VirtualServiceIn): The channel and join link.
        time_zone (None | str | Unset):
    """

    scheduled_at: datetime.datetime | None | Unset = UNSET
    mode: None | TeleconsultationMode | Unset = UNSET
    consultant: None | str | Unset = UNSET
    virtual_service: None | Unset | VirtualServiceIn = UNSET
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.virtual_service_in import VirtualServiceIn  # noqa: PLC0415

        scheduled_at: None | str | Unset
        if isinstance(self.scheduled_at, Unset):
            scheduled_at = UNSET
        elif isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, TeleconsultationMode):
            mode = self.mode.value
        else:
            mode = self.mode

        consultant: None | str | Unset
        if isinstance(self.consultant, Unset):
            consultant = UNSET
        else:
            consultant = self.consultant

        virtual_service: dict[str, Any] | None | Unset
        if isinstance(self.virtual_service, Unset):
            virtual_service = UNSET
        elif isinstance(self.virtual_service, VirtualServiceIn):
            virtual_service = self.virtual_service.to_dict()
        else:
            virtual_service = self.virtual_service

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if mode is not UNSET:
            field_dict["mode"] = mode
        if consultant is not UNSET:
            field_dict["consultant"] = consultant
        if virtual_service is not UNSET:
            field_dict["virtual_service"] = virtual_service
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.virtual_service_in import VirtualServiceIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_scheduled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at", UNSET))

        def _parse_mode(data: object) -> None | TeleconsultationMode | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = TeleconsultationMode(data)

                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TeleconsultationMode | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        def _parse_consultant(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consultant = _parse_consultant(d.pop("consultant", UNSET))

        def _parse_virtual_service(data: object) -> None | Unset | VirtualServiceIn:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                virtual_service_type_0 = VirtualServiceIn.from_dict(data)

                return virtual_service_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VirtualServiceIn, data)

        virtual_service = _parse_virtual_service(d.pop("virtual_service", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        schedule_teleconsultation_request = cls(
            scheduled_at=scheduled_at,
            mode=mode,
            consultant=consultant,
            virtual_service=virtual_service,
            time_zone=time_zone,
        )

        return schedule_teleconsultation_request
