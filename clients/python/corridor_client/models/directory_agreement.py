from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_kind import AgreementKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="DirectoryAgreement")


@_attrs_define
class DirectoryAgreement:
    """The agreement under which the resident may be treated there, and its terms.

    Attributes:
        slug (str): A public name: lower-case letters, digits and dashes, unique
        name (str):
        kind (AgreementKind):
        prior_authorisation_required (bool):
        advance_payment_required (bool):
        what_to_bring (list[str]): Documents to bring: health_insurance_card, proof_of_residence,
            ministry_guarantee_letter, passport, s2_form, identity_document, payer_guarantee_letter.
        suspended (bool | Unset): The corridor is suspended (a border closure, a transport disruption, capacity): it
            takes no new referral until it resumes. Default: False.
        suspension_reason (None | str | Unset): Why, while suspended: border_closure, transport_disruption, capacity or
            other.
    """

    slug: str
    name: str
    kind: AgreementKind
    prior_authorisation_required: bool
    advance_payment_required: bool
    what_to_bring: list[str]
    suspended: bool | Unset = False
    suspension_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        kind = self.kind.value

        prior_authorisation_required = self.prior_authorisation_required

        advance_payment_required = self.advance_payment_required

        what_to_bring = self.what_to_bring

        suspended = self.suspended

        suspension_reason: None | str | Unset
        if isinstance(self.suspension_reason, Unset):
            suspension_reason = UNSET
        else:
            suspension_reason = self.suspension_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "kind": kind,
                "prior_authorisation_required": prior_authorisation_required,
                "advance_payment_required": advance_payment_required,
                "what_to_bring": what_to_bring,
            }
        )
        if suspended is not UNSET:
            field_dict["suspended"] = suspended
        if suspension_reason is not UNSET:
            field_dict["suspension_reason"] = suspension_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        name = d.pop("name")

        kind = AgreementKind(d.pop("kind"))

        prior_authorisation_required = d.pop("prior_authorisation_required")

        advance_payment_required = d.pop("advance_payment_required")

        what_to_bring = cast(list[str], d.pop("what_to_bring"))

        suspended = d.pop("suspended", UNSET)

        def _parse_suspension_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        suspension_reason = _parse_suspension_reason(d.pop("suspension_reason", UNSET))

        directory_agreement = cls(
            slug=slug,
            name=name,
            kind=kind,
            prior_authorisation_required=prior_authorisation_required,
            advance_payment_required=advance_payment_required,
            what_to_bring=what_to_bring,
            suspended=suspended,
            suspension_reason=suspension_reason,
        )

        directory_agreement.additional_properties = d
        return directory_agreement

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
