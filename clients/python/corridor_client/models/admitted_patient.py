from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdmittedPatient")


@_attrs_define
class AdmittedPatient:
    """
    Attributes:
        case_id (UUID):
        reference (str):
        receiving_organization_id (None | UUID):
        unit (None | str): null for a payer (where says why).
        bed (None | str):
        admitted_at (datetime.datetime):
        days_in (int):
    """

    case_id: UUID
    reference: str
    receiving_organization_id: None | UUID
    unit: None | str
    bed: None | str
    admitted_at: datetime.datetime
    days_in: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_id = str(self.case_id)

        reference = self.reference

        receiving_organization_id: None | str
        if isinstance(self.receiving_organization_id, UUID):
            receiving_organization_id = str(self.receiving_organization_id)
        else:
            receiving_organization_id = self.receiving_organization_id

        unit: None | str
        unit = self.unit

        bed: None | str
        bed = self.bed

        admitted_at = self.admitted_at.isoformat()

        days_in = self.days_in

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_id": case_id,
                "reference": reference,
                "receiving_organization_id": receiving_organization_id,
                "unit": unit,
                "bed": bed,
                "admitted_at": admitted_at,
                "days_in": days_in,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        case_id = UUID(d.pop("case_id"))

        reference = d.pop("reference")

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

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        def _parse_bed(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bed = _parse_bed(d.pop("bed"))

        admitted_at = datetime.datetime.fromisoformat(d.pop("admitted_at"))

        days_in = d.pop("days_in")

        admitted_patient = cls(
            case_id=case_id,
            reference=reference,
            receiving_organization_id=receiving_organization_id,
            unit=unit,
            bed=bed,
            admitted_at=admitted_at,
            days_in=days_in,
        )

        admitted_patient.additional_properties = d
        return admitted_patient

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
