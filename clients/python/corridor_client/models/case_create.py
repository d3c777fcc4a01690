from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.care_setting import CareSetting
from ..models.case_origin import CaseOrigin
from ..models.priority import Priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_in import CoverageIn
    from ..models.presentation import Presentation
    from ..models.referring_practitioner import ReferringPractitioner


T = TypeVar("T", bound="CaseCreate")


@_attrs_define
class CaseCreate:
    """
    Attributes:
        patient_id (None | Unset | UUID):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID): Defaults to the caller's organisation.
        specialty (None | str | Unset):
        priority (Priority | Unset):
        reason (None | str | Unset):
        clinical_summary (None | str | Unset):
        referring_practitioner (None | ReferringPractitioner | Unset):
        coverage (CoverageIn | None | Unset):
        care_setting (CareSetting | Unset): Where the care happens; the FHIR Encounter class follows it (IMP, SS, AMB).
        assignee (None | str | Unset):
        origin (CaseOrigin | Unset): How the case started: a referral from abroad, or a patient already on site.
        presentation (None | Presentation | Unset): Emergency presentations only.
    """

    patient_id: None | Unset | UUID = UNSET
    receiving_organization_id: None | Unset | UUID = UNSET
    referring_organization_id: None | Unset | UUID = UNSET
    specialty: None | str | Unset = UNSET
    priority: Priority | Unset = UNSET
    reason: None | str | Unset = UNSET
    clinical_summary: None | str | Unset = UNSET
    referring_practitioner: None | ReferringPractitioner | Unset = UNSET
    coverage: CoverageIn | None | Unset = UNSET
    care_setting: CareSetting | Unset = UNSET
    assignee: None | str | Unset = UNSET
    origin: CaseOrigin | Unset = UNSET
    presentation: None | Presentation | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage_in import CoverageIn  # noqa: PLC0415
        from ..models.presentation import Presentation  # noqa: PLC0415
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

        referring_organization_id: None | str | Unset
        if isinstance(self.referring_organization_id, Unset):
            referring_organization_id = UNSET
        elif isinstance(self.referring_organization_id, UUID):
            referring_organization_id = str(self.referring_organization_id)
        else:
            referring_organization_id = self.referring_organization_id

        specialty: None | str | Unset
        if isinstance(self.specialty, Unset):
            specialty = UNSET
        else:
            specialty = self.specialty

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

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

        care_setting: str | Unset = UNSET
        if not isinstance(self.care_setting, Unset):
            care_setting = self.care_setting.value

        assignee: None | str | Unset
        if isinstance(self.assignee, Unset):
            assignee = UNSET
        else:
            assignee = self.assignee

        origin: str | Unset = UNSET
        if not isinstance(self.origin, Unset):
            origin = self.origin.value

        presentation: dict[str, Any] | None | Unset
        if isinstance(self.presentation, Unset):
            presentation = UNSET
        elif isinstance(self.presentation, Presentation):
            presentation = self.presentation.to_dict()
        else:
            presentation = self.presentation

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if patient_id is not UNSET:
            field_dict["patient_id"] = patient_id
        if receiving_organization_id is not UNSET:
            field_dict["receiving_organization_id"] = receiving_organization_id
        if referring_organization_id is not UNSET:
            field_dict["referring_organization_id"] = referring_organization_id
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
        if origin is not UNSET:
            field_dict["origin"] = origin
        if presentation is not UNSET:
            field_dict["presentation"] = presentation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_in import CoverageIn  # noqa: PLC0415
        from ..models.presentation import Presentation  # noqa: PLC0415
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

        def _parse_referring_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                referring_organization_id_type_0 = UUID(data)

                return referring_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        referring_organization_id = _parse_referring_organization_id(d.pop("referring_organization_id", UNSET))

        def _parse_specialty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        specialty = _parse_specialty(d.pop("specialty", UNSET))

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = Priority(_priority)

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

        _care_setting = d.pop("care_setting", UNSET)
        care_setting: CareSetting | Unset
        if isinstance(_care_setting, Unset):
            care_setting = UNSET
        else:
            care_setting = CareSetting(_care_setting)

        def _parse_assignee(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee = _parse_assignee(d.pop("assignee", UNSET))

        _origin = d.pop("origin", UNSET)
        origin: CaseOrigin | Unset
        if isinstance(_origin, Unset):
            origin = UNSET
        else:
            origin = CaseOrigin(_origin)

        def _parse_presentation(data: object) -> None | Presentation | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                presentation_type_0 = Presentation.from_dict(data)

                return presentation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Presentation | Unset, data)

        presentation = _parse_presentation(d.pop("presentation", UNSET))

        case_create = cls(
            patient_id=patient_id,
            receiving_organization_id=receiving_organization_id,
            referring_organization_id=referring_organization_id,
            specialty=specialty,
            priority=priority,
            reason=reason,
            clinical_summary=clinical_summary,
            referring_practitioner=referring_practitioner,
            coverage=coverage,
            care_setting=care_setting,
            assignee=assignee,
            origin=origin,
            presentation=presentation,
        )

        return case_create
