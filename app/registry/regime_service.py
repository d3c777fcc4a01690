"""Funding regimes against the stored facts: route applicability at creation, coverage
change and submission (422 `route_not_applicable`), the agreement whose flags apply, the
regime country lists platform admins edit, and the route advisor."""

from __future__ import annotations

import uuid
from datetime import date

from app.db.models import RegimeCountryListRow
from app.db.repositories.registry import RegistryRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.agreements import Agreement
from app.domain.case import Case
from app.domain.errors import ValidationFailed
from app.domain.funding import requirements_for
from app.domain.principal import Principal
from app.domain.regimes import (
    DEFAULT_COUNTRY_LISTS,
    REGIMES,
    CountryLists,
    CoverageFacts,
    RouteOption,
    applicability,
    coverage_options,
    payer_of_record,
    prior_authorisation_required,
    zone_agreement,
)
from app.domain.vocabulary import AgreementKind, CareSetting, CoverageRoute
from app.platform.errors import InvalidRequest, NotFound
from app.registry import agreement_service
from app.registry.service import require_admin

# Which agreement kinds cover a route when the coverage names none: a regime's own kind,
# or a bilateral or private contract for the contractual routes.
AGREEMENT_KINDS_BY_ROUTE: dict[CoverageRoute, frozenset[AgreementKind]] = {
    CoverageRoute.ZOAST: frozenset({AgreementKind.ZOAST}),
    CoverageRoute.S2: frozenset({AgreementKind.S2}),
    CoverageRoute.EU_DIRECTIVE: frozenset({AgreementKind.EU_DIRECTIVE}),
    CoverageRoute.EHIC: frozenset(),
    CoverageRoute.THIRD_PARTY_GUARANTEE: frozenset(
        {AgreementKind.BILATERAL, AgreementKind.PRIVATE_CONTRACT}
    ),
    CoverageRoute.INSURER_GUARANTEE: frozenset(
        {AgreementKind.BILATERAL, AgreementKind.PRIVATE_CONTRACT}
    ),
    CoverageRoute.SELF_PAY: frozenset({AgreementKind.BILATERAL, AgreementKind.PRIVATE_CONTRACT}),
}


class RouteNotApplicable(InvalidRequest):
    def __init__(self, route: CoverageRoute, failed: list[str]) -> None:
        super().__init__(
            f"Route '{route}' cannot apply to this case: {', '.join(failed)} "
            f"({REGIMES[route].legal_basis}).",
            code="route_not_applicable",
            route=route.value,
            failed_conditions=list(failed),
        )


class AgreementNotDetermined(InvalidRequest):
    """A route that rests on a corridor agreement, and no single agreement fits the case."""

    def __init__(self, route: CoverageRoute, candidates: list[Agreement]) -> None:
        several = len(candidates) > 1
        super().__init__(
            f"Route '{route}' needs the case's corridor agreement: "
            + (
                f"{len(candidates)} agreements apply, name one in coverage.agreement_id."
                if several
                else "no agreement in force covers this receiver, residence, specialty and payer."
            ),
            code="agreement_ambiguous" if several else "agreement_required",
            field="coverage.agreement_id",
            route=route.value,
            candidate_agreement_ids=sorted(str(a.id) for a in candidates),
        )


# -- the country lists ------------------------------------------------------------------------


async def country_lists(uow: UnitOfWork) -> CountryLists:
    rows = await uow.repository(RegistryRepository).country_lists()
    stored = {row.name: frozenset(row.countries) for row in rows}
    return CountryLists({**DEFAULT_COUNTRY_LISTS, **stored})


async def list_country_lists(uow: UnitOfWork) -> list[RegimeCountryListRow]:
    return await uow.repository(RegistryRepository).country_lists()


async def replace_country_list(
    uow: UnitOfWork, principal: Principal, name: str, countries: list[str], now
) -> RegimeCountryListRow:
    require_admin(principal)
    registry = uow.repository(RegistryRepository)
    row = await registry.country_list(name, for_update=True)
    if row is None:
        raise NotFound("regime country list")
    row.countries = sorted({country.upper() for country in countries})
    row.updated_at = now
    await registry.flush()
    return row


# -- facts --------------------------------------------------------------------------------------


async def active_agreements(uow: UnitOfWork, on: date) -> list[Agreement]:
    rows = await uow.repository(RegistryRepository).agreements_in_force(on)
    return [agreement_service.to_domain(row) for row in rows]


async def _country_of(uow: UnitOfWork, organization_id: uuid.UUID | None) -> str | None:
    if organization_id is None:
        return None
    row = await uow.repository(RegistryRepository).organization(organization_id)
    return row.country if row else None


async def facts_for_case(uow: UnitOfWork, case: Case, on: date) -> CoverageFacts:
    coverage = case.coverage
    residence: dict = {}
    nationality = None
    if case.patient_id is not None:
        patient = await uow.repository(RegistryRepository).patient(case.patient_id)
        residence = (patient.residence or {}) if patient else {}
        nationality = patient.nationality if patient else None
    payer_country = await _country_of(uow, coverage.payer_organization_id)
    named = None
    if coverage.agreement_id is not None:
        row = await uow.repository(RegistryRepository).agreement(coverage.agreement_id)
        named = agreement_service.to_domain(row) if row else None
    return CoverageFacts(
        insurance_country=coverage.insurance_country or payer_country,
        payer_organization_id=coverage.payer_organization_id,
        # No payer organisation named: the insurer is of the insurance country.
        payer_country=payer_country or coverage.insurance_country,
        receiving_organization_id=case.receiving_organization_id,
        provider_country=await _country_of(uow, case.receiving_organization_id),
        residence_country=residence.get("country"),
        residence_postal_code=residence.get("postal_code"),
        nationality=nationality,
        specialty=case.specialty,
        care=case.care_kind,
        cross_border_worker=coverage.cross_border_worker,
        on=on,
        agreement=named,
        agreements=tuple(await active_agreements(uow, on)),
    )


async def load_prior_authorisation_need(uow: UnitOfWork, case: Case) -> None:
    """Whether the case's home state requires its prior authorisation for this care
    (app/domain/regimes.py `prior_authorisation_required`, on the stored country lists):
    the insuring state is the coverage's, else the payer's."""
    coverage = case.coverage
    insurance = coverage.insurance_country or await _country_of(uow, coverage.payer_organization_id)
    case.prior_authorisation_required = prior_authorisation_required(
        coverage.route,
        insurance,
        case.care_kind,
        overnight=case.care_setting == CareSetting.INPATIENT,
        countries=await country_lists(uow),
    )


async def check_route(uow: UnitOfWork, case: Case, on: date, *, complete: bool) -> CoverageFacts:
    """Refuse a route that cannot apply (422 route_not_applicable naming the conditions);
    under a ZOAST, make the zone's mutuality the payer of record."""
    facts = await facts_for_case(uow, case, on)
    route = case.coverage.route
    if route is None:
        return facts
    route = CoverageRoute(route)
    failed = applicability(route, facts, await country_lists(uow), complete=complete)
    if failed:
        raise RouteNotApplicable(route, failed)
    regime = REGIMES[route]
    if regime.agreement_kind is not None:
        agreement = zone_agreement(facts, regime.agreement_kind)
        if agreement is not None and case.coverage.agreement_id is None:
            case.place_in_agreement(agreement.id)
        if case.coverage.payer_organization_id is None:
            case.coverage.payer_organization_id = payer_of_record(route, facts)
    elif case.coverage.agreement_id is None:
        _place_in_corridor(case, route, facts, complete=complete)
    return facts


def _place_in_corridor(
    case: Case, route: CoverageRoute, facts: CoverageFacts, *, complete: bool
) -> None:
    """DESIGN.md: "a case whose facts fit exactly one agreement is placed in it", so that the
    corridor's statistics and a suspension reach it. A route resting on a corridor
    agreement (a ministry's guarantee under CARES) needs one: 422 when none or several fit,
    once the facts that choose (receiver, residence, payer) are known, and at the latest when
    every fact is (submission, funding)."""
    candidates = corridor_agreements(route, facts)
    if len(candidates) == 1:
        case.place_in_agreement(candidates[0].id)
        return
    decidable = complete or (
        facts.receiving_organization_id is not None
        and facts.residence_country is not None
        and facts.payer_organization_id is not None
    )
    if REGIMES[route].corridor_agreement and decidable:
        raise AgreementNotDetermined(route, candidates)


def corridor_agreements(route: CoverageRoute, facts: CoverageFacts) -> list[Agreement]:
    """Every agreement in force whose kind covers the route and that binds this receiver,
    residence, specialty and payer."""
    kinds = AGREEMENT_KINDS_BY_ROUTE[CoverageRoute(route)]
    found = []
    for agreement in facts.agreements:
        if agreement.kind not in kinds or facts.on is None:
            continue
        if not agreement.applies_to(
            facts.residence_country,
            facts.residence_postal_code,
            facts.receiving_organization_id,
            facts.specialty,
            facts.on,
        ):
            continue
        payers = agreement.payer_organization_ids
        if payers and facts.payer_organization_id not in payers:
            continue
        found.append(agreement)
    return found


def agreement_for(route: CoverageRoute | None, facts: CoverageFacts) -> Agreement | None:
    """The agreement whose flags apply: the one the coverage names, else the first in force
    that covers this route for this receiver, residence, specialty and payer."""
    if facts.agreement is not None:
        return facts.agreement
    if route is None:
        return None
    candidates = corridor_agreements(CoverageRoute(route), facts)
    return candidates[0] if candidates else None


# -- the route advisor ------------------------------------------------------------------------


async def options_for_case(uow: UnitOfWork, case: Case, on: date) -> list[RouteOption]:
    facts = await facts_for_case(uow, case, on)
    return coverage_options(facts, await country_lists(uow))


async def options_for_prospect(
    uow: UnitOfWork,
    *,
    on: date,
    residence_country: str,
    postal_code: str | None,
    receiving_organization_id: uuid.UUID | None,
    specialty: str | None,
    insurance_country: str | None,
    payer_organization_id: uuid.UUID | None,
    cross_border_worker: bool,
    care,
    default_deposit_ratio,
) -> list[dict]:
    payer_country = await _country_of(uow, payer_organization_id)
    # The insuring state is the one given or the payer's; the residence is only a hint
    # (the advisor names it), never the answer.
    facts = CoverageFacts(
        insurance_country=insurance_country or payer_country,
        payer_organization_id=payer_organization_id,
        payer_country=payer_country or insurance_country,
        receiving_organization_id=receiving_organization_id,
        provider_country=await _country_of(uow, receiving_organization_id),
        residence_country=residence_country,
        residence_postal_code=postal_code,
        specialty=specialty,
        care=care,
        cross_border_worker=cross_border_worker,
        on=on,
        agreements=tuple(await active_agreements(uow, on)),
    )
    countries = await country_lists(uow)
    options = coverage_options(facts, countries)
    return [option_json(o, facts, default_deposit_ratio, countries) for o in options]


def check_country_codes(countries: list[str]) -> None:
    if any(len(c) != 2 or not c.isalpha() for c in countries):
        raise ValidationFailed("invalid_country", "countries are ISO 3166-1 alpha-2 codes")


def option_json(
    option: RouteOption,
    facts: CoverageFacts,
    default_deposit_ratio,
    countries: CountryLists | None = None,
    overnight: bool = True,
) -> dict:
    """One advisor line: whether the route applies, why not, the law, who pays, what
    funding needs under the agreement that would apply (and the home state's prior
    authorisation under the Directive, for a stay with a night in hospital unless the case
    says otherwise), and the documents to gather."""
    needs = requirements_for(
        option.route, agreement_for(option.route, facts), default_deposit_ratio
    )
    home_authorisation = prior_authorisation_required(
        option.route, facts.insurance_country, facts.care, overnight, countries
    )
    return {
        "route": option.route.value,
        "applicable": option.applicable,
        "verdict": option.verdict.value,
        "failed_conditions": list(option.failed_conditions),
        "missing_facts": list(option.missing_facts),
        "hints": [
            {
                "fact": hint.fact,
                "presumed_from": hint.presumed_from,
                "value": hint.value,
                "verdict": hint.verdict.value,
                "failed_conditions": list(hint.failed_conditions),
            }
            for hint in option.hints
        ],
        "legal_basis": option.legal_basis,
        "debtor": option.debtor.value,
        "agreement_id": str(option.agreement_id) if option.agreement_id else None,
        "prior_authorisation_required": needs.authorisation or home_authorisation,
        "guarantee_required": needs.guarantee,
        "deposit_ratio": (
            None if needs.deposit_ratio is None else str(needs.deposit_ratio.normalize())
        ),
        "documents": list(option.documents),
    }


async def advise_case(uow: UnitOfWork, case: Case, on: date, default_deposit_ratio) -> dict:
    facts = await facts_for_case(uow, case, on)
    countries = await country_lists(uow)
    options = coverage_options(facts, countries)
    overnight = case.care_setting == CareSetting.INPATIENT
    return {
        "care": facts.care.value,
        "current_route": case.coverage.route.value if case.coverage.route else None,
        "options": [
            option_json(o, facts, default_deposit_ratio, countries, overnight) for o in options
        ],
    }
