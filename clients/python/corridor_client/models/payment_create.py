from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.payment_kind import PaymentKind
from ..models.payment_payer import PaymentPayer
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exchange_rate import ExchangeRate
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
        counted_in (None | str | Unset): The currency this payment counts in (default: the latest estimate's). Fixed
            parities (XCD 2.70 per USD, ...) apply by themselves; other pairs need `exchange_rate`.
        exchange_rate (ExchangeRate | None | Unset):
    """

    amount: Money
    kind: PaymentKind
    received_at: datetime.datetime
    payer: PaymentPayer
    reference: None | str | Unset = UNSET
    counted_in: None | str | Unset = UNSET
    exchange_rate: ExchangeRate | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415

        amount = self.amount.to_dict()

        kind = self.kind.value

        received_at = self.received_at.isoformat()

        payer = self.payer.value

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        counted_in: None | str | Unset
        if isinstance(self.counted_in, Unset):
            counted_in = UNSET
        else:
            counted_in = self.counted_in

        exchange_rate: dict[str, Any] | None | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        elif isinstance(self.exchange_rate, ExchangeRate):
            exchange_rate = self.exchange_rate.to_dict()
        else:
            exchange_rate = self.exchange_rate

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
        if counted_in is not UNSET:
            field_dict["counted_in"] = counted_in
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415
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

        def _parse_counted_in(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        counted_in = _parse_counted_in(d.pop("counted_in", UNSET))

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

        payment_create = cls(
            amount=amount,
            kind=kind,
            received_at=received_at,
            payer=payer,
            reference=reference,
            counted_in=counted_in,
            exchange_rate=exchange_rate,
        )

        return payment_create
