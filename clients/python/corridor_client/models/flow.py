from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Flow")


@_attrs_define
class Flow:
    """
    Attributes:
        origin_country (str): The referring organisation's country.
        receiving_organization_id (None | UUID):
        specialty (None | str):
        referrals (int): Submitted cases (drafts are not counted).
        declined (int):
        cancelled (int):
        admitted (int):
        discharged (int):
        median_days_to_decision (float | None): Submission to acceptance or decline.
        median_days_decision_to_admission (float | None):
        median_length_of_stay_days (float | None):
    """

    origin_country: str
    receiving_organization_id: None | UUID
    specialty: None | str
    referrals: int
    declined: int
    cancelled: int
    admitted: int
    discharged: int
    median_days_to_decision: float | None
    median_days_decision_to_admission: float | None
    median_length_of_stay_days: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        origin_country = self.origin_country

        receiving_organization_id: None | str
        if isinstance(self.receiving_organization_id, UUID):
            receiving_organization_id = str(self.receiving_organization_id)
        else:
            receiving_organization_id = self.receiving_organization_id

        specialty: None | str
        specialty = self.specialty

        referrals = self.referrals

        declined = self.declined

        cancelled = self.cancelled

        admitted = self.admitted

        discharged = self.discharged

        median_days_to_decision: float | None
        median_days_to_decision = self.median_days_to_decision

        median_days_decision_to_admission: float | None
        median_days_decision_to_admission = self.median_days_decision_to_admission

        median_length_of_stay_days: float | None
        median_length_of_stay_days = self.median_length_of_stay_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "origin_country": origin_country,
                "receiving_organization_id": receiving_organization_id,
                "specialty": specialty,
                "referrals": referrals,
                "declined": declined,
                "cancelled": cancelled,
                "admitted": admitted,
                "discharged": discharged,
                "median_days_to_decision": median_days_to_decision,
                "median_days_decision_to_admission": median_days_decision_to_admission,
                "median_length_of_stay_days": median_length_of_stay_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        origin_country = d.pop("origin_country")

        def _parse_receiving_organization_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_organization_id_type_0 = UUID(data)

                return receiving_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        receiving_organization_id = _parse_receiving_organization_id(d.pop("receiving_organization_id"))

        def _parse_specialty(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        specialty = _parse_specialty(d.pop("specialty"))

        referrals = d.pop("referrals")

        declined = d.pop("declined")

        cancelled = d.pop("cancelled")

        admitted = d.pop("admitted")

        discharged = d.pop("discharged")

        def _parse_median_days_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_days_to_decision = _parse_median_days_to_decision(d.pop("median_days_to_decision"))

        def _parse_median_days_decision_to_admission(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_days_decision_to_admission = _parse_median_days_decision_to_admission(
            d.pop("median_days_decision_to_admission")
        )

        def _parse_median_length_of_stay_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_length_of_stay_days = _parse_median_length_of_stay_days(d.pop("median_length_of_stay_days"))

        flow = cls(
            origin_country=origin_country,
            receiving_organization_id=receiving_organization_id,
            specialty=specialty,
            referrals=referrals,
            declined=declined,
            cancelled=cancelled,
            admitted=admitted,
            discharged=discharged,
            median_days_to_decision=median_days_to_decision,
            median_days_decision_to_admission=median_days_decision_to_admission,
            median_length_of_stay_days=median_length_of_stay_days,
        )

        flow.additional_properties = d
        return flow

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
