from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.guarantee import Guarantee


T = TypeVar("T", bound="AmendGuaranteeRequest")


@_attrs_define
class AmendGuaranteeRequest:
    """The payer's amended letter of guarantee; claims may then go up to its amount.

    Attributes:
        guarantee (Guarantee | None | Unset):
    """

    guarantee: Guarantee | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.guarantee import Guarantee  # noqa: PLC0415

        guarantee: dict[str, Any] | None | Unset
        if isinstance(self.guarantee, Unset):
            guarantee = UNSET
        elif isinstance(self.guarantee, Guarantee):
            guarantee = self.guarantee.to_dict()
        else:
            guarantee = self.guarantee

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if guarantee is not UNSET:
            field_dict["guarantee"] = guarantee

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guarantee import Guarantee  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_guarantee(data: object) -> Guarantee | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                guarantee_type_0 = Guarantee.from_dict(data)

                return guarantee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Guarantee | None | Unset, data)

        guarantee = _parse_guarantee(d.pop("guarantee", UNSET))

        amend_guarantee_request = cls(
            guarantee=guarantee,
        )

        return amend_guarantee_request
