from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.payment_kind import PaymentKind
from ..models.payment_payer import PaymentPayer
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="PaymentCreate")


@_attrs_define
class PaymentCreate:
    """
    Attributes:
        amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
        kind (PaymentKind):
        received_at (datetime.datetime):
        payer (PaymentPayer):
        reference (None | str | Unset):
    """

    amount: Money
    kind: PaymentKind
    received_at: datetime.datetime
    payer: PaymentPayer
    reference: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount.to_dict()

        kind = self.kind.value

        received_at = self.received_at.isoformat()

        payer = self.payer.value

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "kind": kind,
                "received_at": received_at,
                "payer": payer,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        amount = Money.from_dict(d.pop("amount"))

        kind = PaymentKind(d.pop("kind"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        payer = PaymentPayer(d.pop("payer"))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        payment_create = cls(
            amount=amount,
            kind=kind,
            received_at=received_at,
            payer=payer,
            reference=reference,
        )

        return payment_create
