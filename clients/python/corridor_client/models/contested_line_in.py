from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ContestedLineIn")


@_attrs_define
class ContestedLineIn:
    """
    Attributes:
        line (int): Position in the claim's lines
        reason (str):
    """

    line: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        line = self.line

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "line": line,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        line = d.pop("line")

        reason = d.pop("reason")

        contested_line_in = cls(
            line=line,
            reason=reason,
        )

        return contested_line_in
