from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="HomeDecisionRequest")


@_attrs_define
class HomeDecisionRequest:
    """The home insurer's answer: an amount reimbursed (less than the invoice: partial) or
    a refusal with its reason.

        Attributes:
            decided_on (datetime.date):
            amount (Money | None | Unset): Reimbursed, in the home insurer's currency.
            refusal_reason (None | str | Unset): Refused: the reason the insurer gives.
    """

    decided_on: datetime.date
    amount: Money | None | Unset = UNSET
    refusal_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        decided_on = self.decided_on.isoformat()

        amount: dict[str, Any] | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        elif isinstance(self.amount, Money):
            amount = self.amount.to_dict()
        else:
            amount = self.amount

        refusal_reason: None | str | Unset
        if isinstance(self.refusal_reason, Unset):
            refusal_reason = UNSET
        else:
            refusal_reason = self.refusal_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decided_on": decided_on,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount
        if refusal_reason is not UNSET:
            field_dict["refusal_reason"] = refusal_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

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

        def _parse_refusal_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refusal_reason = _parse_refusal_reason(d.pop("refusal_reason", UNSET))

        home_decision_request = cls(
            decided_on=decided_on,
            amount=amount,
            refusal_reason=refusal_reason,
        )

        return home_decision_request
