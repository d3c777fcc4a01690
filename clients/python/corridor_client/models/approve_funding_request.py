from __future__ import annotations

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
    """

    authorisation: Authorisation | None | Unset = UNSET
    guarantee: Guarantee | None | Unset = UNSET
    note: None | str | Unset = UNSET

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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if authorisation is not UNSET:
            field_dict["authorisation"] = authorisation
        if guarantee is not UNSET:
            field_dict["guarantee"] = guarantee
        if note is not UNSET:
            field_dict["note"] = note

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

        approve_funding_request = cls(
            authorisation=authorisation,
            guarantee=guarantee,
            note=note,
        )

        return approve_funding_request
