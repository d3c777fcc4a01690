from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.authorisation_decision import AuthorisationDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="PriorAuthorisationIn")


@_attrs_define
class PriorAuthorisationIn:
    """The home state's decision on a prior authorisation (Directive 2011/24 Art. 8-9), as
    the patient received it.

        Attributes:
            decision (AuthorisationDecision):
            reference (str): The decision's reference at the issuing institution.
            issuing_institution (str): The institution of the state of affiliation that decided.
            decided_on (datetime.date):
            valid_from (datetime.date | None | Unset): Granted: the first day covered.
            valid_until (datetime.date | None | Unset): Granted: the last day covered.
            refusal_reason (None | str | Unset): Refused: the reason the decision gives (Art. 9(4)).
    """

    decision: AuthorisationDecision
    reference: str
    issuing_institution: str
    decided_on: datetime.date
    valid_from: datetime.date | None | Unset = UNSET
    valid_until: datetime.date | None | Unset = UNSET
    refusal_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        reference = self.reference

        issuing_institution = self.issuing_institution

        decided_on = self.decided_on.isoformat()

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        refusal_reason: None | str | Unset
        if isinstance(self.refusal_reason, Unset):
            refusal_reason = UNSET
        else:
            refusal_reason = self.refusal_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "reference": reference,
                "issuing_institution": issuing_institution,
                "decided_on": decided_on,
            }
        )
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
        if refusal_reason is not UNSET:
            field_dict["refusal_reason"] = refusal_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = AuthorisationDecision(d.pop("decision"))

        reference = d.pop("reference")

        issuing_institution = d.pop("issuing_institution")

        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        def _parse_valid_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.date.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        def _parse_refusal_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refusal_reason = _parse_refusal_reason(d.pop("refusal_reason", UNSET))

        prior_authorisation_in = cls(
            decision=decision,
            reference=reference,
            issuing_institution=issuing_institution,
            decided_on=decided_on,
            valid_from=valid_from,
            valid_until=valid_until,
            refusal_reason=refusal_reason,
        )

        return prior_authorisation_in
