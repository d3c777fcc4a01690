from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VirtualService")


@_attrs_define
class VirtualService:
    """
    Attributes:
        channel_type (str):
        address_url (None | str):
        additional_info (list[str]):
        max_participants (int | None):
        session_key (None | str | Unset): Absent from a payer's view.
    """

    channel_type: str
    address_url: None | str
    additional_info: list[str]
    max_participants: int | None
    session_key: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_type = self.channel_type

        address_url: None | str
        address_url = self.address_url

        additional_info = self.additional_info

        max_participants: int | None
        max_participants = self.max_participants

        session_key: None | str | Unset
        if isinstance(self.session_key, Unset):
            session_key = UNSET
        else:
            session_key = self.session_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_type": channel_type,
                "address_url": address_url,
                "additional_info": additional_info,
                "max_participants": max_participants,
            }
        )
        if session_key is not UNSET:
            field_dict["session_key"] = session_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_type = d.pop("channel_type")

        def _parse_address_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        address_url = _parse_address_url(d.pop("address_url"))

        additional_info = cast(list[str], d.pop("additional_info"))

        def _parse_max_participants(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_participants = _parse_max_participants(d.pop("max_participants"))

        def _parse_session_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_key = _parse_session_key(d.pop("session_key", UNSET))

        virtual_service = cls(
            channel_type=channel_type,
            address_url=address_url,
            additional_info=additional_info,
            max_participants=max_participants,
            session_key=session_key,
        )

        virtual_service.additional_properties = d
        return virtual_service

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
