from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Authorisation")


@_attrs_define
class Authorisation:
    """
    Attributes:
        reference (str):
        valid_from (datetime.date):
        valid_until (datetime.date):
    """

    reference: str
    valid_from: datetime.date
    valid_until: datetime.date

    def to_dict(self) -> dict[str, Any]:
        reference = self.reference

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reference": reference,
                "valid_from": valid_from,
                "valid_until": valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reference = d.pop("reference")

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        authorisation = cls(
            reference=reference,
            valid_from=valid_from,
            valid_until=valid_until,
        )

        return authorisation
