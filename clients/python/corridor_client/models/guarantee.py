from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exchange_rate import ExchangeRate
    from ..models.money import Money


T = TypeVar("T", bound="Guarantee")


@_attrs_define
class Guarantee:
    """
    Attributes:
        reference (str):
        amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
        exchange_rate (ExchangeRate | None | Unset): For a letter in another currency than the estimate: the recorded
            rate it counts at (fixed parities apply by themselves); without one, 422 `currency_mismatch` naming both
            currencies.
    """

    reference: str
    amount: Money
    exchange_rate: ExchangeRate | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415

        reference = self.reference

        amount = self.amount.to_dict()

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
                "reference": reference,
                "amount": amount,
            }
        )
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate

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

        guarantee = cls(
            reference=reference,
            amount=amount,
            exchange_rate=exchange_rate,
        )

        return guarantee
