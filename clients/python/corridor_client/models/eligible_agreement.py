from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement import Agreement


T = TypeVar("T", bound="EligibleAgreement")


@_attrs_define
class EligibleAgreement:
    """
    Attributes:
        agreement (Agreement):
        prior_authorisation_required (bool):
        advance_payment_required (bool):
        deposit_ratio (str):
    """

    agreement: Agreement
    prior_authorisation_required: bool
    advance_payment_required: bool
    deposit_ratio: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement = self.agreement.to_dict()

        prior_authorisation_required = self.prior_authorisation_required

        advance_payment_required = self.advance_payment_required

        deposit_ratio = self.deposit_ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement": agreement,
                "prior_authorisation_required": prior_authorisation_required,
                "advance_payment_required": advance_payment_required,
                "deposit_ratio": deposit_ratio,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement import Agreement  # noqa: PLC0415

        d = dict(src_dict)
        agreement = Agreement.from_dict(d.pop("agreement"))

        prior_authorisation_required = d.pop("prior_authorisation_required")

        advance_payment_required = d.pop("advance_payment_required")

        deposit_ratio = d.pop("deposit_ratio")

        eligible_agreement = cls(
            agreement=agreement,
            prior_authorisation_required=prior_authorisation_required,
            advance_payment_required=advance_payment_required,
            deposit_ratio=deposit_ratio,
        )

        eligible_agreement.additional_properties = d
        return eligible_agreement

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
