from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.letter_kind import LetterKind
from ..models.letter_language import LetterLanguage
from ..types import UNSET, Unset

T = TypeVar("T", bound="LetterCreate")


@_attrs_define
class LetterCreate:
    """
    Attributes:
        kind (LetterKind):
        language (LetterLanguage):
        treatment (None | str | Unset): The treatment in plain words (default: the specialty)
        planned_from (datetime.date | None | Unset): Default: the transfer's expected arrival, else the admission
        planned_until (datetime.date | None | Unset):
        expected_days (int | None | Unset):
    """

    kind: LetterKind
    language: LetterLanguage
    treatment: None | str | Unset = UNSET
    planned_from: datetime.date | None | Unset = UNSET
    planned_until: datetime.date | None | Unset = UNSET
    expected_days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        language = self.language.value

        treatment: None | str | Unset
        if isinstance(self.treatment, Unset):
            treatment = UNSET
        else:
            treatment = self.treatment

        planned_from: None | str | Unset
        if isinstance(self.planned_from, Unset):
            planned_from = UNSET
        elif isinstance(self.planned_from, datetime.date):
            planned_from = self.planned_from.isoformat()
        else:
            planned_from = self.planned_from

        planned_until: None | str | Unset
        if isinstance(self.planned_until, Unset):
            planned_until = UNSET
        elif isinstance(self.planned_until, datetime.date):
            planned_until = self.planned_until.isoformat()
        else:
            planned_until = self.planned_until

        expected_days: int | None | Unset
        if isinstance(self.expected_days, Unset):
            expected_days = UNSET
        else:
            expected_days = self.expected_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "language": language,
            }
        )
        if treatment is not UNSET:
            field_dict["treatment"] = treatment
        if planned_from is not UNSET:
            field_dict["planned_from"] = planned_from
        if planned_until is not UNSET:
            field_dict["planned_until"] = planned_until
        if expected_days is not UNSET:
            field_dict["expected_days"] = expected_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = LetterKind(d.pop("kind"))

        language = LetterLanguage(d.pop("language"))

        def _parse_treatment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        treatment = _parse_treatment(d.pop("treatment", UNSET))

        def _parse_planned_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                planned_from_type_0 = datetime.date.fromisoformat(data)

                return planned_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        planned_from = _parse_planned_from(d.pop("planned_from", UNSET))

        def _parse_planned_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                planned_until_type_0 = datetime.date.fromisoformat(data)

                return planned_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        planned_until = _parse_planned_until(d.pop("planned_until", UNSET))

        def _parse_expected_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_days = _parse_expected_days(d.pop("expected_days", UNSET))

        letter_create = cls(
            kind=kind,
            language=language,
            treatment=treatment,
            planned_from=planned_from,
            planned_until=planned_until,
            expected_days=expected_days,
        )

        return letter_create
