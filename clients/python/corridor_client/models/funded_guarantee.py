from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exchange_rate import ExchangeRate
    from ..models.money import Money


T = TypeVar("T", bound="FundedGuarantee")


@_attrs_define
class FundedGuarantee:
    """A guarantee as approved: the letter's amount and what it counts for in the case's
    currency.

        Attributes:
            reference (str):
            amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
            exchange_rate (ExchangeRate | None | Unset): For a letter in another currency than the estimate: the recorded
                rate it counts at (fixed parities apply by themselves); without one, 422 `currency_mismatch` naming both
                currencies.
            valid_from (datetime.date | None | Unset): First day of care the guarantee pays for (required under
                `insurer_guarantee`).
            valid_until (datetime.date | None | Unset): Last day of care the guarantee pays for (required under
                `insurer_guarantee`).
            counted_amount (Money | None | Unset): The amount in the estimate's currency, at `exchange_rate`.
    """

    reference: str
    amount: Money
    exchange_rate: ExchangeRate | None | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET
    valid_until: datetime.date | None | Unset = UNSET
    counted_amount: Money | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        reference = self.reference

        amount = self.amount.to_dict()

        exchange_rate: dict[str, Any] | None | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        elif isinstance(self.exchange_rate, ExchangeRate):
            exchange_rate = self.exchange_rate.to_dict()
        else:
            exchange_rate = self.exchange_rate

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        counted_amount: dict[str, Any] | None | Unset
        if isinstance(self.counted_amount, Unset):
            counted_amount = UNSET
        elif isinstance(self.counted_amount, Money):
            counted_amount = self.counted_amount.to_dict()
        else:
            counted_amount = self.counted_amount

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reference": reference,
                "amount": amount,
            }
        )
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
        if counted_amount is not UNSET:
            field_dict["counted_amount"] = counted_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        reference = d.pop("reference")

        amount = Money.from_dict(d.pop("amount"))

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

        def _parse_valid_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.date.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

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

        funded_guarantee = cls(
            reference=reference,
            amount=amount,
            exchange_rate=exchange_rate,
            valid_from=valid_from,
            valid_until=valid_until,
            counted_amount=counted_amount,
        )

        return funded_guarantee
