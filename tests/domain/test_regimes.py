"""Each funding regime's conditions, with the legal source of each rule."""

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from app.domain.agreements import Agreement, ZoneEntry
from app.domain.funding import (
    Authorisation,
    FundingContext,
    FundingEvidence,
    Guarantee,
    check_funding,
    requirements_for,
)
from app.domain.money import Money
from app.domain.regimes import (
    COORDINATION,
    DEFAULT_COUNTRY_LISTS,
    DIRECTIVE,
    CareKind,
    CountryLists,
    CoverageFacts,
    Debtor,
    applicability,
    coverage_options,
    payer_of_record,
    state_of,
)
from app.domain.vocabulary import AgreementKind, CoverageRoute

R = CoverageRoute
TOURCOING = UUID(int=0xB2)
MUTUALITY = UUID(int=0xC3)
OTHER_INSURER = UUID(int=0xC4)
TODAY = date(2026, 3, 2)


def facts(**values) -> CoverageFacts:
    return CoverageFacts(**({"on": TODAY} | values))


def zoast(**changes) -> Agreement:
    values = {
        "id": UUID(int=1),
        "kind": AgreementKind.ZOAST,
        "receiving_organization_ids": frozenset({TOURCOING}),
        "payer_organization_ids": frozenset({MUTUALITY}),
        "zone": (ZoneEntry("BE", ("7000",), ("75",)),),
        "excluded_specialties": frozenset({"assisted_reproduction", "cosmetic_surgery"}),
        "prior_authorisation_required": False,
        "advance_payment_required": False,
        "deposit_ratio": None,
        "valid_from": date(2020, 1, 1),
        "valid_until": None,
    }
    return Agreement(**(values | changes))


def cares(**changes) -> Agreement:
    values = {
        "kind": AgreementKind.BILATERAL,
        "zone": (ZoneEntry("LC"),),
        "excluded_specialties": frozenset(),
        "prior_authorisation_required": True,
        "advance_payment_required": True,
        "deposit_ratio": Decimal("0.5"),
    }
    return zoast(**(values | changes))


# -- the country lists ----------------------------------------------------------------------


def test_the_coordination_area_is_the_eu_the_eea_and_switzerland():
    # Regulation 883/2004 (EU), EEA Agreement Annex VI, EU-Swiss AFMP Annex II.
    area = DEFAULT_COUNTRY_LISTS[COORDINATION]
    assert {"FR", "BE", "DE", "IS", "LI", "NO", "CH", "MQ", "GP"} <= area
    assert len(area - {"GP", "GF", "MQ", "RE", "YT", "MF", "AX"}) == 27 + 3 + 1
    # The OECS states and the United Kingdom are outside it.
    assert not {"LC", "DM", "GD", "VC", "AG", "KN", "GB", "US"} & area


def test_the_directive_area_is_the_eu_and_the_eea_without_switzerland():
    # Directive 2011/24/EU; EEA Joint Committee Decision 153/2014; not the EU-Swiss AFMP.
    assert "CH" not in DEFAULT_COUNTRY_LISTS[DIRECTIVE]
    assert {"NO", "IS", "LI", "FR", "MQ"} <= DEFAULT_COUNTRY_LISTS[DIRECTIVE]


def test_outermost_regions_are_their_state():
    # TFEU Art. 349 and 355(1): Martinique and Guadeloupe are France.
    assert state_of("MQ") == state_of("gp") == "FR"
    assert state_of("BE") == "BE"


def test_an_edited_list_changes_the_answer():
    # Platform admins edit the lists: a state joining the area is data, not code.
    edited = CountryLists({**DEFAULT_COUNTRY_LISTS, COORDINATION: frozenset({"LC", "MQ"})})
    case = facts(insurance_country="LC", payer_country="LC", provider_country="MQ")
    assert applicability(R.S2, case) != []
    assert applicability(R.S2, case, edited) == []


# -- S2 -------------------------------------------------------------------------------------


def test_s2_is_refused_outside_the_coordination_area():
    # Regulation 883/2004 Art. 2 and 20: only persons insured in a member state.
    dominica = facts(insurance_country="DM", payer_country="LC", provider_country="MQ")
    assert applicability(R.S2, dominica) == [
        "insurance_country_in_eu_eea_ch",
        "payer_country_in_eu_eea_ch",
    ]


def test_s2_applies_to_planned_care_in_another_state():
    # Regulation 883/2004 Art. 20(1): authorised travel to receive treatment abroad.
    belgian = facts(insurance_country="BE", payer_country="BE", provider_country="MQ")
    assert applicability(R.S2, belgian) == []
    french = facts(insurance_country="FR", payer_country="FR", provider_country="MQ")
    assert applicability(R.S2, french) == ["care_in_another_state"]
    unplanned = facts(
        insurance_country="BE", payer_country="BE", provider_country="FR", care=CareKind.UNPLANNED
    )
    assert applicability(R.S2, unplanned) == ["planned_care"]


def test_unknown_facts_wait_unless_complete():
    assert applicability(R.S2, facts(provider_country="FR")) == []
    assert applicability(R.S2, facts(provider_country="FR"), complete=True) == [
        "insurance_country_in_eu_eea_ch",
        "payer_country_in_eu_eea_ch",
    ]


def s2_evidence(valid_from, valid_until, start=None, end=None) -> FundingEvidence:
    return FundingEvidence(
        authorisation=Authorisation("S2-BE-1", valid_from, valid_until),
        planned_start=start,
        planned_end=end,
    )


def test_an_expired_s2_does_not_fund():
    # Regulation 987/2009 Art. 26(1): the document states the period it covers.
    evidence = s2_evidence(date(2025, 1, 1), date(2025, 6, 30))
    assert check_funding(R.S2, evidence, FundingContext(today=TODAY)) == ["authorisation_expired"]


def test_an_s2_must_cover_the_planned_dates():
    evidence = s2_evidence(date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 20), date(2026, 4, 5))
    assert check_funding(R.S2, evidence, FundingContext(today=TODAY)) == [
        "authorisation_covers_planned_dates"
    ]
    inside = s2_evidence(date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 20), date(2026, 3, 25))
    assert check_funding(R.S2, inside, FundingContext(today=TODAY)) == []


def test_s2_never_asks_a_deposit_even_if_an_agreement_does():
    # Regulation 883/2004 Art. 20(2) and 987/2009 Art. 35: care as if insured there, the
    # institutions settle between themselves.
    needs = requirements_for(R.S2, cares())
    assert (needs.authorisation, needs.deposit_ratio, needs.debtor) == (
        True,
        None,
        Debtor.PLACE_OF_STAY_INSTITUTION,
    )


# -- EHIC -----------------------------------------------------------------------------------


def test_ehic_is_for_unplanned_care_only():
    # Regulation 883/2004 Art. 19(1); Regulation 987/2009 Art. 25: care that becomes
    # necessary during a stay; a referral from abroad is planned care.
    planned = facts(insurance_country="BE", payer_country="BE", provider_country="FR")
    assert applicability(R.EHIC, planned) == ["unplanned_care"]
    unplanned = facts(
        insurance_country="BE", payer_country="BE", provider_country="FR", care=CareKind.UNPLANNED
    )
    assert applicability(R.EHIC, unplanned) == []


def test_ehic_is_refused_for_an_oecs_patient():
    lucian = facts(
        insurance_country="LC", payer_country="LC", provider_country="MQ", care=CareKind.UNPLANNED
    )
    assert applicability(R.EHIC, lucian) == [
        "insurance_country_in_eu_eea_ch",
        "payer_country_in_eu_eea_ch",
    ]


def test_ehic_needs_no_deposit_and_no_authorisation_whatever_the_agreement():
    needs = requirements_for(R.EHIC, cares())
    assert (needs.authorisation, needs.deposit_ratio, needs.guarantee) == (False, None, False)


# -- Directive 2011/24 ----------------------------------------------------------------------


def test_directive_patient_is_the_debtor():
    # Directive 2011/24/EU Art. 7(4): the patient pays and is reimbursed at home.
    assert requirements_for(R.EU_DIRECTIVE, None).debtor == Debtor.PATIENT


def test_directive_does_not_reach_switzerland_or_the_oecs():
    swiss = facts(insurance_country="CH", payer_country="CH", provider_country="FR")
    assert applicability(R.EU_DIRECTIVE, swiss) == [
        "insurance_country_in_eu_eea",
        "payer_country_in_eu_eea",
    ]
    assert "provider_country_in_eu_eea" in applicability(
        R.EU_DIRECTIVE, facts(insurance_country="BE", provider_country="LC")
    )
    # The Directive covers unplanned care too (Art. 7(1)).
    assert (
        applicability(
            R.EU_DIRECTIVE,
            facts(insurance_country="BE", provider_country="FR", care=CareKind.UNPLANNED),
        )
        == []
    )


def test_directive_prior_authorisation_only_where_the_payer_requires_it():
    # Directive 2011/24/EU Art. 8(1)-(2): the state of affiliation may require it.
    assert requirements_for(R.EU_DIRECTIVE, None).authorisation is False
    rules = zoast(kind=AgreementKind.EU_DIRECTIVE, prior_authorisation_required=True)
    assert requirements_for(R.EU_DIRECTIVE, rules).authorisation is True


# -- ZOAST ----------------------------------------------------------------------------------


def zoast_facts(**values) -> CoverageFacts:
    base = {
        "receiving_organization_id": TOURCOING,
        "residence_country": "BE",
        "residence_postal_code": "7500",
        "specialty": "cardiology",
        "agreements": (zoast(),),
    }
    return facts(**(base | values))


def test_zoast_needs_residence_in_the_zone():
    # Accord-cadre franco-belge 2005 Art. 2 and the ZOAST conventions: habitual residence.
    assert applicability(R.ZOAST, zoast_facts()) == []
    assert applicability(R.ZOAST, zoast_facts(residence_postal_code="1000")) == [
        "residence_in_zone"
    ]


def test_zoast_insurer_must_be_bound_by_the_agreement():
    # The conventions bind named insurers (mutualities); another is not a party.
    assert applicability(R.ZOAST, zoast_facts(payer_organization_id=OTHER_INSURER)) == [
        "payer_bound_by_agreement"
    ]
    assert applicability(R.ZOAST, zoast_facts(payer_organization_id=MUTUALITY)) == []


def test_zoast_excludes_cross_border_workers_and_listed_specialties():
    # ZOAST conventions: frontier workers keep their own rights (Reg. 883/2004 Art. 18);
    # assisted reproduction and cosmetic surgery are outside the conventions.
    assert applicability(R.ZOAST, zoast_facts(cross_border_worker=True)) == [
        "not_cross_border_worker"
    ]
    assert applicability(R.ZOAST, zoast_facts(specialty="Assisted_Reproduction")) == [
        "specialty_not_excluded"
    ]


def test_zoast_receiver_and_agreement_in_force():
    assert applicability(R.ZOAST, zoast_facts(receiving_organization_id=UUID(int=9))) == [
        "receiver_bound_by_agreement"
    ]
    assert applicability(R.ZOAST, zoast_facts(agreements=())) == ["zoast_agreement"]
    ended = zoast(valid_until=date(2025, 12, 31))
    assert applicability(R.ZOAST, zoast_facts(agreements=(ended,))) == ["agreement_in_force"]


def test_zoast_mutuality_is_the_payer_of_record():
    # The hospital bills the insurer through the zone's mutuality.
    assert payer_of_record(R.ZOAST, zoast_facts()) == MUTUALITY
    assert payer_of_record(R.S2, facts()) is None


def test_zoast_no_deposit_no_prior_authorisation_even_if_flagged():
    flagged = zoast(prior_authorisation_required=True, advance_payment_required=True)
    needs = requirements_for(R.ZOAST, flagged)
    assert (needs.authorisation, needs.deposit_ratio) == (False, None)


# -- agreement flags on every route --------------------------------------------------------


def test_agreement_flags_apply_to_a_guarantee_route():
    # CARES Saint Lucia: prior authorisation and a 50 % advance, on top of the guarantee.
    estimate = Money.parse("35000.00", "XCD")
    context = FundingContext(
        latest_estimate_total=estimate,
        agreement=cares(),
        today=TODAY,
        payments_received=Money.parse("10000.00", "XCD"),
    )
    evidence = FundingEvidence(guarantee=Guarantee("MOH-1", estimate))
    assert check_funding(R.THIRD_PARTY_GUARANTEE, evidence, context) == [
        "authorisation",
        "deposit",
    ]
    complete = FundingEvidence(
        guarantee=Guarantee("MOH-1", estimate),
        authorisation=Authorisation("MOH-PA-9", date(2026, 1, 1), date(2026, 12, 31)),
    )
    paid = FundingContext(
        latest_estimate_total=estimate,
        agreement=cares(),
        today=TODAY,
        payments_received=Money.parse("17500.00", "XCD"),
    )
    assert check_funding(R.THIRD_PARTY_GUARANTEE, complete, paid) == []


def test_the_agreement_ratio_sets_a_self_pay_deposit():
    assert requirements_for(R.SELF_PAY, cares()).deposit_ratio == Decimal("0.5")
    assert requirements_for(R.SELF_PAY, None).deposit_ratio == Decimal("0.3")


# -- the route advisor ----------------------------------------------------------------------


def test_the_advisor_lists_every_route_with_reasons_and_documents():
    options = {
        o.route: o
        for o in coverage_options(zoast_facts(insurance_country="BE", provider_country="FR"))
    }
    assert set(options) == set(CoverageRoute)
    assert options[R.ZOAST].applicable and options[R.ZOAST].agreement_id == UUID(int=1)
    assert options[R.S2].applicable
    assert options[R.EHIC].failed_conditions == ("unplanned_care",)
    assert "s2_portable_document" in options[R.S2].documents
    assert options[R.SELF_PAY].debtor == Debtor.PATIENT


@pytest.mark.parametrize("route", list(CoverageRoute))
def test_every_route_has_a_legal_basis(route):
    [option] = coverage_options(facts(), routes=[route])
    assert option.legal_basis
