from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cancel_reason import CancelReason
from ..models.care_setting import CareSetting
from ..models.case_origin import CaseOrigin
from ..models.case_status import CaseStatus
from ..models.priority import Priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attendance import Attendance
    from ..models.coverage import Coverage
    from ..models.discharge_letter import DischargeLetter
    from ..models.funding import Funding
    from ..models.information_request import InformationRequest
    from ..models.logistics_task import LogisticsTask
    from ..models.prior_authorisation import PriorAuthorisation
    from ..models.referring_practitioner import ReferringPractitioner
    from ..models.stay import Stay
    from ..models.teleconsultation import Teleconsultation
    from ..models.transfer import Transfer


T = TypeVar("T", bound="Case")


@_attrs_define
class Case:
    """
    Attributes:
        id (UUID):
        reference (str):
        status (CaseStatus):
        version (int):
        priority (Priority):
        origin (CaseOrigin): How the case started: a referral from abroad, or a patient already on site.
        care_setting (CareSetting): Where the care happens; the FHIR Encounter class follows it (IMP, SS, AMB).
        assignee (None | str):
        specialty (None | str):
        patient_id (None | UUID):
        referring_organization_id (UUID):
        receiving_organization_id (None | UUID):
        payer_organization_id (None | UUID):
        coverage (Coverage):
        funding (Funding | None):
        held_from (CaseStatus | None):
        cancel_reason_code (CancelReason | None):
        allowed_actions (list[str]): Action path segments open to this caller now.
        teleconsultations (list[Teleconsultation]):
        transfer (None | Transfer):
        presented_at (datetime.datetime | None): Emergency presentations: when.
        stay (None | Stay):
        attendances (list[Attendance]):
        information_requests (list[InformationRequest]):
        logistics_tasks (list[LogisticsTask]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        reason (None | str | Unset):
        clinical_summary (None | str | Unset): Absent from a payer's view.
        referring_practitioner (None | ReferringPractitioner | Unset):
        prior_authorisation (None | PriorAuthorisation | Unset): Directive 2011/24 Art. 8: the home state's decision,
            where recorded. Where the state of affiliation requires one for this care (the regime country list
            `directive_prior_authorisation`), approve-funding and schedule-transfer answer 422
            `prior_authorisation_required` until it is granted for the care's dates.
        cancel_reason (None | str | Unset): Absent from a payer's view.
        discharge_letter (DischargeLetter | None | Unset): Absent from a payer's view.
    """

    id: UUID
    reference: str
    status: CaseStatus
    version: int
    priority: Priority
    origin: CaseOrigin
    care_setting: CareSetting
    assignee: None | str
    specialty: None | str
    patient_id: None | UUID
    referring_organization_id: UUID
    receiving_organization_id: None | UUID
    payer_organization_id: None | UUID
    coverage: Coverage
    funding: Funding | None
    held_from: CaseStatus | None
    cancel_reason_code: CancelReason | None
    allowed_actions: list[str]
    teleconsultations: list[Teleconsultation]
    transfer: None | Transfer
    presented_at: datetime.datetime | None
    stay: None | Stay
    attendances: list[Attendance]
    information_requests: list[InformationRequest]
    logistics_tasks: list[LogisticsTask]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    reason: None | str | Unset = UNSET
    clinical_summary: None | str | Unset = UNSET
    referring_practitioner: None | ReferringPractitioner | Unset = UNSET
    prior_authorisation: None | PriorAuthorisation | Unset = UNSET
    cancel_reason: None | str | Unset = UNSET
    discharge_letter: DischargeLetter | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.discharge_letter import DischargeLetter  # noqa: PLC0415
        from ..models.funding import Funding  # noqa: PLC0415
        from ..models.prior_authorisation import PriorAuthorisation  # noqa: PLC0415
        from ..models.referring_practitioner import ReferringPractitioner  # noqa: PLC0415
        from ..models.stay import Stay  # noqa: PLC0415
        from ..models.transfer import Transfer  # noqa: PLC0415

        id = str(self.id)

        reference = self.reference

        status = self.status.value

        version = self.version

        priority = self.priority.value

        origin = self.origin.value

        care_setting = self.care_setting.value

        assignee: None | str
        assignee = self.assignee

        specialty: None | str
        specialty = self.specialty

        patient_id: None | str
        if isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        referring_organization_id = str(self.referring_organization_id)

        receiving_organization_id: None | str
        if isinstance(self.receiving_organization_id, UUID):
            receiving_organization_id = str(self.receiving_organization_id)
        else:
            receiving_organization_id = self.receiving_organization_id

        payer_organization_id: None | str
        if isinstance(self.payer_organization_id, UUID):
            payer_organization_id = str(self.payer_organization_id)
        else:
            payer_organization_id = self.payer_organization_id

        coverage = self.coverage.to_dict()

        funding: dict[str, Any] | None
        if isinstance(self.funding, Funding):
            funding = self.funding.to_dict()
        else:
            funding = self.funding

        held_from: None | str
        if isinstance(self.held_from, CaseStatus):
            held_from = self.held_from.value
        else:
            held_from = self.held_from

        cancel_reason_code: None | str
        if isinstance(self.cancel_reason_code, CancelReason):
            cancel_reason_code = self.cancel_reason_code.value
        else:
            cancel_reason_code = self.cancel_reason_code

        allowed_actions = self.allowed_actions

        teleconsultations = []
        for teleconsultations_item_data in self.teleconsultations:
            teleconsultations_item = teleconsultations_item_data.to_dict()
            teleconsultations.append(teleconsultations_item)

        transfer: dict[str, Any] | None
        if isinstance(self.transfer, Transfer):
            transfer = self.transfer.to_dict()
        else:
            transfer = self.transfer

        presented_at: None | str
        if isinstance(self.presented_at, datetime.datetime):
            presented_at = self.presented_at.isoformat()
        else:
            presented_at = self.presented_at

        stay: dict[str, Any] | None
        if isinstance(self.stay, Stay):
            stay = self.stay.to_dict()
        else:
            stay = self.stay

        attendances = []
        for attendances_item_data in self.attendances:
            attendances_item = attendances_item_data.to_dict()
            attendances.append(attendances_item)

        information_requests = []
        for information_requests_item_data in self.information_requests:
            information_requests_item = information_requests_item_data.to_dict()
            information_requests.append(information_requests_item)

        logistics_tasks = []
        for logistics_tasks_item_data in self.logistics_tasks:
            logistics_tasks_item = logistics_tasks_item_data.to_dict()
            logistics_tasks.append(logistics_tasks_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        clinical_summary: None | str | Unset
        if isinstance(self.clinical_summary, Unset):
            clinical_summary = UNSET
        else:
            clinical_summary = self.clinical_summary

        referring_practitioner: dict[str, Any] | None | Unset
        if isinstance(self.referring_practitioner, Unset):
            referring_practitioner = UNSET
        elif isinstance(self.referring_practitioner, ReferringPractitioner):
            referring_practitioner = self.referring_practitioner.to_dict()
        else:
            referring_practitioner = self.referring_practitioner

        prior_authorisation: dict[str, Any] | None | Unset
        if isinstance(self.prior_authorisation, Unset):
            prior_authorisation = UNSET
        elif isinstance(self.prior_authorisation, PriorAuthorisation):
            prior_authorisation = self.prior_authorisation.to_dict()
        else:
            prior_authorisation = self.prior_authorisation

        cancel_reason: None | str | Unset
        if isinstance(self.cancel_reason, Unset):
            cancel_reason = UNSET
        else:
            cancel_reason = self.cancel_reason

        discharge_letter: dict[str, Any] | None | Unset
        if isinstance(self.discharge_letter, Unset):
            discharge_letter = UNSET
        elif isinstance(self.discharge_letter, DischargeLetter):
            discharge_letter = self.discharge_letter.to_dict()
        else:
            discharge_letter = self.discharge_letter

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "reference": reference,
                "status": status,
                "version": version,
                "priority": priority,
                "origin": origin,
                "care_setting": care_setting,
                "assignee": assignee,
                "specialty": specialty,
                "patient_id": patient_id,
                "referring_organization_id": referring_organization_id,
                "receiving_organization_id": receiving_organization_id,
                "payer_organization_id": payer_organization_id,
                "coverage": coverage,
                "funding": funding,
                "held_from": held_from,
                "cancel_reason_code": cancel_reason_code,
                "allowed_actions": allowed_actions,
                "teleconsultations": teleconsultations,
                "transfer": transfer,
                "presented_at": presented_at,
                "stay": stay,
                "attendances": attendances,
                "information_requests": information_requests,
                "logistics_tasks": logistics_tasks,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if clinical_summary is not UNSET:
            field_dict["clinical_summary"] = clinical_summary
        if referring_practitioner is not UNSET:
            field_dict["referring_practitioner"] = referring_practitioner
        if prior_authorisation is not UNSET:
            field_dict["prior_authorisation"] = prior_authorisation
        if cancel_reason is not UNSET:
            field_dict["cancel_reason"] = cancel_reason
        if discharge_letter is not UNSET:
            field_dict["discharge_letter"] = discharge_letter

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attendance import Attendance  # noqa: PLC0415
        from ..models.coverage import Coverage  # noqa: PLC0415
        from ..models.discharge_letter import DischargeLetter  # noqa: PLC0415
        from ..models.funding import Funding  # noqa: PLC0415
        from ..models.information_request import InformationRequest  # noqa: PLC0415
        from ..models.logistics_task import LogisticsTask  # noqa: PLC0415
        from ..models.prior_authorisation import PriorAuthorisation  # noqa: PLC0415
        from ..models.referring_practitioner import ReferringPractitioner  # noqa: PLC0415
        from ..models.stay import Stay  # noqa: PLC0415
        from ..models.teleconsultation import Teleconsultation  # noqa: PLC0415
        from ..models.transfer import Transfer  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        reference = d.pop("reference")

        status = CaseStatus(d.pop("status"))

        version = d.pop("version")

        priority = Priority(d.pop("priority"))

        origin = CaseOrigin(d.pop("origin"))

        care_setting = CareSetting(d.pop("care_setting"))

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        def _parse_specialty(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        specialty = _parse_specialty(d.pop("specialty"))

        def _parse_patient_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                patient_id_type_0 = UUID(data)

                return patient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        patient_id = _parse_patient_id(d.pop("patient_id"))

        referring_organization_id = UUID(d.pop("referring_organization_id"))

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

        def _parse_payer_organization_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payer_organization_id_type_0 = UUID(data)

                return payer_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        payer_organization_id = _parse_payer_organization_id(d.pop("payer_organization_id"))

        coverage = Coverage.from_dict(d.pop("coverage"))

        def _parse_funding(data: object) -> Funding | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                funding_type_0 = Funding.from_dict(data)

                return funding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Funding | None, data)

        funding = _parse_funding(d.pop("funding"))

        def _parse_held_from(data: object) -> CaseStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                held_from_type_0 = CaseStatus(data)

                return held_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseStatus | None, data)

        held_from = _parse_held_from(d.pop("held_from"))

        def _parse_cancel_reason_code(data: object) -> CancelReason | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancel_reason_code_type_0 = CancelReason(data)

                return cancel_reason_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CancelReason | None, data)

        cancel_reason_code = _parse_cancel_reason_code(d.pop("cancel_reason_code"))

        allowed_actions = cast(list[str], d.pop("allowed_actions"))

        teleconsultations = []
        _teleconsultations = d.pop("teleconsultations")
        for teleconsultations_item_data in _teleconsultations:
            teleconsultations_item = Teleconsultation.from_dict(teleconsultations_item_data)

            teleconsultations.append(teleconsultations_item)

        def _parse_transfer(data: object) -> None | Transfer:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transfer_type_0 = Transfer.from_dict(data)

                return transfer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Transfer, data)

        transfer = _parse_transfer(d.pop("transfer"))

        def _parse_presented_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                presented_at_type_0 = datetime.datetime.fromisoformat(data)

                return presented_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        presented_at = _parse_presented_at(d.pop("presented_at"))

        def _parse_stay(data: object) -> None | Stay:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stay_type_0 = Stay.from_dict(data)

                return stay_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Stay, data)

        stay = _parse_stay(d.pop("stay"))

        attendances = []
        _attendances = d.pop("attendances")
        for attendances_item_data in _attendances:
            attendances_item = Attendance.from_dict(attendances_item_data)

            attendances.append(attendances_item)

        information_requests = []
        _information_requests = d.pop("information_requests")
        for information_requests_item_data in _information_requests:
            information_requests_item = InformationRequest.from_dict(information_requests_item_data)

            information_requests.append(information_requests_item)

        logistics_tasks = []
        _logistics_tasks = d.pop("logistics_tasks")
        for logistics_tasks_item_data in _logistics_tasks:
            logistics_tasks_item = LogisticsTask.from_dict(logistics_tasks_item_data)

            logistics_tasks.append(logistics_tasks_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_clinical_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        clinical_summary = _parse_clinical_summary(d.pop("clinical_summary", UNSET))

        def _parse_referring_practitioner(data: object) -> None | ReferringPractitioner | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                referring_practitioner_type_0 = ReferringPractitioner.from_dict(data)

                return referring_practitioner_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReferringPractitioner | Unset, data)

        referring_practitioner = _parse_referring_practitioner(d.pop("referring_practitioner", UNSET))

        def _parse_prior_authorisation(data: object) -> None | PriorAuthorisation | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                prior_authorisation_type_0 = PriorAuthorisation.from_dict(data)

                return prior_authorisation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PriorAuthorisation | Unset, data)

        prior_authorisation = _parse_prior_authorisation(d.pop("prior_authorisation", UNSET))

        def _parse_cancel_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason", UNSET))

        def _parse_discharge_letter(data: object) -> DischargeLetter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                discharge_letter_type_0 = DischargeLetter.from_dict(data)

                return discharge_letter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DischargeLetter | None | Unset, data)

        discharge_letter = _parse_discharge_letter(d.pop("discharge_letter", UNSET))

        case = cls(
            id=id,
            reference=reference,
            status=status,
            version=version,
            priority=priority,
            origin=origin,
            care_setting=care_setting,
            assignee=assignee,
            specialty=specialty,
            patient_id=patient_id,
            referring_organization_id=referring_organization_id,
            receiving_organization_id=receiving_organization_id,
            payer_organization_id=payer_organization_id,
            coverage=coverage,
            funding=funding,
            held_from=held_from,
            cancel_reason_code=cancel_reason_code,
            allowed_actions=allowed_actions,
            teleconsultations=teleconsultations,
            transfer=transfer,
            presented_at=presented_at,
            stay=stay,
            attendances=attendances,
            information_requests=information_requests,
            logistics_tasks=logistics_tasks,
            created_at=created_at,
            updated_at=updated_at,
            reason=reason,
            clinical_summary=clinical_summary,
            referring_practitioner=referring_practitioner,
            prior_authorisation=prior_authorisation,
            cancel_reason=cancel_reason,
            discharge_letter=discharge_letter,
        )

        case.additional_properties = d
        return case

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
