from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CurrencyBalance")


@_attrs_define
class CurrencyBalance:
    """
    Attributes:
        currency (str):
        quoted (str): The latest estimate's total
        guaranteed (str):
        deposited (str):
        received (str): Balance payments received (not deposits)
        refunded (str):
        claimed (str): Claims and invoices not contested or replaced
        paid (str): Paid on those claims and invoices
        outstanding (str):
        refund_due (str): Money held beyond the final bill, to give back
    """

    currency: str
    quoted: str
    guaranteed: str
    deposited: str
    received: str
    refunded: str
    claimed: str
    paid: str
    outstanding: str
    refund_due: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        quoted = self.quoted

        guaranteed = self.guaranteed

        deposited = self.deposited

        received = self.received

        refunded = self.refunded

        claimed = self.claimed

        paid = self.paid

        outstanding = self.outstanding

        refund_due = self.refund_due

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "quoted": quoted,
                "guaranteed": guaranteed,
                "deposited": deposited,
                "received": received,
                "refunded": refunded,
                "claimed": claimed,
                "paid": paid,
                "outstanding": outstanding,
                "refund_due": refund_due,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        quoted = d.pop("quoted")

        guaranteed = d.pop("guaranteed")

        deposited = d.pop("deposited")

        received = d.pop("received")

        refunded = d.pop("refunded")

        claimed = d.pop("claimed")

        paid = d.pop("paid")

        outstanding = d.pop("outstanding")

        refund_due = d.pop("refund_due")

        currency_balance = cls(
            currency=currency,
            quoted=quoted,
            guaranteed=guaranteed,
            deposited=deposited,
            received=received,
            refunded=refunded,
            claimed=claimed,
            paid=paid,
            outstanding=outstanding,
            refund_due=refund_due,
        )

        currency_balance.additional_properties = d
        return currency_balance

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
