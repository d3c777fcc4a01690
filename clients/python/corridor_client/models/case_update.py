from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.care_setting import CareSetting
from ..models.priority import Priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_in import CoverageIn
    from ..models.referring_practitioner import ReferringPractitioner


T = TypeVar("T", bound="CaseUpdate")


@_attrs_define
class CaseUpdate:
    """Fields to change; which ones a status allows is the domain's rule.

    Attributes:
        patient_id (None | Unset | UUID):
        receiving_organization_id (None | Unset | UUID):
        specialty (None | str | Unset):
        priority (None | Priority | Unset):
        reason (None | str | Unset):
        clinical_summary (None | str | Unset):
        referring_practitioner (None | ReferringPractitioner | Unset):
        coverage (CoverageIn | None | Unset):
        care_setting (CareSetting | None | Unset):
        assignee (None | str | Unset):
    """

    patient_id: None | Unset | UUID = UNSET
    receiving_organization_id: None | Unset | UUID = UNSET
    specialty: None | str | Unset = UNSET
    priority: None | Priority | Unset = UNSET
    reason: None | str | Unset = UNSET
    clinical_summary: None | str | Unset = UNSET
    referring_practitioner: None | ReferringPractitioner | Unset = UNSET
    coverage: CoverageIn | None | Unset = UNSET
    care_setting: CareSetting | None | Unset = UNSET
    assignee: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage_in import CoverageIn  # noqa: PLC0415
        from ..models.referring_practitioner import ReferringPractitioner  # noqa: PLC0415

        patient_id: None | str | Unset
        if isinstance(self.patient_id, Unset):
            patient_id = UNSET
        elif isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

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

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, Priority):
            priority = self.priority.value
        else:
            priority = self.priority

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

        coverage: dict[str, Any] | None | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        elif isinstance(self.coverage, CoverageIn):
            coverage = self.coverage.to_dict()
        else:
            coverage = self.coverage

        care_setting: None | str | Unset
        if isinstance(self.care_setting, Unset):
            care_setting = UNSET
        elif isinstance(self.care_setting, CareSetting):
            care_setting = self.care_setting.value
        else:
            care_setting = self.care_setting

        assignee: None | str | Unset
        if isinstance(self.assignee, Unset):
            assignee = UNSET
        else:
            assignee = self.assignee

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if patient_id is not UNSET:
            field_dict["patient_id"] = patient_id
        if receiving_organization_id is not UNSET:
            field_dict["receiving_organization_id"] = receiving_organization_id
        if specialty is not UNSET:
            field_dict["specialty"] = specialty
        if priority is not UNSET:
            field_dict["priority"] = priority
        if reason is not UNSET:
            field_dict["reason"] = reason
        if clinical_summary is not UNSET:
            field_dict["clinical_summary"] = clinical_summary
        if referring_practitioner is not UNSET:
            field_dict["referring_practitioner"] = referring_practitioner
        if coverage is not UNSET:
            field_dict["coverage"] = coverage
        if care_setting is not UNSET:
            field_dict["care_setting"] = care_setting
        if assignee is not UNSET:
            field_dict["assignee"] = assignee

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_in import CoverageIn  # noqa: PLC0415
        from ..models.referring_practitioner import ReferringPractitioner  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_patient_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                patient_id_type_0 = UUID(data)

                return patient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        patient_id = _parse_patient_id(d.pop("patient_id", UNSET))

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

        def _parse_priority(data: object) -> None | Priority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = Priority(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

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

        def _parse_coverage(data: object) -> CoverageIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                coverage_type_0 = CoverageIn.from_dict(data)

                return coverage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CoverageIn | None | Unset, data)

        coverage = _parse_coverage(d.pop("coverage", UNSET))

        def _parse_care_setting(data: object) -> CareSetting | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                care_setting_type_0 = CareSetting(data)

                return care_setting_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CareSetting | None | Unset, data)

        care_setting = _parse_care_setting(d.pop("care_setting", UNSET))

        def _parse_assignee(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee = _parse_assignee(d.pop("assignee", UNSET))

        case_update = cls(
            patient_id=patient_id,
            receiving_organization_id=receiving_organization_id,
            specialty=specialty,
            priority=priority,
            reason=reason,
            clinical_summary=clinical_summary,
            referring_practitioner=referring_practitioner,
            coverage=coverage,
            care_setting=care_setting,
            assignee=assignee,
        )

        return case_update
