from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.coverage_route import CoverageRoute
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authorisation import Authorisation
    from ..models.funded_guarantee import FundedGuarantee


T = TypeVar("T", bound="Funding")


@_attrs_define
class Funding:
    """
    Attributes:
        route (CoverageRoute):
        authorisation (Authorisation | None):
        guarantee (FundedGuarantee | None):
        note (None | str): null in a payer's view unless the payer's own organisation approved the funding (its own
            note).
        approved_at (datetime.datetime):
        approved_by_organization_id (None | Unset | UUID): The organisation whose decision it is (payer or hospital).
    """

    route: CoverageRoute
    authorisation: Authorisation | None
    guarantee: FundedGuarantee | None
    note: None | str
    approved_at: datetime.datetime
    approved_by_organization_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.authorisation import Authorisation  # noqa: PLC0415
        from ..models.funded_guarantee import FundedGuarantee  # noqa: PLC0415

        route = self.route.value

        authorisation: dict[str, Any] | None
        if isinstance(self.authorisation, Authorisation):
            authorisation = self.authorisation.to_dict()
        else:
            authorisation = self.authorisation

        guarantee: dict[str, Any] | None
        if isinstance(self.guarantee, FundedGuarantee):
            guarantee = self.guarantee.to_dict()
        else:
            guarantee = self.guarantee

        note: None | str
        note = self.note

        approved_at = self.approved_at.isoformat()

        approved_by_organization_id: None | str | Unset
        if isinstance(self.approved_by_organization_id, Unset):
            approved_by_organization_id = UNSET
        elif isinstance(self.approved_by_organization_id, UUID):
            approved_by_organization_id = str(self.approved_by_organization_id)
        else:
            approved_by_organization_id = self.approved_by_organization_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "route": route,
                "authorisation": authorisation,
                "guarantee": guarantee,
                "note": note,
                "approved_at": approved_at,
            }
        )
        if approved_by_organization_id is not UNSET:
            field_dict["approved_by_organization_id"] = approved_by_organization_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authorisation import Authorisation  # noqa: PLC0415
        from ..models.funded_guarantee import FundedGuarantee  # noqa: PLC0415

        d = dict(src_dict)
        route = CoverageRoute(d.pop("route"))

        def _parse_authorisation(data: object) -> Authorisation | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                authorisation_type_0 = Authorisation.from_dict(data)

                return authorisation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Authorisation | None, data)

        authorisation = _parse_authorisation(d.pop("authorisation"))

        def _parse_guarantee(data: object) -> FundedGuarantee | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                guarantee_type_0 = FundedGuarantee.from_dict(data)

                return guarantee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FundedGuarantee | None, data)

        guarantee = _parse_guarantee(d.pop("guarantee"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        approved_at = datetime.datetime.fromisoformat(d.pop("approved_at"))

        def _parse_approved_by_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_by_organization_id_type_0 = UUID(data)

                return approved_by_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        approved_by_organization_id = _parse_approved_by_organization_id(d.pop("approved_by_organization_id", UNSET))

        funding = cls(
            route=route,
            authorisation=authorisation,
            guarantee=guarantee,
            note=note,
            approved_at=approved_at,
            approved_by_organization_id=approved_by_organization_id,
        )

        funding.additional_properties = d
        return funding

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
