from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.claim_code_system import ClaimCodeSystem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="Line")


@_attrs_define
class Line:
    """A line; a claim's line may carry its code in a named system and its quantity and
    unit price (then `amount` is exactly `quantity` x `unit_price`: 422
    `line_amount_mismatch`; a code without its system, or a quantity without its unit
    price: 422 `line_code_incomplete`).

        Attributes:
            description (str):
            amount (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
            code_system (ClaimCodeSystem | None | Unset): ccam, ghs, ngap (France), inami (Belgium's nomenclature) or local
                (the hospital's tariff).
            code (None | str | Unset):
            quantity (None | str | Unset):
            unit_price (Money | None | Unset):
    """

    description: str
    amount: Money
    code_system: ClaimCodeSystem | None | Unset = UNSET
    code: None | str | Unset = UNSET
    quantity: None | str | Unset = UNSET
    unit_price: Money | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        description = self.description

        amount = self.amount.to_dict()

        code_system: None | str | Unset
        if isinstance(self.code_system, Unset):
            code_system = UNSET
        elif isinstance(self.code_system, ClaimCodeSystem):
            code_system = self.code_system.value
        else:
            code_system = self.code_system

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        quantity: None | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        unit_price: dict[str, Any] | None | Unset
        if isinstance(self.unit_price, Unset):
            unit_price = UNSET
        elif isinstance(self.unit_price, Money):
            unit_price = self.unit_price.to_dict()
        else:
            unit_price = self.unit_price

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "amount": amount,
            }
        )
        if code_system is not UNSET:
            field_dict["code_system"] = code_system
        if code is not UNSET:
            field_dict["code"] = code
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if unit_price is not UNSET:
            field_dict["unit_price"] = unit_price

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        amount = Money.from_dict(d.pop("amount"))

        def _parse_code_system(data: object) -> ClaimCodeSystem | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                code_system_type_0 = ClaimCodeSystem(data)

                return code_system_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClaimCodeSystem | None | Unset, data)

        code_system = _parse_code_system(d.pop("code_system", UNSET))

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_quantity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_unit_price(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                unit_price_type_0 = Money.from_dict(data)

                return unit_price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        unit_price = _parse_unit_price(d.pop("unit_price", UNSET))

        line = cls(
            description=description,
            amount=amount,
            code_system=code_system,
            code=code,
            quantity=quantity,
            unit_price=unit_price,
        )

        return line
