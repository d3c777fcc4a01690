from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.coverage_route import CoverageRoute
from ..models.route_verdict import RouteVerdict
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_hint import CoverageHint


T = TypeVar("T", bound="CoverageOption")


@_attrs_define
class CoverageOption:
    """One funding route weighed against the facts: the route advisor's line.

    Attributes:
        route (CoverageRoute):
        applicable (bool): true only when `verdict` is `applicable`.
        verdict (RouteVerdict): The route advisor's three answers for a coverage route.
        failed_conditions (list[str]): The conditions that fail, as `route_not_applicable` names them.
        legal_basis (str):
        debtor (str): `payer`, `patient` or `place_of_stay_institution` (S2, EHIC: the liaison body of the treating
            state is billed)
        agreement_id (None | UUID): The zone agreement a ZOAST rests on.
        prior_authorisation_required (bool):
        guarantee_required (bool):
        deposit_ratio (None | str): Advance on the estimate; null: none.
        documents (list[str]): What to gather for this route.
        missing_facts (list[str] | Unset): Undetermined: the facts to give (e.g. `insurance_country`).
        hints (list[CoverageHint] | Unset): Undetermined: the answer if the insuring state were the residence's or the
            nationality's (advice, never a decision: Reg. 883/2004 follows insurance).
    """

    route: CoverageRoute
    applicable: bool
    verdict: RouteVerdict
    failed_conditions: list[str]
    legal_basis: str
    debtor: str
    agreement_id: None | UUID
    prior_authorisation_required: bool
    guarantee_required: bool
    deposit_ratio: None | str
    documents: list[str]
    missing_facts: list[str] | Unset = UNSET
    hints: list[CoverageHint] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        route = self.route.value

        applicable = self.applicable

        verdict = self.verdict.value

        failed_conditions = self.failed_conditions

        legal_basis = self.legal_basis

        debtor = self.debtor

        agreement_id: None | str
        if isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        prior_authorisation_required = self.prior_authorisation_required

        guarantee_required = self.guarantee_required

        deposit_ratio: None | str
        deposit_ratio = self.deposit_ratio

        documents = self.documents

        missing_facts: list[str] | Unset = UNSET
        if not isinstance(self.missing_facts, Unset):
            missing_facts = self.missing_facts

        hints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.hints, Unset):
            hints = []
            for hints_item_data in self.hints:
                hints_item = hints_item_data.to_dict()
                hints.append(hints_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "route": route,
                "applicable": applicable,
                "verdict": verdict,
                "failed_conditions": failed_conditions,
                "legal_basis": legal_basis,
                "debtor": debtor,
                "agreement_id": agreement_id,
                "prior_authorisation_required": prior_authorisation_required,
                "guarantee_required": guarantee_required,
                "deposit_ratio": deposit_ratio,
                "documents": documents,
            }
        )
        if missing_facts is not UNSET:
            field_dict["missing_facts"] = missing_facts
        if hints is not UNSET:
            field_dict["hints"] = hints

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_hint import CoverageHint  # noqa: PLC0415

        d = dict(src_dict)
        route = CoverageRoute(d.pop("route"))

        applicable = d.pop("applicable")

        verdict = RouteVerdict(d.pop("verdict"))

        failed_conditions = cast(list[str], d.pop("failed_conditions"))

        legal_basis = d.pop("legal_basis")

        debtor = d.pop("debtor")

        def _parse_agreement_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id"))

        prior_authorisation_required = d.pop("prior_authorisation_required")

        guarantee_required = d.pop("guarantee_required")

        def _parse_deposit_ratio(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        deposit_ratio = _parse_deposit_ratio(d.pop("deposit_ratio"))

        documents = cast(list[str], d.pop("documents"))

        missing_facts = cast(list[str], d.pop("missing_facts", UNSET))

        _hints = d.pop("hints", UNSET)
        hints: list[CoverageHint] | Unset = UNSET
        if _hints is not UNSET:
            hints = []
            for hints_item_data in _hints:
                hints_item = CoverageHint.from_dict(hints_item_data)

                hints.append(hints_item)

        coverage_option = cls(
            route=route,
            applicable=applicable,
            verdict=verdict,
            failed_conditions=failed_conditions,
            legal_basis=legal_basis,
            debtor=debtor,
            agreement_id=agreement_id,
            prior_authorisation_required=prior_authorisation_required,
            guarantee_required=guarantee_required,
            deposit_ratio=deposit_ratio,
            documents=documents,
            missing_facts=missing_facts,
            hints=hints,
        )

        coverage_option.additional_properties = d
        return coverage_option

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
