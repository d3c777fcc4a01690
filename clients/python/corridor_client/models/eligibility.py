from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.eligible_agreement import EligibleAgreement


T = TypeVar("T", bound="Eligibility")


@_attrs_define
class Eligibility:
    """
    Attributes:
        eligible (bool): At least one active agreement applies.
        prior_authorisation_required (bool):
        advance_payment_required (bool):
        agreements (list[EligibleAgreement]):
    """

    eligible: bool
    prior_authorisation_required: bool
    advance_payment_required: bool
    agreements: list[EligibleAgreement]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        eligible = self.eligible

        prior_authorisation_required = self.prior_authorisation_required

        advance_payment_required = self.advance_payment_required

        agreements = []
        for agreements_item_data in self.agreements:
            agreements_item = agreements_item_data.to_dict()
            agreements.append(agreements_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eligible": eligible,
                "prior_authorisation_required": prior_authorisation_required,
                "advance_payment_required": advance_payment_required,
                "agreements": agreements,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.eligible_agreement import EligibleAgreement  # noqa: PLC0415

        d = dict(src_dict)
        eligible = d.pop("eligible")

        prior_authorisation_required = d.pop("prior_authorisation_required")

        advance_payment_required = d.pop("advance_payment_required")

        agreements = []
        _agreements = d.pop("agreements")
        for agreements_item_data in _agreements:
            agreements_item = EligibleAgreement.from_dict(agreements_item_data)

            agreements.append(agreements_item)

        eligibility = cls(
            eligible=eligible,
            prior_authorisation_required=prior_authorisation_required,
            advance_payment_required=advance_payment_required,
            agreements=agreements,
        )

        eligibility.additional_properties = d
        return eligibility

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
