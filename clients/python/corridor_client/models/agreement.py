from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_kind import AgreementKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.suspension_in_force import SuspensionInForce
    from ..models.zone_entry import ZoneEntry


T = TypeVar("T", bound="Agreement")


@_attrs_define
class Agreement:
    """
    Attributes:
        id (UUID):
        name (str):
        slug (str): Its public name in the directory (never the id there).
        kind (AgreementKind):
        receiving_organization_ids (list[UUID]):
        payer_organization_ids (list[UUID]):
        zone (list[ZoneEntry]):
        excluded_specialties (list[str]):
        prior_authorisation_required (bool):
        advance_payment_required (bool):
        deposit_ratio (None | str):
        valid_from (datetime.date):
        valid_until (datetime.date | None):
        created_at (datetime.datetime):
        coordinating_organization_ids (list[UUID] | Unset):
        suspension (None | SuspensionInForce | Unset): The suspension in force: no submission on the agreement until it
            resumes.
        intake_pauses (list[SuspensionInForce] | Unset): Receiving hospitals that paused their own intake on the
            agreement: no submission to them on it until they resume.
    """

    id: UUID
    name: str
    slug: str
    kind: AgreementKind
    receiving_organization_ids: list[UUID]
    payer_organization_ids: list[UUID]
    zone: list[ZoneEntry]
    excluded_specialties: list[str]
    prior_authorisation_required: bool
    advance_payment_required: bool
    deposit_ratio: None | str
    valid_from: datetime.date
    valid_until: datetime.date | None
    created_at: datetime.datetime
    coordinating_organization_ids: list[UUID] | Unset = UNSET
    suspension: None | SuspensionInForce | Unset = UNSET
    intake_pauses: list[SuspensionInForce] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.suspension_in_force import SuspensionInForce  # noqa: PLC0415

        id = str(self.id)

        name = self.name

        slug = self.slug

        kind = self.kind.value

        receiving_organization_ids = []
        for receiving_organization_ids_item_data in self.receiving_organization_ids:
            receiving_organization_ids_item = str(receiving_organization_ids_item_data)
            receiving_organization_ids.append(receiving_organization_ids_item)

        payer_organization_ids = []
        for payer_organization_ids_item_data in self.payer_organization_ids:
            payer_organization_ids_item = str(payer_organization_ids_item_data)
            payer_organization_ids.append(payer_organization_ids_item)

        zone = []
        for zone_item_data in self.zone:
            zone_item = zone_item_data.to_dict()
            zone.append(zone_item)

        excluded_specialties = self.excluded_specialties

        prior_authorisation_required = self.prior_authorisation_required

        advance_payment_required = self.advance_payment_required

        deposit_ratio: None | str
        deposit_ratio = self.deposit_ratio

        valid_from = self.valid_from.isoformat()

        valid_until: None | str
        if isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        created_at = self.created_at.isoformat()

        coordinating_organization_ids: list[str] | Unset = UNSET
        if not isinstance(self.coordinating_organization_ids, Unset):
            coordinating_organization_ids = []
            for coordinating_organization_ids_item_data in self.coordinating_organization_ids:
                coordinating_organization_ids_item = str(coordinating_organization_ids_item_data)
                coordinating_organization_ids.append(coordinating_organization_ids_item)

        suspension: dict[str, Any] | None | Unset
        if isinstance(self.suspension, Unset):
            suspension = UNSET
        elif isinstance(self.suspension, SuspensionInForce):
            suspension = self.suspension.to_dict()
        else:
            suspension = self.suspension

        intake_pauses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.intake_pauses, Unset):
            intake_pauses = []
            for intake_pauses_item_data in self.intake_pauses:
                intake_pauses_item = intake_pauses_item_data.to_dict()
                intake_pauses.append(intake_pauses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "slug": slug,
                "kind": kind,
                "receiving_organization_ids": receiving_organization_ids,
                "payer_organization_ids": payer_organization_ids,
                "zone": zone,
                "excluded_specialties": excluded_specialties,
                "prior_authorisation_required": prior_authorisation_required,
                "advance_payment_required": advance_payment_required,
                "deposit_ratio": deposit_ratio,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "created_at": created_at,
            }
        )
        if coordinating_organization_ids is not UNSET:
            field_dict["coordinating_organization_ids"] = coordinating_organization_ids
        if suspension is not UNSET:
            field_dict["suspension"] = suspension
        if intake_pauses is not UNSET:
            field_dict["intake_pauses"] = intake_pauses

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.suspension_in_force import SuspensionInForce  # noqa: PLC0415
        from ..models.zone_entry import ZoneEntry  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        slug = d.pop("slug")

        kind = AgreementKind(d.pop("kind"))

        receiving_organization_ids = []
        _receiving_organization_ids = d.pop("receiving_organization_ids")
        for receiving_organization_ids_item_data in _receiving_organization_ids:
            receiving_organization_ids_item = UUID(receiving_organization_ids_item_data)

            receiving_organization_ids.append(receiving_organization_ids_item)

        payer_organization_ids = []
        _payer_organization_ids = d.pop("payer_organization_ids")
        for payer_organization_ids_item_data in _payer_organization_ids:
            payer_organization_ids_item = UUID(payer_organization_ids_item_data)

            payer_organization_ids.append(payer_organization_ids_item)

        zone = []
        _zone = d.pop("zone")
        for zone_item_data in _zone:
            zone_item = ZoneEntry.from_dict(zone_item_data)

            zone.append(zone_item)

        excluded_specialties = cast(list[str], d.pop("excluded_specialties"))

        prior_authorisation_required = d.pop("prior_authorisation_required")

        advance_payment_required = d.pop("advance_payment_required")

        def _parse_deposit_ratio(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        deposit_ratio = _parse_deposit_ratio(d.pop("deposit_ratio"))

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        def _parse_valid_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        valid_until = _parse_valid_until(d.pop("valid_until"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _coordinating_organization_ids = d.pop("coordinating_organization_ids", UNSET)
        coordinating_organization_ids: list[UUID] | Unset = UNSET
        if _coordinating_organization_ids is not UNSET:
            coordinating_organization_ids = []
            for coordinating_organization_ids_item_data in _coordinating_organization_ids:
                coordinating_organization_ids_item = UUID(coordinating_organization_ids_item_data)

                coordinating_organization_ids.append(coordinating_organization_ids_item)

        def _parse_suspension(data: object) -> None | SuspensionInForce | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                suspension_type_0 = SuspensionInForce.from_dict(data)

                return suspension_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SuspensionInForce | Unset, data)

        suspension = _parse_suspension(d.pop("suspension", UNSET))

        _intake_pauses = d.pop("intake_pauses", UNSET)
        intake_pauses: list[SuspensionInForce] | Unset = UNSET
        if _intake_pauses is not UNSET:
            intake_pauses = []
            for intake_pauses_item_data in _intake_pauses:
                intake_pauses_item = SuspensionInForce.from_dict(intake_pauses_item_data)

                intake_pauses.append(intake_pauses_item)

        agreement = cls(
            id=id,
            name=name,
            slug=slug,
            kind=kind,
            receiving_organization_ids=receiving_organization_ids,
            payer_organization_ids=payer_organization_ids,
            zone=zone,
            excluded_specialties=excluded_specialties,
            prior_authorisation_required=prior_authorisation_required,
            advance_payment_required=advance_payment_required,
            deposit_ratio=deposit_ratio,
            valid_from=valid_from,
            valid_until=valid_until,
            created_at=created_at,
            coordinating_organization_ids=coordinating_organization_ids,
            suspension=suspension,
            intake_pauses=intake_pauses,
        )

        agreement.additional_properties = d
        return agreement

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
