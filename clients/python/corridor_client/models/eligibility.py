from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_option import CoverageOption
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
        coverage_options (list[CoverageOption] | Unset): Every funding route for this prospective patient, applicable or
            not.
    """

    eligible: bool
    prior_authorisation_required: bool
    advance_payment_required: bool
    agreements: list[EligibleAgreement]
    coverage_options: list[CoverageOption] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        eligible = self.eligible

        prior_authorisation_required = self.prior_authorisation_required

        advance_payment_required = self.advance_payment_required

        agreements = []
        for agreements_item_data in self.agreements:
            agreements_item = agreements_item_data.to_dict()
            agreements.append(agreements_item)

        coverage_options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.coverage_options, Unset):
            coverage_options = []
            for coverage_options_item_data in self.coverage_options:
                coverage_options_item = coverage_options_item_data.to_dict()
                coverage_options.append(coverage_options_item)

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
        if coverage_options is not UNSET:
            field_dict["coverage_options"] = coverage_options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_option import CoverageOption  # noqa: PLC0415
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

        _coverage_options = d.pop("coverage_options", UNSET)
        coverage_options: list[CoverageOption] | Unset = UNSET
        if _coverage_options is not UNSET:
            coverage_options = []
            for coverage_options_item_data in _coverage_options:
                coverage_options_item = CoverageOption.from_dict(coverage_options_item_data)

                coverage_options.append(coverage_options_item)

        eligibility = cls(
            eligible=eligible,
            prior_authorisation_required=prior_authorisation_required,
            advance_payment_required=advance_payment_required,
            agreements=agreements,
            coverage_options=coverage_options,
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
