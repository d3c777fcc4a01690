from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status import CaseStatus
from ..models.priority import Priority
from ..models.transport import Transport

T = TypeVar("T", bound="ExpectedArrival")


@_attrs_define
class ExpectedArrival:
    """
    Attributes:
        case_id (UUID):
        reference (str):
        receiving_organization_id (None | UUID):
        status (CaseStatus):
        priority (Priority):
        expected_arrival_at (datetime.datetime):
        transport (Transport):
        arrived_at (datetime.datetime | None):
    """

    case_id: UUID
    reference: str
    receiving_organization_id: None | UUID
    status: CaseStatus
    priority: Priority
    expected_arrival_at: datetime.datetime
    transport: Transport
    arrived_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_id = str(self.case_id)

        reference = self.reference

        receiving_organization_id: None | str
        if isinstance(self.receiving_organization_id, UUID):
            receiving_organization_id = str(self.receiving_organization_id)
        else:
            receiving_organization_id = self.receiving_organization_id

        status = self.status.value

        priority = self.priority.value

        expected_arrival_at = self.expected_arrival_at.isoformat()

        transport = self.transport.value

        arrived_at: None | str
        if isinstance(self.arrived_at, datetime.datetime):
            arrived_at = self.arrived_at.isoformat()
        else:
            arrived_at = self.arrived_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_id": case_id,
                "reference": reference,
                "receiving_organization_id": receiving_organization_id,
                "status": status,
                "priority": priority,
                "expected_arrival_at": expected_arrival_at,
                "transport": transport,
                "arrived_at": arrived_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        case_id = UUID(d.pop("case_id"))

        reference = d.pop("reference")

        def _parse_receiving_organization_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_organization_id_type_0 = UUID(data)

                return receiving_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        receiving_organization_id = _parse_receiving_organization_id(d.pop("receiving_organization_id"))

        status = CaseStatus(d.pop("status"))

        priority = Priority(d.pop("priority"))

        expected_arrival_at = datetime.datetime.fromisoformat(d.pop("expected_arrival_at"))

        transport = Transport(d.pop("transport"))

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

        expected_arrival = cls(
            case_id=case_id,
            reference=reference,
            receiving_organization_id=receiving_organization_id,
            status=status,
            priority=priority,
            expected_arrival_at=expected_arrival_at,
            transport=transport,
            arrived_at=arrived_at,
        )

        expected_arrival.additional_properties = d
        return expected_arrival

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
