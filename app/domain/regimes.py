"""Funding regimes as data: which law each coverage route rests on, and when it can apply.

Each route is a legal regime with conditions on the patient's insurance country, the
payer's country, the receiving provider's country, the kind of care (planned or
unplanned) and, for a ZOAST, the zone agreement. `applicability()` answers which
conditions fail for a case's facts; `coverage_options()` answers it for every route,
with what each route needs (the route advisor).

The country lists are defaults: platform admins edit them (the service loads the stored
lists into a `CountryLists` and passes it in), so a change in membership is data, not code.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from uuid import UUID

from .agreements import Agreement
from .vocabulary import AgreementKind, CoverageRoute, RouteVerdict


class CareKind(StrEnum):
    """Planned care is what the patient travels for; unplanned care becomes necessary
    during a stay. The journey decides it from the case's origin (a referral is planned,
    an emergency presentation is not)."""

    PLANNED = "planned"
    UNPLANNED = "unplanned"


class Debtor(StrEnum):
    """Who owes the receiving provider."""

    PAYER = "payer"  # the payer organisation (an insurer, a ministry, a mutuality)
    PATIENT = "patient"  # the patient, reimbursed at home or not at all
    # EU coordination, benefits in kind: the institution of the place of stay (a
    # `liaison_body` organisation) provides the care on behalf of the competent institution
    # and is billed for it; it claims the actual cost back from the competent institution
    # (Reg. 883/2004 Art. 19(1), 20(2), 35; Reg. 987/2009 Art. 25, 26, 62-69). The patient
    # owes only the local patient share, invoiced apart (a patient invoice).
    PLACE_OF_STAY_INSTITUTION = "place_of_stay_institution"


# The EU member states (TFEU Art. 52 TEU), with the outermost regions that carry their own
# ISO 3166 code (TFEU Art. 349: Guadeloupe, French Guiana, Martinique, Réunion, Mayotte,
# Saint-Martin) and Åland (Finland, Protocol 2 of the 1994 Act of Accession).
# fmt: off
EU_MEMBER_STATES: frozenset[str] = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
# fmt: on
EU_TERRITORIES: Mapping[str, str] = {
    "GP": "FR",
    "GF": "FR",
    "MQ": "FR",
    "RE": "FR",
    "YT": "FR",
    "MF": "FR",
    "AX": "FI",
}
# EEA EFTA states (EEA Agreement, Annex VI for social security, Annex X for the Directive).
EEA_EFTA_STATES: frozenset[str] = frozenset({"IS", "LI", "NO"})

# Regulation (EC) 883/2004 applies in the EU, the EEA (Annex VI of the EEA Agreement) and
# Switzerland (the EU-Swiss Agreement on the Free Movement of Persons, Annex II).
COORDINATION = "eu_eea_ch"
# Directive 2011/24/EU applies in the EU and the EEA (EEA Joint Committee Decision
# 153/2014), not in Switzerland.
DIRECTIVE = "eu_eea"

# The states of affiliation whose law makes cross-border care under the Directive subject
# to prior authorisation (Directive 2011/24 Art. 8(1)-(2)): hospital care with at least one
# night, or highly specialised and cost-intensive equipment. A state chooses to have such a
# system (Art. 8(1) "may provide"); the Commission's report on the operation of the
# Directive (COM(2015) 421) found none in Belgium, the Czech Republic, Estonia, Finland,
# Lithuania, the Netherlands and Sweden. A default only: platform admins keep the stored
# list in step with each state's law (a state's territories follow it, `state_of`).
DIRECTIVE_PRIOR_AUTHORISATION = "directive_prior_authorisation"
STATES_WITHOUT_DIRECTIVE_PRIOR_AUTHORISATION = frozenset({"BE", "CZ", "EE", "FI", "LT", "NL", "SE"})

DEFAULT_COUNTRY_LISTS: Mapping[str, frozenset[str]] = {
    COORDINATION: EU_MEMBER_STATES | frozenset(EU_TERRITORIES) | EEA_EFTA_STATES | {"CH"},
    DIRECTIVE: EU_MEMBER_STATES | frozenset(EU_TERRITORIES) | EEA_EFTA_STATES,
    DIRECTIVE_PRIOR_AUTHORISATION: (EU_MEMBER_STATES | EEA_EFTA_STATES)
    - STATES_WITHOUT_DIRECTIVE_PRIOR_AUTHORISATION,
}

COUNTRY_LIST_TITLES: Mapping[str, str] = {
    COORDINATION: "EU, EEA and Switzerland (Regulation 883/2004 and 987/2009)",
    DIRECTIVE: "EU and EEA (Directive 2011/24/EU)",
    DIRECTIVE_PRIOR_AUTHORISATION: (
        "States of affiliation requiring prior authorisation for hospital care "
        "(Directive 2011/24/EU Art. 8)"
    ),
}


def state_of(country: str) -> str:
    """The state a territory belongs to: Martinique is France for the regimes."""
    code = country.strip().upper()
    return EU_TERRITORIES.get(code, code)


@dataclass(frozen=True)
class CountryLists:
    """The regime country lists in force (defaults, or what platform admins stored)."""

    lists: Mapping[str, frozenset[str]] = field(default_factory=lambda: DEFAULT_COUNTRY_LISTS)

    def contains(self, name: str, country: str) -> bool:
        return country.strip().upper() in self.lists.get(name, frozenset())

    def contains_state(self, name: str, country: str) -> bool:
        """The country, or the state it is a territory of, is in the list."""
        return self.contains(name, country) or self.contains(name, state_of(country))


@dataclass(frozen=True)
class Regime:
    """One route's law, as data. None in a country condition: any country."""

    route: CoverageRoute
    legal_basis: str
    insurance_countries: str | None = None
    payer_countries: str | None = None
    provider_countries: str | None = None
    # The insured person's state differs from the provider's (cross-border care).
    cross_border: bool = False
    care: frozenset[CareKind] = frozenset(CareKind)
    debtor: Debtor = Debtor.PAYER
    # An agreement of this kind must bind the receiver, the payer and the residence.
    agreement_kind: AgreementKind | None = None
    # What funding always needs under this regime.
    authorisation: bool = False
    guarantee: bool = False
    deposit: bool = False
    # What the regime forbids whatever an agreement says (the law wins over a flag).
    authorisation_forbidden: bool = False
    deposit_forbidden: bool = False
    documents: tuple[str, ...] = ()
    # A guarantee capped at its amount and valid for stated dates: the guarantor pays up to
    # the cap for care within the dates, the patient owes the excess (a travel insurer's
    # guarantee of payment). Otherwise a guarantee must cover the whole estimate.
    guarantee_capped: bool = False
    # The payer organisation (the guarantor) must be named on the coverage.
    payer_named: bool = False
    # The route rests on a corridor agreement: a case under it names one, or is placed in
    # the only one that applies (DESIGN.md "a case whose facts fit exactly one agreement").
    corridor_agreement: bool = False
    # The country list of the states of affiliation that make this route's planned
    # hospital care subject to their prior authorisation (`prior_authorisation_required`).
    prior_authorisation_states: str | None = None
    # Claims under it follow the EU coordination's deadlines (Reg. 987/2009 Art. 67:
    # `app/domain/claims.py` `claim_deadlines`).
    coordination_deadlines: bool = False
    # The patient's invoice is reimbursed by the state of affiliation (Directive 2011/24
    # Art. 7(4)): its submission at home and the answer are tracked on the invoice.
    reimbursed_at_home: bool = False


REGIMES: Mapping[CoverageRoute, Regime] = {
    # Regulation 883/2004 Art. 20 (scheduled treatment, portable document S2, formerly
    # E112); Regulation 987/2009 Art. 26. Care on the treating state's terms: the
    # institution of the place of stay bills the competent institution (Art. 35), so the
    # patient pays no deposit.
    CoverageRoute.S2: Regime(
        route=CoverageRoute.S2,
        debtor=Debtor.PLACE_OF_STAY_INSTITUTION,
        legal_basis="Regulation (EC) 883/2004 Art. 20; Regulation (EC) 987/2009 Art. 26",
        insurance_countries=COORDINATION,
        payer_countries=COORDINATION,
        provider_countries=COORDINATION,
        cross_border=True,
        care=frozenset({CareKind.PLANNED}),
        authorisation=True,
        deposit_forbidden=True,
        documents=("s2_portable_document", "identity_document"),
        coordination_deadlines=True,
    ),
    # Regulation 883/2004 Art. 19 (benefits in kind during a stay), Regulation 987/2009
    # Art. 25: medically necessary care during a temporary stay, never care the patient
    # travelled for. No prior authorisation, no deposit (same terms as the local insured).
    CoverageRoute.EHIC: Regime(
        route=CoverageRoute.EHIC,
        debtor=Debtor.PLACE_OF_STAY_INSTITUTION,
        legal_basis="Regulation (EC) 883/2004 Art. 19; Regulation (EC) 987/2009 Art. 25",
        insurance_countries=COORDINATION,
        payer_countries=COORDINATION,
        provider_countries=COORDINATION,
        cross_border=True,
        care=frozenset({CareKind.UNPLANNED}),
        authorisation_forbidden=True,
        deposit_forbidden=True,
        documents=("ehic_or_provisional_replacement_certificate", "identity_document"),
        coordination_deadlines=True,
    ),
    # Directive 2011/24/EU Art. 7: the patient pays the provider and is reimbursed at home
    # at home tariffs; Art. 8(1)-(2): prior authorisation only where the state of
    # affiliation requires it (overnight stay, highly specialised equipment).
    CoverageRoute.EU_DIRECTIVE: Regime(
        route=CoverageRoute.EU_DIRECTIVE,
        legal_basis="Directive 2011/24/EU Art. 7 and 8",
        insurance_countries=DIRECTIVE,
        payer_countries=DIRECTIVE,
        provider_countries=DIRECTIVE,
        cross_border=True,
        debtor=Debtor.PATIENT,
        deposit=True,
        documents=("itemised_invoice", "proof_of_payment", "medical_report", "identity_document"),
        prior_authorisation_states=DIRECTIVE_PRIOR_AUTHORISATION,
        reimbursed_at_home=True,
    ),
    # The Franco-Belgian framework agreement of 30 September 2005 and its ZOAST
    # conventions: residence in the zone and statutory insurance with a bound insurer;
    # no prior authorisation, no advance payment; the hospital bills the insurer through
    # the zone's mutuality (E112/S2 issued afterwards). Cross-border workers and listed
    # specialties are excluded by the conventions.
    CoverageRoute.ZOAST: Regime(
        route=CoverageRoute.ZOAST,
        legal_basis="Accord-cadre franco-belge du 30 septembre 2005; conventions ZOAST",
        agreement_kind=AgreementKind.ZOAST,
        authorisation_forbidden=True,
        deposit_forbidden=True,
        documents=("statutory_insurance_card", "proof_of_residence_in_zone"),
        # The zone's mutuality recovers the cost through the coordination (an S2 issued
        # afterwards), on its deadlines.
        coordination_deadlines=True,
    ),
    # A contract: a ministry (the CARES corridor's Caribbean ministries of health) or an
    # employer guarantees payment of the estimate in writing, under the corridor's
    # agreement with the receiving hospital.
    CoverageRoute.THIRD_PARTY_GUARANTEE: Regime(
        route=CoverageRoute.THIRD_PARTY_GUARANTEE,
        legal_basis="Contract (letter of guarantee)",
        guarantee=True,
        documents=("letter_of_guarantee", "estimate"),
        corridor_agreement=True,
    ),
    # A contract of insurance (travel or assistance cover): the insurer's guarantee of
    # payment (GOP) to the hospital, for planned or unplanned care, up to a cap and for the
    # dates it states; the hospital bills the insurer up to the cap and the patient for the
    # rest (the policy's excess and what exceeds its limits). No corridor agreement: the
    # insurer answers case by case (Directive 2009/138/EC Annex I, class 18 "assistance",
    # for the insurer; the guarantee itself is private law).
    CoverageRoute.INSURER_GUARANTEE: Regime(
        route=CoverageRoute.INSURER_GUARANTEE,
        legal_basis="Contract of insurance (travel or assistance insurer's guarantee of payment)",
        guarantee=True,
        guarantee_capped=True,
        payer_named=True,
        documents=("guarantee_of_payment", "insurance_policy", "identity_document"),
    ),
    # The patient pays: the hospital's own terms (an advance on the estimate).
    CoverageRoute.SELF_PAY: Regime(
        route=CoverageRoute.SELF_PAY,
        legal_basis="Contract with the patient",
        debtor=Debtor.PATIENT,
        deposit=True,
        documents=("estimate", "proof_of_payment"),
    ),
}


@dataclass(frozen=True)
class CoverageFacts:
    """What is known of a case (or a prospective patient) when a route is weighed.
    None: not known yet; such a condition is left for later unless `complete`."""

    insurance_country: str | None = None
    payer_organization_id: UUID | None = None
    payer_country: str | None = None
    receiving_organization_id: UUID | None = None
    provider_country: str | None = None
    residence_country: str | None = None
    residence_postal_code: str | None = None
    # The patient's nationality: never a condition, only a hint to the insuring state.
    nationality: str | None = None
    specialty: str | None = None
    care: CareKind = CareKind.PLANNED
    cross_border_worker: bool = False
    on: date | None = None
    # The agreement the coverage names, if any, and the agreements that could apply.
    agreement: Agreement | None = None
    agreements: tuple[Agreement, ...] = ()


def applicability(
    route: CoverageRoute,
    facts: CoverageFacts,
    countries: CountryLists | None = None,
    *,
    complete: bool = False,
) -> list[str]:
    """The conditions of `route` that `facts` fail, by name; empty when it can apply."""
    regime = REGIMES[CoverageRoute(route)]
    countries = countries or CountryLists()
    failed: list[str] = []

    def in_list(condition_prefix: str, name: str | None, country: str | None) -> None:
        if name is None:
            return
        if country is None:
            if complete:
                failed.append(f"{condition_prefix}_in_{name}")
        elif not countries.contains(name, country):
            failed.append(f"{condition_prefix}_in_{name}")

    in_list("insurance_country", regime.insurance_countries, facts.insurance_country)
    in_list("payer_country", regime.payer_countries, facts.payer_country)
    in_list("provider_country", regime.provider_countries, facts.provider_country)
    if (
        regime.cross_border
        and facts.insurance_country
        and facts.provider_country
        and state_of(facts.insurance_country) == state_of(facts.provider_country)
    ):
        failed.append("care_in_another_state")
    if facts.care not in regime.care:
        failed.append(f"{next(iter(regime.care))}_care")
    if regime.payer_named and facts.payer_organization_id is None and complete:
        failed.append("payer_organization")
    if regime.agreement_kind is not None:
        failed.extend(_agreement_conditions(regime.agreement_kind, facts, complete))
    return failed


def prior_authorisation_required(
    route: CoverageRoute | None,
    insurance_country: str | None,
    care: CareKind,
    overnight: bool,
    countries: CountryLists | None = None,
) -> bool:
    """Directive 2011/24 Art. 8(2)(a): the state of affiliation may make planned care that
    involves at least one night in hospital subject to its prior authorisation; where its
    law does (the route's country list), the case needs the authorisation granted before
    it is funded or the patient travels (Art. 8(1), 9). Unplanned care is never planned in
    advance, so never authorised in advance. Highly specialised equipment (Art.
    8(2)(a)(ii)) is not a fact the case carries: day cases are left to the office."""
    if route is None:
        return False
    regime = REGIMES[CoverageRoute(route)]
    if regime.prior_authorisation_states is None or insurance_country is None:
        return False
    if care != CareKind.PLANNED or not overnight:
        return False
    countries = countries or CountryLists()
    return countries.contains_state(regime.prior_authorisation_states, insurance_country)


def zone_agreement(facts: CoverageFacts, kind: AgreementKind) -> Agreement | None:
    """The agreement that applies to these facts (the named one, or the first that binds
    everything known), or None."""
    candidates = [facts.agreement] if facts.agreement is not None else list(facts.agreements)
    for agreement in candidates:
        if not _agreement_failures(agreement, kind, facts, complete=False):
            return agreement
    return None


def _agreement_conditions(kind: AgreementKind, facts: CoverageFacts, complete: bool) -> list[str]:
    candidates = [facts.agreement] if facts.agreement is not None else list(facts.agreements)
    if not candidates:
        return [f"{kind}_agreement"]
    # Report the conditions of the closest candidate: the one that fails fewest.
    failures = [_agreement_failures(a, kind, facts, complete) for a in candidates]
    return min(failures, key=len)


def _agreement_failures(
    agreement: Agreement, kind: AgreementKind, facts: CoverageFacts, complete: bool
) -> list[str]:
    failed: list[str] = []
    if agreement.kind != kind:
        return [f"{kind}_agreement"]
    if facts.on is not None and not agreement.is_active(facts.on):
        failed.append("agreement_in_force")
    if facts.receiving_organization_id is not None:
        if facts.receiving_organization_id not in agreement.receiving_organization_ids:
            failed.append("receiver_bound_by_agreement")
    elif complete:
        failed.append("receiver_bound_by_agreement")
    if facts.residence_country is None and not complete:
        pass
    elif not agreement.covers_residence(facts.residence_country, facts.residence_postal_code):
        failed.append("residence_in_zone")
    if (
        facts.payer_organization_id is not None
        and agreement.payer_organization_ids
        and facts.payer_organization_id not in agreement.payer_organization_ids
    ):
        failed.append("payer_bound_by_agreement")
    if agreement.excludes(facts.specialty):
        failed.append("specialty_not_excluded")
    if facts.cross_border_worker:
        failed.append("not_cross_border_worker")
    return failed


def payer_of_record(route: CoverageRoute, facts: CoverageFacts) -> UUID | None:
    """Who the case's claims go to when the coverage names no payer: a ZOAST's mutuality
    (the agreement's one payer organisation); otherwise nobody is presumed."""
    regime = REGIMES[CoverageRoute(route)]
    if regime.agreement_kind is None:
        return facts.payer_organization_id
    if facts.payer_organization_id is not None:
        return facts.payer_organization_id
    agreement = zone_agreement(facts, regime.agreement_kind)
    if agreement is not None and len(agreement.payer_organization_ids) == 1:
        return next(iter(agreement.payer_organization_ids))
    return None


def missing_facts(route: CoverageRoute, facts: CoverageFacts) -> list[str]:
    """The facts a route's conditions need that are not known (by the case field that
    would give them). Regulation 883/2004 Art. 1(q) and (s): the competent state is the
    state of insurance, not of residence or nationality, so neither stands in for it."""
    regime = REGIMES[CoverageRoute(route)]
    needed: list[str] = []
    if (regime.insurance_countries or regime.cross_border) and facts.insurance_country is None:
        needed.append("insurance_country")
    # No payer country needed: without a payer organisation, the institution is presumed
    # of the insuring state (Reg. 987/2009 Art. 26: the competent institution issues the S2).
    if (regime.provider_countries or regime.cross_border) and facts.provider_country is None:
        needed.append("receiving_organization_id")
    if regime.agreement_kind is not None:
        if facts.receiving_organization_id is None:
            needed.append("receiving_organization_id")
        if facts.residence_country is None:
            needed.append("residence_country")
    if regime.payer_named and facts.payer_organization_id is None:
        needed.append("payer_organization_id")
    return list(dict.fromkeys(needed))


@dataclass(frozen=True)
class Hint:
    """What a route's answer would be if an unknown fact were presumed from another one
    (the insuring state from the residence or the nationality): advice, never a decision."""

    fact: str
    presumed_from: str
    value: str
    verdict: RouteVerdict
    failed_conditions: tuple[str, ...]


# Facts the patient's record suggests for an unknown insuring state, in this order.
INSURANCE_HINTS = ("residence_country", "nationality")


def hints_for(
    route: CoverageRoute, facts: CoverageFacts, countries: CountryLists | None = None
) -> list[Hint]:
    if facts.insurance_country is not None:
        return []
    hints = []
    for source in INSURANCE_HINTS:
        value = getattr(facts, source)
        if value is None:
            continue
        presumed = replace(
            facts, insurance_country=value, payer_country=facts.payer_country or value
        )
        failed = applicability(route, presumed, countries)
        verdict = (
            RouteVerdict.NOT_APPLICABLE
            if failed
            else RouteVerdict.UNDETERMINED
            if missing_facts(route, presumed)
            else RouteVerdict.APPLICABLE
        )
        hints.append(Hint("insurance_country", source, value, verdict, tuple(failed)))
    return hints


@dataclass(frozen=True)
class RouteOption:
    """One line of the route advisor."""

    route: CoverageRoute
    applicable: bool
    failed_conditions: tuple[str, ...]
    legal_basis: str
    debtor: Debtor
    documents: tuple[str, ...]
    agreement_id: UUID | None
    verdict: RouteVerdict = RouteVerdict.APPLICABLE
    missing_facts: tuple[str, ...] = ()
    hints: tuple[Hint, ...] = ()


def coverage_options(
    facts: CoverageFacts,
    countries: CountryLists | None = None,
    routes: Iterable[CoverageRoute] = tuple(CoverageRoute),
) -> list[RouteOption]:
    """Every route with one of three answers: applicable; not applicable, with the
    conditions that fail; or undetermined, with the facts it needs and what residence and
    nationality would suggest."""
    options = []
    for route in routes:
        regime = REGIMES[route]
        failed = applicability(route, facts, countries)
        missing = missing_facts(route, facts)
        verdict = (
            RouteVerdict.NOT_APPLICABLE
            if failed
            else RouteVerdict.UNDETERMINED
            if missing
            else RouteVerdict.APPLICABLE
        )
        agreement = zone_agreement(facts, regime.agreement_kind) if regime.agreement_kind else None
        options.append(
            RouteOption(
                route=route,
                applicable=verdict == RouteVerdict.APPLICABLE,
                failed_conditions=tuple(failed),
                legal_basis=regime.legal_basis,
                debtor=regime.debtor,
                documents=regime.documents,
                agreement_id=agreement.id if agreement else None,
                verdict=verdict,
                missing_facts=tuple(missing) if verdict == RouteVerdict.UNDETERMINED else (),
                hints=tuple(hints_for(route, facts, countries)) if missing else (),
            )
        )
    return options
