from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.claim_payment_kind import ClaimPaymentKind

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="ClaimPayment")


@_attrs_define
class ClaimPayment:
    """
    Attributes:
        id (UUID):
        kind (ClaimPaymentKind): EESSI S089/S090 (down payment) and S091/S092 (payment notice); deposit_applied:
            the advances Corridor deducts from a final claim.
        amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
        paid_at (datetime.date):
        reference (None | str):
        created_at (datetime.datetime):
    """

    id: UUID
    kind: ClaimPaymentKind
    amount: Money
    paid_at: datetime.date
    reference: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        amount = self.amount.to_dict()

        paid_at = self.paid_at.isoformat()

        reference: None | str
        reference = self.reference

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "amount": amount,
                "paid_at": paid_at,
                "reference": reference,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = ClaimPaymentKind(d.pop("kind"))

        amount = Money.from_dict(d.pop("amount"))

        paid_at = datetime.date.fromisoformat(d.pop("paid_at"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        claim_payment = cls(
            id=id,
            kind=kind,
            amount=amount,
            paid_at=paid_at,
            reference=reference,
            created_at=created_at,
        )

        claim_payment.additional_properties = d
        return claim_payment

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
