from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_kind import PaymentKind
from ..models.payment_payer import PaymentPayer
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exchange_rate import ExchangeRate
    from ..models.money import Money


T = TypeVar("T", bound="Payment")


@_attrs_define
class Payment:
    """
    Attributes:
        id (UUID):
        case_id (UUID):
        amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
        kind (PaymentKind):
        received_at (datetime.datetime):
        payer (PaymentPayer):
        reference (None | str):
        created_at (datetime.datetime):
        counted_amount (Money | None | Unset): What the payment counts for in another currency.
        exchange_rate (ExchangeRate | None | Unset):
    """

    id: UUID
    case_id: UUID
    amount: Money
    kind: PaymentKind
    received_at: datetime.datetime
    payer: PaymentPayer
    reference: None | str
    created_at: datetime.datetime
    counted_amount: Money | None | Unset = UNSET
    exchange_rate: ExchangeRate | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        id = str(self.id)

        case_id = str(self.case_id)

        amount = self.amount.to_dict()

        kind = self.kind.value

        received_at = self.received_at.isoformat()

        payer = self.payer.value

        reference: None | str
        reference = self.reference

        created_at = self.created_at.isoformat()

        counted_amount: dict[str, Any] | None | Unset
        if isinstance(self.counted_amount, Unset):
            counted_amount = UNSET
        elif isinstance(self.counted_amount, Money):
            counted_amount = self.counted_amount.to_dict()
        else:
            counted_amount = self.counted_amount

        exchange_rate: dict[str, Any] | None | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        elif isinstance(self.exchange_rate, ExchangeRate):
            exchange_rate = self.exchange_rate.to_dict()
        else:
            exchange_rate = self.exchange_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case_id": case_id,
                "amount": amount,
                "kind": kind,
                "received_at": received_at,
                "payer": payer,
                "reference": reference,
                "created_at": created_at,
            }
        )
        if counted_amount is not UNSET:
            field_dict["counted_amount"] = counted_amount
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        case_id = UUID(d.pop("case_id"))

        amount = Money.from_dict(d.pop("amount"))

        kind = PaymentKind(d.pop("kind"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        payer = PaymentPayer(d.pop("payer"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_counted_amount(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                counted_amount_type_0 = Money.from_dict(data)

                return counted_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        counted_amount = _parse_counted_amount(d.pop("counted_amount", UNSET))

        def _parse_exchange_rate(data: object) -> ExchangeRate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                exchange_rate_type_0 = ExchangeRate.from_dict(data)

                return exchange_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExchangeRate | None | Unset, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate", UNSET))

        payment = cls(
            id=id,
            case_id=case_id,
            amount=amount,
            kind=kind,
            received_at=received_at,
            payer=payer,
            reference=reference,
            created_at=created_at,
            counted_amount=counted_amount,
            exchange_rate=exchange_rate,
        )

        payment.additional_properties = d
        return payment

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
