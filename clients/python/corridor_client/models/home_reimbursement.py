from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.home_reimbursement_status import HomeReimbursementStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="HomeReimbursement")


@_attrs_define
class HomeReimbursement:
    """
    Attributes:
        status (HomeReimbursementStatus): Where the patient's claim at home stands (Directive 2011/24 Art. 7(4)).
        submitted_on (datetime.date):
        reference (str): The home insurer's file reference.
        insurer_organization_id (None | Unset | UUID):
        insurer_name (None | str | Unset):
        amount (Money | None | Unset): Reimbursed (none when refused).
        decided_on (datetime.date | None | Unset):
        refusal_reason (None | str | Unset):
    """

    status: HomeReimbursementStatus
    submitted_on: datetime.date
    reference: str
    insurer_organization_id: None | Unset | UUID = UNSET
    insurer_name: None | str | Unset = UNSET
    amount: Money | None | Unset = UNSET
    decided_on: datetime.date | None | Unset = UNSET
    refusal_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        status = self.status.value

        submitted_on = self.submitted_on.isoformat()

        reference = self.reference

        insurer_organization_id: None | str | Unset
        if isinstance(self.insurer_organization_id, Unset):
            insurer_organization_id = UNSET
        elif isinstance(self.insurer_organization_id, UUID):
            insurer_organization_id = str(self.insurer_organization_id)
        else:
            insurer_organization_id = self.insurer_organization_id

        insurer_name: None | str | Unset
        if isinstance(self.insurer_name, Unset):
            insurer_name = UNSET
        else:
            insurer_name = self.insurer_name

        amount: dict[str, Any] | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        elif isinstance(self.amount, Money):
            amount = self.amount.to_dict()
        else:
            amount = self.amount

        decided_on: None | str | Unset
        if isinstance(self.decided_on, Unset):
            decided_on = UNSET
        elif isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        refusal_reason: None | str | Unset
        if isinstance(self.refusal_reason, Unset):
            refusal_reason = UNSET
        else:
            refusal_reason = self.refusal_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "submitted_on": submitted_on,
                "reference": reference,
            }
        )
        if insurer_organization_id is not UNSET:
            field_dict["insurer_organization_id"] = insurer_organization_id
        if insurer_name is not UNSET:
            field_dict["insurer_name"] = insurer_name
        if amount is not UNSET:
            field_dict["amount"] = amount
        if decided_on is not UNSET:
            field_dict["decided_on"] = decided_on
        if refusal_reason is not UNSET:
            field_dict["refusal_reason"] = refusal_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        status = HomeReimbursementStatus(d.pop("status"))

        submitted_on = datetime.date.fromisoformat(d.pop("submitted_on"))

        reference = d.pop("reference")

        def _parse_insurer_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                insurer_organization_id_type_0 = UUID(data)

                return insurer_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        insurer_organization_id = _parse_insurer_organization_id(d.pop("insurer_organization_id", UNSET))

        def _parse_insurer_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        insurer_name = _parse_insurer_name(d.pop("insurer_name", UNSET))

        def _parse_amount(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                amount_type_0 = Money.from_dict(data)

                return amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_decided_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)

                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        decided_on = _parse_decided_on(d.pop("decided_on", UNSET))

        def _parse_refusal_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refusal_reason = _parse_refusal_reason(d.pop("refusal_reason", UNSET))

        home_reimbursement = cls(
            status=status,
            submitted_on=submitted_on,
            reference=reference,
            insurer_organization_id=insurer_organization_id,
            insurer_name=insurer_name,
            amount=amount,
            decided_on=decided_on,
            refusal_reason=refusal_reason,
        )

        home_reimbursement.additional_properties = d
        return home_reimbursement

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
