from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

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
    """

    amount: Money
    paid_at: datetime.date
    reference: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount.to_dict()

        paid_at = self.paid_at.isoformat()

        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "paid_at": paid_at,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        amount = Money.from_dict(d.pop("amount"))

        paid_at = datetime.date.fromisoformat(d.pop("paid_at"))

        reference = d.pop("reference")

        claim_pay_request = cls(
            amount=amount,
            paid_at=paid_at,
            reference=reference,
        )

        return claim_pay_request
