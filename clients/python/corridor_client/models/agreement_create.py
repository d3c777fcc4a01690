from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.agreement_kind import AgreementKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.zone_entry import ZoneEntry


T = TypeVar("T", bound="AgreementCreate")


@_attrs_define
class AgreementCreate:
    """
    Attributes:
        name (str):
        kind (AgreementKind):
        receiving_organization_ids (list[UUID]):
        valid_from (datetime.date):
        payer_organization_ids (list[UUID] | Unset):
        coordinating_organization_ids (list[UUID] | Unset): Coordination bodies (`coordination_body` organisations:
            observatories, a programme's secretariat) that see the corridor's statistics, never a case.
        zone (list[ZoneEntry] | Unset):
        excluded_specialties (list[str] | Unset):
        prior_authorisation_required (bool | Unset):  Default: False.
        advance_payment_required (bool | Unset):  Default: False.
        deposit_ratio (None | str | Unset):
        valid_until (datetime.date | None | Unset):
    """

    name: str
    kind: AgreementKind
    receiving_organization_ids: list[UUID]
    valid_from: datetime.date
    payer_organization_ids: list[UUID] | Unset = UNSET
    coordinating_organization_ids: list[UUID] | Unset = UNSET
    zone: list[ZoneEntry] | Unset = UNSET
    excluded_specialties: list[str] | Unset = UNSET
    prior_authorisation_required: bool | Unset = False
    advance_payment_required: bool | Unset = False
    deposit_ratio: None | str | Unset = UNSET
    valid_until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        receiving_organization_ids = []
        for receiving_organization_ids_item_data in self.receiving_organization_ids:
            receiving_organization_ids_item = str(receiving_organization_ids_item_data)
            receiving_organization_ids.append(receiving_organization_ids_item)

        valid_from = self.valid_from.isoformat()

        payer_organization_ids: list[str] | Unset = UNSET
        if not isinstance(self.payer_organization_ids, Unset):
            payer_organization_ids = []
            for payer_organization_ids_item_data in self.payer_organization_ids:
                payer_organization_ids_item = str(payer_organization_ids_item_data)
                payer_organization_ids.append(payer_organization_ids_item)

        coordinating_organization_ids: list[str] | Unset = UNSET
        if not isinstance(self.coordinating_organization_ids, Unset):
            coordinating_organization_ids = []
            for coordinating_organization_ids_item_data in self.coordinating_organization_ids:
                coordinating_organization_ids_item = str(coordinating_organization_ids_item_data)
                coordinating_organization_ids.append(coordinating_organization_ids_item)

        zone: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.zone, Unset):
            zone = []
            for zone_item_data in self.zone:
                zone_item = zone_item_data.to_dict()
                zone.append(zone_item)

        excluded_specialties: list[str] | Unset = UNSET
        if not isinstance(self.excluded_specialties, Unset):
            excluded_specialties = self.excluded_specialties

        prior_authorisation_required = self.prior_authorisation_required

        advance_payment_required = self.advance_payment_required

        deposit_ratio: None | str | Unset
        if isinstance(self.deposit_ratio, Unset):
            deposit_ratio = UNSET
        else:
            deposit_ratio = self.deposit_ratio

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "receiving_organization_ids": receiving_organization_ids,
                "valid_from": valid_from,
            }
        )
        if payer_organization_ids is not UNSET:
            field_dict["payer_organization_ids"] = payer_organization_ids
        if coordinating_organization_ids is not UNSET:
            field_dict["coordinating_organization_ids"] = coordinating_organization_ids
        if zone is not UNSET:
            field_dict["zone"] = zone
        if excluded_specialties is not UNSET:
            field_dict["excluded_specialties"] = excluded_specialties
        if prior_authorisation_required is not UNSET:
            field_dict["prior_authorisation_required"] = prior_authorisation_required
        if advance_payment_required is not UNSET:
            field_dict["advance_payment_required"] = advance_payment_required
        if deposit_ratio is not UNSET:
            field_dict["deposit_ratio"] = deposit_ratio
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.zone_entry import ZoneEntry  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        kind = AgreementKind(d.pop("kind"))

        receiving_organization_ids = []
        _receiving_organization_ids = d.pop("receiving_organization_ids")
        for receiving_organization_ids_item_data in _receiving_organization_ids:
            receiving_organization_ids_item = UUID(receiving_organization_ids_item_data)

            receiving_organization_ids.append(receiving_organization_ids_item)

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        _payer_organization_ids = d.pop("payer_organization_ids", UNSET)
        payer_organization_ids: list[UUID] | Unset = UNSET
        if _payer_organization_ids is not UNSET:
            payer_organization_ids = []
            for payer_organization_ids_item_data in _payer_organization_ids:
                payer_organization_ids_item = UUID(payer_organization_ids_item_data)

                payer_organization_ids.append(payer_organization_ids_item)

        _coordinating_organization_ids = d.pop("coordinating_organization_ids", UNSET)
        coordinating_organization_ids: list[UUID] | Unset = UNSET
        if _coordinating_organization_ids is not UNSET:
            coordinating_organization_ids = []
            for coordinating_organization_ids_item_data in _coordinating_organization_ids:
                coordinating_organization_ids_item = UUID(coordinating_organization_ids_item_data)

                coordinating_organization_ids.append(coordinating_organization_ids_item)

        _zone = d.pop("zone", UNSET)
        zone: list[ZoneEntry] | Unset = UNSET
        if _zone is not UNSET:
            zone = []
            for zone_item_data in _zone:
                zone_item = ZoneEntry.from_dict(zone_item_data)

                zone.append(zone_item)

        excluded_specialties = cast(list[str], d.pop("excluded_specialties", UNSET))

        prior_authorisation_required = d.pop("prior_authorisation_required", UNSET)

        advance_payment_required = d.pop("advance_payment_required", UNSET)

        def _parse_deposit_ratio(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deposit_ratio = _parse_deposit_ratio(d.pop("deposit_ratio", UNSET))

        def _parse_valid_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        agreement_create = cls(
            name=name,
            kind=kind,
            receiving_organization_ids=receiving_organization_ids,
            valid_from=valid_from,
            payer_organization_ids=payer_organization_ids,
            coordinating_organization_ids=coordinating_organization_ids,
            zone=zone,
            excluded_specialties=excluded_specialties,
            prior_authorisation_required=prior_authorisation_required,
            advance_payment_required=advance_payment_required,
            deposit_ratio=deposit_ratio,
            valid_until=valid_until,
        )

        return agreement_create
