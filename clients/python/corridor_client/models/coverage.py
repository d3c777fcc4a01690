from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.coverage_route import CoverageRoute
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authorisation import Authorisation


T = TypeVar("T", bound="Coverage")


@_attrs_define
class Coverage:
    """
    Attributes:
        route (CoverageRoute | None):
        payer_organization_id (None | UUID):
        member_number (None | str):
        agreement_id (None | UUID):
        authorisation (Authorisation | None):
        insurance_country (None | str | Unset):
        cross_border_worker (bool | Unset):  Default: False.
        agreement_inferred (bool | Unset): true when the case was placed in `agreement_id` because it is the only
            agreement in force its facts fit (receiver, residence, specialty, payer, route); false when the coverage named
            it or names none. Default: False.
    """

    route: CoverageRoute | None
    payer_organization_id: None | UUID
    member_number: None | str
    agreement_id: None | UUID
    authorisation: Authorisation | None
    insurance_country: None | str | Unset = UNSET
    cross_border_worker: bool | Unset = False
    agreement_inferred: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.authorisation import Authorisation  # noqa: PLC0415

        route: None | str
        if isinstance(self.route, CoverageRoute):
            route = self.route.value
        else:
            route = self.route

        payer_organization_id: None | str
        if isinstance(self.payer_organization_id, UUID):
            payer_organization_id = str(self.payer_organization_id)
        else:
            payer_organization_id = self.payer_organization_id

        member_number: None | str
        member_number = self.member_number

        agreement_id: None | str
        if isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        authorisation: dict[str, Any] | None
        if isinstance(self.authorisation, Authorisation):
            authorisation = self.authorisation.to_dict()
        else:
            authorisation = self.authorisation

        insurance_country: None | str | Unset
        if isinstance(self.insurance_country, Unset):
            insurance_country = UNSET
        else:
            insurance_country = self.insurance_country

        cross_border_worker = self.cross_border_worker

        agreement_inferred = self.agreement_inferred

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "route": route,
                "payer_organization_id": payer_organization_id,
                "member_number": member_number,
                "agreement_id": agreement_id,
                "authorisation": authorisation,
            }
        )
        if insurance_country is not UNSET:
            field_dict["insurance_country"] = insurance_country
        if cross_border_worker is not UNSET:
            field_dict["cross_border_worker"] = cross_border_worker
        if agreement_inferred is not UNSET:
            field_dict["agreement_inferred"] = agreement_inferred

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authorisation import Authorisation  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_route(data: object) -> CoverageRoute | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                route_type_0 = CoverageRoute(data)

                return route_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CoverageRoute | None, data)

        route = _parse_route(d.pop("route"))

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

        def _parse_member_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        member_number = _parse_member_number(d.pop("member_number"))

        def _parse_agreement_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id"))

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

        def _parse_insurance_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        insurance_country = _parse_insurance_country(d.pop("insurance_country", UNSET))

        cross_border_worker = d.pop("cross_border_worker", UNSET)

        agreement_inferred = d.pop("agreement_inferred", UNSET)

        coverage = cls(
            route=route,
            payer_organization_id=payer_organization_id,
            member_number=member_number,
            agreement_id=agreement_id,
            authorisation=authorisation,
            insurance_country=insurance_country,
            cross_border_worker=cross_border_worker,
            agreement_inferred=agreement_inferred,
        )

        coverage.additional_properties = d
        return coverage

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
