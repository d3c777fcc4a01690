from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.payer_payment_kind import PayerPaymentKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="ClaimPayRequest")


@_attrs_define
class ClaimPayRequest:
    """
    Attributes:
        amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
        paid_at (datetime.date):
        reference (str): The payer's payment reference, for reconciliation.
        kind (PayerPaymentKind | Unset): A payment a payer records: a down payment (S089/S090) or an instalment.
    """

    amount: Money
    paid_at: datetime.date
    reference: str
    kind: PayerPaymentKind | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount.to_dict()

        paid_at = self.paid_at.isoformat()

        reference = self.reference

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "paid_at": paid_at,
                "reference": reference,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        amount = Money.from_dict(d.pop("amount"))

        paid_at = datetime.date.fromisoformat(d.pop("paid_at"))

        reference = d.pop("reference")

        _kind = d.pop("kind", UNSET)
        kind: PayerPaymentKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = PayerPaymentKind(_kind)

        claim_pay_request = cls(
            amount=amount,
            paid_at=paid_at,
            reference=reference,
            kind=kind,
        )

        return claim_pay_request
