from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authorisation import Authorisation


T = TypeVar("T", bound="ExtendAuthorisationRequest")


@_attrs_define
class ExtendAuthorisationRequest:
    """A new validity and reference for the authorisation (S2 extended during the stay).

    Attributes:
        authorisation (Authorisation | None | Unset):
    """

    authorisation: Authorisation | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.authorisation import Authorisation  # noqa: PLC0415

        authorisation: dict[str, Any] | None | Unset
        if isinstance(self.authorisation, Unset):
            authorisation = UNSET
        elif isinstance(self.authorisation, Authorisation):
            authorisation = self.authorisation.to_dict()
        else:
            authorisation = self.authorisation

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if authorisation is not UNSET:
            field_dict["authorisation"] = authorisation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.authorisation import Authorisation  # noqa: PLC0415

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

        extend_authorisation_request = cls(
            authorisation=authorisation,
        )

        return extend_authorisation_request
