from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.claim_debtor import ClaimDebtor
from ..models.claim_kind import ClaimKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line import Line
    from ..models.money import Money


T = TypeVar("T", bound="ClaimCreate")


@_attrs_define
class ClaimCreate:
    """
    Attributes:
        number (str):
        kind (ClaimKind):
        total (Money | None | Unset): The lines must add up to it; without it, their sum.
        lines (list[Line] | Unset):
        debtor_organization_id (None | Unset | UUID): Defaults to the case's payer; under S2 and the EHIC to the
            institution of the place of stay (the `liaison_body` of the receiving hospital's country, else of its state;
            name it when there are several); none for an invoice to the patient.
        debtor (ClaimDebtor | None | Unset): `patient` for an invoice to the patient: always under self-pay and
            Directive 2011/24; on another route, the patient share (ticket modérateur, co-payment) invoiced apart from the
            payer's claim. Default: by the route.
        replaces_claim_id (None | Unset | UUID): A contested claim this one corrects.
        care_from (datetime.date | None | Unset): The first day of the care billed (the facility's local date); default:
            the admission, arrival or presentation.
        care_until (datetime.date | None | Unset): The last day of the care billed; default: the discharge, else today
            (an interim claim). Never after the day of submission (422 `care_dates_invalid`). Reg. 987/2009 Art. 67(1)'s
            introduction deadline counts from it.
    """

    number: str
    kind: ClaimKind
    total: Money | None | Unset = UNSET
    lines: list[Line] | Unset = UNSET
    debtor_organization_id: None | Unset | UUID = UNSET
    debtor: ClaimDebtor | None | Unset = UNSET
    replaces_claim_id: None | Unset | UUID = UNSET
    care_from: datetime.date | None | Unset = UNSET
    care_until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        number = self.number

        kind = self.kind.value

        total: dict[str, Any] | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        elif isinstance(self.total, Money):
            total = self.total.to_dict()
        else:
            total = self.total

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)

        debtor_organization_id: None | str | Unset
        if isinstance(self.debtor_organization_id, Unset):
            debtor_organization_id = UNSET
        elif isinstance(self.debtor_organization_id, UUID):
            debtor_organization_id = str(self.debtor_organization_id)
        else:
            debtor_organization_id = self.debtor_organization_id

        debtor: None | str | Unset
        if isinstance(self.debtor, Unset):
            debtor = UNSET
        elif isinstance(self.debtor, ClaimDebtor):
            debtor = self.debtor.value
        else:
            debtor = self.debtor

        replaces_claim_id: None | str | Unset
        if isinstance(self.replaces_claim_id, Unset):
            replaces_claim_id = UNSET
        elif isinstance(self.replaces_claim_id, UUID):
            replaces_claim_id = str(self.replaces_claim_id)
        else:
            replaces_claim_id = self.replaces_claim_id

        care_from: None | str | Unset
        if isinstance(self.care_from, Unset):
            care_from = UNSET
        elif isinstance(self.care_from, datetime.date):
            care_from = self.care_from.isoformat()
        else:
            care_from = self.care_from

        care_until: None | str | Unset
        if isinstance(self.care_until, Unset):
            care_until = UNSET
        elif isinstance(self.care_until, datetime.date):
            care_until = self.care_until.isoformat()
        else:
            care_until = self.care_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "number": number,
                "kind": kind,
            }
        )
        if total is not UNSET:
            field_dict["total"] = total
        if lines is not UNSET:
            field_dict["lines"] = lines
        if debtor_organization_id is not UNSET:
            field_dict["debtor_organization_id"] = debtor_organization_id
        if debtor is not UNSET:
            field_dict["debtor"] = debtor
        if replaces_claim_id is not UNSET:
            field_dict["replaces_claim_id"] = replaces_claim_id
        if care_from is not UNSET:
            field_dict["care_from"] = care_from
        if care_until is not UNSET:
            field_dict["care_until"] = care_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line import Line  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        number = d.pop("number")

        kind = ClaimKind(d.pop("kind"))

        def _parse_total(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                total_type_0 = Money.from_dict(data)

                return total_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        _lines = d.pop("lines", UNSET)
        lines: list[Line] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = Line.from_dict(lines_item_data)

                lines.append(lines_item)

        def _parse_debtor_organization_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                debtor_organization_id_type_0 = UUID(data)

                return debtor_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        debtor_organization_id = _parse_debtor_organization_id(d.pop("debtor_organization_id", UNSET))

        def _parse_debtor(data: object) -> ClaimDebtor | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                debtor_type_0 = ClaimDebtor(data)

                return debtor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClaimDebtor | None | Unset, data)

        debtor = _parse_debtor(d.pop("debtor", UNSET))

        def _parse_replaces_claim_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replaces_claim_id_type_0 = UUID(data)

                return replaces_claim_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        replaces_claim_id = _parse_replaces_claim_id(d.pop("replaces_claim_id", UNSET))

        def _parse_care_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                care_from_type_0 = datetime.date.fromisoformat(data)

                return care_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        care_from = _parse_care_from(d.pop("care_from", UNSET))

        def _parse_care_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                care_until_type_0 = datetime.date.fromisoformat(data)

                return care_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        care_until = _parse_care_until(d.pop("care_until", UNSET))

        claim_create = cls(
            number=number,
            kind=kind,
            total=total,
            lines=lines,
            debtor_organization_id=debtor_organization_id,
            debtor=debtor,
            replaces_claim_id=replaces_claim_id,
            care_from=care_from,
            care_until=care_until,
        )

        return claim_create
