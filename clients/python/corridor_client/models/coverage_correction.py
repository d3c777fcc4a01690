from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_in import CoverageIn


T = TypeVar("T", bound="CoverageCorrection")


@_attrs_define
class CoverageCorrection:
    """The coverage as it turns out to be, once the patient is in the hospital's care or
    discharged (an EHIC shown after an emergency visit, a wrong payer).

        Attributes:
            coverage (CoverageIn):
            reason (None | str | Unset): Why, for the timeline (no clinical text).
    """

    coverage: CoverageIn
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        coverage = self.coverage.to_dict()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "coverage": coverage,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_in import CoverageIn  # noqa: PLC0415

        d = dict(src_dict)
        coverage = CoverageIn.from_dict(d.pop("coverage"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        coverage_correction = cls(
            coverage=coverage,
            reason=reason,
        )

        return coverage_correction
