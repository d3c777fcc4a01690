from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status import CaseStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.amounts import Amounts
    from ..models.flow_lead_times import FlowLeadTimes


T = TypeVar("T", bound="Flow")


@_attrs_define
class Flow:
    """
    Attributes:
        cases (int | None): Cases submitted at least once (no drafts).
        referrals (int | None): The same as `cases` (the earlier name).
        declined (int | None):
        cancelled (int | None):
        on_hold (int | None):
        admitted (int | None):
        discharged (int | None):
        lead_times (FlowLeadTimes): Days between milestones; the wait for the referrer's answer to an information
            request is left out of the stages from submission.
        median_days_to_decision (float | None): Submission to acceptance or decline
            (`lead_times.submitted_to_decision`).
        median_days_decision_to_admission (float | None):
        median_length_of_stay_days (float | None):
        amounts (list[Amounts] | None): Per currency; null when suppressed.
        suppressed (bool): Fewer cases than the threshold, for a caller who may not see them: counts, lead times and
            amounts are null.
        origin_country (None | str | Unset): The referring organisation's country (when grouped by it).
        receiving_organization_id (None | Unset | UUID):
        specialty (None | str | Unset):
        care_setting (None | str | Unset):
        route (None | str | Unset): The coverage route.
        agreement_id (None | Unset | UUID):
        status (CaseStatus | None | Unset):
        month (None | str | Unset): Month of creation (UTC), YYYY-MM.
    """

    cases: int | None
    referrals: int | None
    declined: int | None
    cancelled: int | None
    on_hold: int | None
    admitted: int | None
    discharged: int | None
    lead_times: FlowLeadTimes
    median_days_to_decision: float | None
    median_days_decision_to_admission: float | None
    median_length_of_stay_days: float | None
    amounts: list[Amounts] | None
    suppressed: bool
    origin_country: None | str | Unset = UNSET
    receiving_organization_id: None | Unset | UUID = UNSET
    specialty: None | str | Unset = UNSET
    care_setting: None | str | Unset = UNSET
    route: None | str | Unset = UNSET
    agreement_id: None | Unset | UUID = UNSET
    status: CaseStatus | None | Unset = UNSET
    month: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cases: int | None
        cases = self.cases

        referrals: int | None
        referrals = self.referrals

        declined: int | None
        declined = self.declined

        cancelled: int | None
        cancelled = self.cancelled

        on_hold: int | None
        on_hold = self.on_hold

        admitted: int | None
        admitted = self.admitted

        discharged: int | None
        discharged = self.discharged

        lead_times = self.lead_times.to_dict()

        median_days_to_decision: float | None
        median_days_to_decision = self.median_days_to_decision

        median_days_decision_to_admission: float | None
        median_days_decision_to_admission = self.median_days_decision_to_admission

        median_length_of_stay_days: float | None
        median_length_of_stay_days = self.median_length_of_stay_days

        amounts: list[dict[str, Any]] | None
        if isinstance(self.amounts, list):
            amounts = []
            for amounts_type_0_item_data in self.amounts:
                amounts_type_0_item = amounts_type_0_item_data.to_dict()
                amounts.append(amounts_type_0_item)

        else:
            amounts = self.amounts

        suppressed = self.suppressed

        origin_country: None | str | Unset
        if isinstance(self.origin_country, Unset):
            origin_country = UNSET
        else:
            origin_country = self.origin_country

        receiving_organization_id: None | str | Unset
        if isinstance(self.receiving_organization_id, Unset):
            receiving_organization_id = UNSET
        elif isinstance(self.receiving_organization_id, UUID):
            receiving_organization_id = str(self.receiving_organization_id)
        else:
            receiving_organization_id = self.receiving_organization_id

        specialty: None | str | Unset
        if isinstance(self.specialty, Unset):
            specialty = UNSET
        else:
            specialty = self.specialty

        care_setting: None | str | Unset
        if isinstance(self.care_setting, Unset):
            care_setting = UNSET
        else:
            care_setting = self.care_setting

        route: None | str | Unset
        if isinstance(self.route, Unset):
            route = UNSET
        else:
            route = self.route

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, CaseStatus):
            status = self.status.value
        else:
            status = self.status

        month: None | str | Unset
        if isinstance(self.month, Unset):
            month = UNSET
        else:
            month = self.month

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cases": cases,
                "referrals": referrals,
                "declined": declined,
                "cancelled": cancelled,
                "on_hold": on_hold,
                "admitted": admitted,
                "discharged": discharged,
                "lead_times": lead_times,
                "median_days_to_decision": median_days_to_decision,
                "median_days_decision_to_admission": median_days_decision_to_admission,
                "median_length_of_stay_days": median_length_of_stay_days,
                "amounts": amounts,
                "suppressed": suppressed,
            }
        )
        if origin_country is not UNSET:
            field_dict["origin_country"] = origin_country
        if receiving_organization_id is not UNSET:
            field_dict["receiving_organization_id"] = receiving_organization_id
        if specialty is not UNSET:
            field_dict["specialty"] = specialty
        if care_setting is not UNSET:
            field_dict["care_setting"] = care_setting
        if route is not UNSET:
            field_dict["route"] = route
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if status is not UNSET:
            field_dict["status"] = status
        if month is not UNSET:
            field_dict["month"] = month

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.amounts import Amounts  # noqa: PLC0415
        from ..models.flow_lead_times import FlowLeadTimes  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_cases(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cases = _parse_cases(d.pop("cases"))

        def _parse_referrals(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        referrals = _parse_referrals(d.pop("referrals"))

        def _parse_declined(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        declined = _parse_declined(d.pop("declined"))

        def _parse_cancelled(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cancelled = _parse_cancelled(d.pop("cancelled"))

        def _parse_on_hold(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        on_hold = _parse_on_hold(d.pop("on_hold"))

        def _parse_admitted(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        admitted = _parse_admitted(d.pop("admitted"))

        def _parse_discharged(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        discharged = _parse_discharged(d.pop("discharged"))

        lead_times = FlowLeadTimes.from_dict(d.pop("lead_times"))

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

        def _parse_amounts(data: object) -> list[Amounts] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                amounts_type_0 = []
                _amounts_type_0 = data
                for amounts_type_0_item_data in _amounts_type_0:
                    amounts_type_0_item = Amounts.from_dict(amounts_type_0_item_data)

                    amounts_type_0.append(amounts_type_0_item)

                return amounts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Amounts] | None, data)

        amounts = _parse_amounts(d.pop("amounts"))

        suppressed = d.pop("suppressed")

        def _parse_origin_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin_country = _parse_origin_country(d.pop("origin_country", UNSET))

        def _parse_receiving_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_organization_id_type_0 = UUID(data)

                return receiving_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        receiving_organization_id = _parse_receiving_organization_id(d.pop("receiving_organization_id", UNSET))

        def _parse_specialty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        specialty = _parse_specialty(d.pop("specialty", UNSET))

        def _parse_care_setting(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        care_setting = _parse_care_setting(d.pop("care_setting", UNSET))

        def _parse_route(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        route = _parse_route(d.pop("route", UNSET))

        def _parse_agreement_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id", UNSET))

        def _parse_status(data: object) -> CaseStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = CaseStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_month(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        month = _parse_month(d.pop("month", UNSET))

        flow = cls(
            cases=cases,
            referrals=referrals,
            declined=declined,
            cancelled=cancelled,
            on_hold=on_hold,
            admitted=admitted,
            discharged=discharged,
            lead_times=lead_times,
            median_days_to_decision=median_days_to_decision,
            median_days_decision_to_admission=median_days_decision_to_admission,
            median_length_of_stay_days=median_length_of_stay_days,
            amounts=amounts,
            suppressed=suppressed,
            origin_country=origin_country,
            receiving_organization_id=receiving_organization_id,
            specialty=specialty,
            care_setting=care_setting,
            route=route,
            agreement_id=agreement_id,
            status=status,
            month=month,
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
