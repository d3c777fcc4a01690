from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authorisation import Authorisation
    from ..models.guarantee import Guarantee


T = TypeVar("T", bound="ApproveFundingRequest")


@_attrs_define
class ApproveFundingRequest:
    """
    Attributes:
        authorisation (Authorisation | None | Unset):
        guarantee (Guarantee | None | Unset):
        note (None | str | Unset):
        planned_start (datetime.date | None | Unset): First planned day of care; the authorisation must cover it.
        planned_end (datetime.date | None | Unset): Last planned day of care; the authorisation must cover it.
    """

    authorisation: Authorisation | None | Unset = UNSET
    guarantee: Guarantee | None | Unset = UNSET
    note: None | str | Unset = UNSET
    planned_start: datetime.date | None | Unset = UNSET
    planned_end: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.authorisation import Authorisation  # noqa: PLC0415
        from ..models.guarantee import Guarantee  # noqa: PLC0415

        authorisation: dict[str, Any] | None | Unset
        if isinstance(self.authorisation, Unset):
            authorisation = UNSET
        elif isinstance(self.authorisation, Authorisation):
            authorisation = self.authorisation.to_dict()
        else:
            authorisation = self.authorisation

        guarantee: dict[str, Any] | None | Unset
        if isinstance(self.guarantee, Unset):
            guarantee = UNSET
        elif isinstance(self.guarantee, Guarantee):
            guarantee = self.guarantee.to_dict()
        else:
            guarantee = self.guarantee

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        planned_start: None | str | Unset
        if isinstance(self.planned_start, Unset):
            planned_start = UNSET
        elif isinstance(self.planned_start, datetime.date):
            planned_start = self.planned_start.isoformat()
        else:
            planned_start = self.planned_start

        planned_end: None | str | Unset
        if isinstance(self.planned_end, Unset):
            planned_end = UNSET
        elif isinstance(self.planned_end, datetime.date):
            planned_end = self.planned_end.isoformat()
        else:
            planned_end = self.planned_end

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if authorisation is not UNSET:
            field_dict["authorisation"] = authorisation
        if guarantee is not UNSET:
            field_dict["guarantee"] = guarantee
        if note is not UNSET:
            field_dict["note"] = note
        if planned_start is not UNSET:
            field_dict["planned_start"] = planned_start
        if planned_end is not UNSET:
            field_dict["planned_end"] = planned_end

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authorisation import Authorisation  # noqa: PLC0415
        from ..models.guarantee import Guarantee  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_guarantee(data: object) -> Guarantee | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                guarantee_type_0 = Guarantee.from_dict(data)

                return guarantee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Guarantee | None | Unset, data)

        guarantee = _parse_guarantee(d.pop("guarantee", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_planned_start(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                planned_start_type_0 = datetime.date.fromisoformat(data)

                return planned_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        planned_start = _parse_planned_start(d.pop("planned_start", UNSET))

        def _parse_planned_end(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                planned_end_type_0 = datetime.date.fromisoformat(data)

                return planned_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        planned_end = _parse_planned_end(d.pop("planned_end", UNSET))

        approve_funding_request = cls(
            authorisation=authorisation,
            guarantee=guarantee,
            note=note,
            planned_start=planned_start,
            planned_end=planned_end,
        )

        return approve_funding_request
