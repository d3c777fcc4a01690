from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VirtualServiceIn")


@_attrs_define
class VirtualServiceIn:
    """How to join: FHIR R5 VirtualServiceDetail (channelType, addressUrl, additionalInfo,
    maxParticipants, sessionKey).

        Attributes:
            channel_type (str): A code of http://hl7.org/fhir/virtual-service-type (zoom, ms-teams, whatsapp) or of the
                hospital's own platform.
            address_url (None | str | Unset):
            additional_info (list[str] | Unset):
            max_participants (int | None | Unset):
            session_key (None | str | Unset):
    """

    channel_type: str
    address_url: None | str | Unset = UNSET
    additional_info: list[str] | Unset = UNSET
    max_participants: int | None | Unset = UNSET
    session_key: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel_type = self.channel_type

        address_url: None | str | Unset
        if isinstance(self.address_url, Unset):
            address_url = UNSET
        else:
            address_url = self.address_url

        additional_info: list[str] | Unset = UNSET
        if not isinstance(self.additional_info, Unset):
            additional_info = self.additional_info

        max_participants: int | None | Unset
        if isinstance(self.max_participants, Unset):
            max_participants = UNSET
        else:
            max_participants = self.max_participants

        session_key: None | str | Unset
        if isinstance(self.session_key, Unset):
            session_key = UNSET
        else:
            session_key = self.session_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel_type": channel_type,
            }
        )
        if address_url is not UNSET:
            field_dict["address_url"] = address_url
        if additional_info is not UNSET:
            field_dict["additional_info"] = additional_info
        if max_participants is not UNSET:
            field_dict["max_participants"] = max_participants
        if session_key is not UNSET:
            field_dict["session_key"] = session_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_type = d.pop("channel_type")

        def _parse_address_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address_url = _parse_address_url(d.pop("address_url", UNSET))

        additional_info = cast(list[str], d.pop("additional_info", UNSET))

        def _parse_max_participants(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_participants = _parse_max_participants(d.pop("max_participants", UNSET))

        def _parse_session_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_key = _parse_session_key(d.pop("session_key", UNSET))

        virtual_service_in = cls(
            channel_type=channel_type,
            address_url=address_url,
            additional_info=additional_info,
            max_participants=max_participants,
            session_key=session_key,
        )

        return virtual_service_in
