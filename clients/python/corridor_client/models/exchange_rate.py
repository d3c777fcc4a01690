from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExchangeRate")


@_attrs_define
class ExchangeRate:
    """1 `base` = `rate` `quote` (1 USD = 2.70 XCD), and where the rate comes from.

    Attributes:
        base (str): ISO 4217
        quote (str): ISO 4217
        rate (str): An exact decimal string: `quote` units per one `base` unit
        source (str):
    """

    base: str
    quote: str
    rate: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        quote = self.quote

        rate = self.rate

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "base": base,
                "quote": quote,
                "rate": rate,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base")

        quote = d.pop("quote")

        rate = d.pop("rate")

        source = d.pop("source")

        exchange_rate = cls(
            base=base,
            quote=quote,
            rate=rate,
            source=source,
        )

        return exchange_rate
