from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HomeSubmissionRequest")


@_attrs_define
class HomeSubmissionRequest:
    """The patient's invoice submitted to the insurer of the state of affiliation.

    Attributes:
        submitted_on (datetime.date):
        reference (str): The home insurer's file reference.
        insurer_organization_id (None | Unset | UUID): The home insurer, when it is a Corridor organisation.
        insurer_name (None | str | Unset): Else its name (one of the two is needed).
    """

    submitted_on: datetime.date
    reference: str
    insurer_organization_id: None | Unset | UUID = UNSET
    insurer_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        submitted_on = self.submitted_on.isoformat()

        reference = self.reference

        insurer_organization_id: None | str | Unset
        if isinstance(self.insurer_organization_id, Unset):
            insurer_organization_id = UNSET
        elif isinstance(self.insurer_organization_id, UUID):
            insurer_organization_id = str(self.insurer_organization_id)
        else:
            insurer_organization_id = self.insurer_organization_id

        insurer_name: None | str | Unset
        if isinstance(self.insurer_name, Unset):
            insurer_name = UNSET
        else:
            insurer_name = self.insurer_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "submitted_on": submitted_on,
                "reference": reference,
            }
        )
        if insurer_organization_id is not UNSET:
            field_dict["insurer_organization_id"] = insurer_organization_id
        if insurer_name is not UNSET:
            field_dict["insurer_name"] = insurer_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        submitted_on = datetime.date.fromisoformat(d.pop("submitted_on"))

        reference = d.pop("reference")

        def _parse_insurer_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                insurer_organization_id_type_0 = UUID(data)

                return insurer_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        insurer_organization_id = _parse_insurer_organization_id(d.pop("insurer_organization_id", UNSET))

        def _parse_insurer_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        insurer_name = _parse_insurer_name(d.pop("insurer_name", UNSET))

        home_submission_request = cls(
            submitted_on=submitted_on,
            reference=reference,
            insurer_organization_id=insurer_organization_id,
            insurer_name=insurer_name,
        )

        return home_submission_request
