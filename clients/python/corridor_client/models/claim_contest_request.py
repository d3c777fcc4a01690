from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contested_line_in import ContestedLineIn


T = TypeVar("T", bound="ClaimContestRequest")


@_attrs_define
class ClaimContestRequest:
    """
    Attributes:
        reason (str): Why the payer contests the claim; the creditor corrects it.
        lines (list[ContestedLineIn] | Unset): The lines contested, each with its reason (none: the whole claim).
    """

    reason: str
    lines: list[ContestedLineIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contested_line_in import ContestedLineIn  # noqa: PLC0415

        d = dict(src_dict)
        reason = d.pop("reason")

        _lines = d.pop("lines", UNSET)
        lines: list[ContestedLineIn] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = ContestedLineIn.from_dict(lines_item_data)

                lines.append(lines_item)

        claim_contest_request = cls(
            reason=reason,
            lines=lines,
        )

        return claim_contest_request
