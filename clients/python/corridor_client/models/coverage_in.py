from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.coverage_route import CoverageRoute
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authorisation import Authorisation


T = TypeVar("T", bound="CoverageIn")


@_attrs_define
class CoverageIn:
    """
    Attributes:
        route (CoverageRoute | None | Unset):
        payer_organization_id (None | Unset | UUID):
        member_number (None | str | Unset):
        agreement_id (None | Unset | UUID):
        authorisation (Authorisation | None | Unset):
        insurance_country (None | str | Unset): ISO 3166 code of the state whose scheme insures the patient; defaults to
            the payer organisation's country.
        cross_border_worker (bool | Unset): A frontier worker: excluded from ZOAST care. Default: False.
    """

    route: CoverageRoute | None | Unset = UNSET
    payer_organization_id: None | Unset | UUID = UNSET
    member_number: None | str | Unset = UNSET
    agreement_id: None | Unset | UUID = UNSET
    authorisation: Authorisation | None | Unset = UNSET
    insurance_country: None | str | Unset = UNSET
    cross_border_worker: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.authorisation import Authorisation  # noqa: PLC0415

        route: None | str | Unset
        if isinstance(self.route, Unset):
            route = UNSET
        elif isinstance(self.route, CoverageRoute):
            route = self.route.value
        else:
            route = self.route

        payer_organization_id: None | str | Unset
        if isinstance(self.payer_organization_id, Unset):
            payer_organization_id = UNSET
        elif isinstance(self.payer_organization_id, UUID):
            payer_organization_id = str(self.payer_organization_id)
        else:
            payer_organization_id = self.payer_organization_id

        member_number: None | str | Unset
        if isinstance(self.member_number, Unset):
            member_number = UNSET
        else:
            member_number = self.member_number

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        authorisation: dict[str, Any] | None | Unset
        if isinstance(self.authorisation, Unset):
            authorisation = UNSET
        elif isinstance(self.authorisation, Authorisation):
            authorisation = self.authorisation.to_dict()
        else:
            authorisation = self.authorisation

        insurance_country: None | str | Unset
        if isinstance(self.insurance_country, Unset):
            insurance_country = UNSET
        else:
            insurance_country = self.insurance_country

        cross_border_worker = self.cross_border_worker

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if route is not UNSET:
            field_dict["route"] = route
        if payer_organization_id is not UNSET:
            field_dict["payer_organization_id"] = payer_organization_id
        if member_number is not UNSET:
            field_dict["member_number"] = member_number
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if authorisation is not UNSET:
            field_dict["authorisation"] = authorisation
        if insurance_country is not UNSET:
            field_dict["insurance_country"] = insurance_country
        if cross_border_worker is not UNSET:
            field_dict["cross_border_worker"] = cross_border_worker

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authorisation import Authorisation  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_route(data: object) -> CoverageRoute | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                route_type_0 = CoverageRoute(data)

                return route_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CoverageRoute | None | Unset, data)

        route = _parse_route(d.pop("route", UNSET))

        def _parse_payer_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payer_organization_id_type_0 = UUID(data)

                return payer_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        payer_organization_id = _parse_payer_organization_id(d.pop("payer_organization_id", UNSET))

        def _parse_member_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_number = _parse_member_number(d.pop("member_number", UNSET))

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

        def _parse_authorisation(data: object) -> Authorisation | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                authorisation_type_0 = Authorisation.from_dict(data)

                return authorisation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Authorisation | None | Unset, data)

        authorisation = _parse_authorisation(d.pop("authorisation", UNSET))

        def _parse_insurance_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        insurance_country = _parse_insurance_country(d.pop("insurance_country", UNSET))

        cross_border_worker = d.pop("cross_border_worker", UNSET)

        coverage_in = cls(
            route=route,
            payer_organization_id=payer_organization_id,
            member_number=member_number,
            agreement_id=agreement_id,
            authorisation=authorisation,
            insurance_country=insurance_country,
            cross_border_worker=cross_border_worker,
        )

        return coverage_in
