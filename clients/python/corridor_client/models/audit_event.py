from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_actor import AuditActor
    from ..models.audit_event_object_ids import AuditEventObjectIds


T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """One access: who, what (ids only), when, and how it ended.

    Attributes:
        seq (int):
        occurred_at (datetime.datetime):
        request_id (None | str):
        actor (AuditActor):
        operation (str): The operationId, e.g. `cases-get`.
        object_type (None | str):
        object_id (None | str):
        object_ids (AuditEventObjectIds):
        patient_ids (list[UUID]):
        outcome (str): `allowed`, `denied` (401/403/404), `refused`, `error`
        status (int | None):
        chain_seq (int | None): Its place in the hash chain; null for a moment, until the sealer has chained the row
            (within a second).
        hash_ (None | str): Covers the row's fields and `prev_hash`; null until sealed.
        prev_hash (None | str): The previous chained row's hash; null until sealed.
        caller_request_id (None | str | Unset): The X-Request-Id the caller sent, when it sent one.
    """

    seq: int
    occurred_at: datetime.datetime
    request_id: None | str
    actor: AuditActor
    operation: str
    object_type: None | str
    object_id: None | str
    object_ids: AuditEventObjectIds
    patient_ids: list[UUID]
    outcome: str
    status: int | None
    chain_seq: int | None
    hash_: None | str
    prev_hash: None | str
    caller_request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        occurred_at = self.occurred_at.isoformat()

        request_id: None | str
        request_id = self.request_id

        actor = self.actor.to_dict()

        operation = self.operation

        object_type: None | str
        object_type = self.object_type

        object_id: None | str
        object_id = self.object_id

        object_ids = self.object_ids.to_dict()

        patient_ids = []
        for patient_ids_item_data in self.patient_ids:
            patient_ids_item = str(patient_ids_item_data)
            patient_ids.append(patient_ids_item)

        outcome = self.outcome

        status: int | None
        status = self.status

        chain_seq: int | None
        chain_seq = self.chain_seq

        hash_: None | str
        hash_ = self.hash_

        prev_hash: None | str
        prev_hash = self.prev_hash

        caller_request_id: None | str | Unset
        if isinstance(self.caller_request_id, Unset):
            caller_request_id = UNSET
        else:
            caller_request_id = self.caller_request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
                "occurred_at": occurred_at,
                "request_id": request_id,
                "actor": actor,
                "operation": operation,
                "object_type": object_type,
                "object_id": object_id,
                "object_ids": object_ids,
                "patient_ids": patient_ids,
                "outcome": outcome,
                "status": status,
                "chain_seq": chain_seq,
                "hash": hash_,
                "prev_hash": prev_hash,
            }
        )
        if caller_request_id is not UNSET:
            field_dict["caller_request_id"] = caller_request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_actor import AuditActor  # noqa: PLC0415
        from ..models.audit_event_object_ids import AuditEventObjectIds  # noqa: PLC0415

        d = dict(src_dict)
        seq = d.pop("seq")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        actor = AuditActor.from_dict(d.pop("actor"))

        operation = d.pop("operation")

        def _parse_object_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_type = _parse_object_type(d.pop("object_type"))

        def _parse_object_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_id = _parse_object_id(d.pop("object_id"))

        object_ids = AuditEventObjectIds.from_dict(d.pop("object_ids"))

        patient_ids = []
        _patient_ids = d.pop("patient_ids")
        for patient_ids_item_data in _patient_ids:
            patient_ids_item = UUID(patient_ids_item_data)

            patient_ids.append(patient_ids_item)

        outcome = d.pop("outcome")

        def _parse_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status = _parse_status(d.pop("status"))

        def _parse_chain_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        chain_seq = _parse_chain_seq(d.pop("chain_seq"))

        def _parse_hash_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hash_ = _parse_hash_(d.pop("hash"))

        def _parse_prev_hash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prev_hash = _parse_prev_hash(d.pop("prev_hash"))

        def _parse_caller_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caller_request_id = _parse_caller_request_id(d.pop("caller_request_id", UNSET))

        audit_event = cls(
            seq=seq,
            occurred_at=occurred_at,
            request_id=request_id,
            actor=actor,
            operation=operation,
            object_type=object_type,
            object_id=object_id,
            object_ids=object_ids,
            patient_ids=patient_ids,
            outcome=outcome,
            status=status,
            chain_seq=chain_seq,
            hash_=hash_,
            prev_hash=prev_hash,
            caller_request_id=caller_request_id,
        )

        audit_event.additional_properties = d
        return audit_event

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
