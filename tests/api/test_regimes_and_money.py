"""The regimes refuse what the law refuses, and the money of a case adds up.

One test per refusal and capability of issue 12, each with the rule's legal source.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.api.conftest import authorisation, in_days, pay_deposit, register_patient
from tests.api.test_case_paths import act, new_case
from tests.api.test_letters import download, pdf_text

PARIS = ZoneInfo("Europe/Paris")  # Tourcoing's time zone in the test world
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]  # fmt: skip


def _fr(value: date) -> str:
    return f"{value.day} {FR_MONTHS[value.month - 1]} {value.year}"


def day(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).date().isoformat()


def xcd(amount: str) -> dict:
    return {"amount": amount, "currency": "XCD"}


async def create(world, referring: str, body: dict, expect: int = 201) -> dict:
    response = await world.post("/v1/cases", body, world.headers(referring, "referrer"), expect)
    return response.json()


# -- route applicability (Regulation 883/2004 Art. 2, 19, 20; Directive 2011/24 Art. 7) -----


async def test_s2_and_ehic_are_refused_for_a_dominica_resident_paid_by_saint_lucia(world):
    patient = await register_patient(world, "dominica", country="DM")
    for route, failed in (
        ("s2", ["insurance_country_in_eu_eea_ch", "payer_country_in_eu_eea_ch"]),
        (
            "ehic",
            ["insurance_country_in_eu_eea_ch", "payer_country_in_eu_eea_ch", "unplanned_care"],
        ),
    ):
        body = {
            "patient_id": patient["id"],
            "receiving_organization_id": world.orgs["chu_martinique"],
            "specialty": "cardiology",
            "coverage": {"route": route, "payer_organization_id": world.orgs["lc_ministry"]},
        }
        refused = await create(world, "dominica", body, 422)
        assert refused["code"] == "route_not_applicable"
        assert (refused["route"], refused["failed_conditions"]) == (route, failed)
        assert "883/2004" in refused["detail"]


async def test_a_coverage_change_to_a_route_that_cannot_apply_is_refused_and_changes_nothing(
    world,
):
    patient = await register_patient(world, "castries")
    case = await create(
        world,
        "castries",
        {
            "patient_id": patient["id"],
            "receiving_organization_id": world.orgs["chu_martinique"],
            "specialty": "cardiology",
            "coverage": {"route": "self_pay"},
        },
    )
    referrer = world.headers("castries", "referrer")
    response = await world.client.patch(
        f"/v1/cases/{case['id']}",
        json={"coverage": {"route": "eu_directive", "insurance_country": "LC"}},
        headers={**referrer, "If-Match": '"1"'},
    )
    assert response.status_code == 422, response.text
    assert response.json()["failed_conditions"] == [
        "insurance_country_in_eu_eea",
        "payer_country_in_eu_eea",
    ]
    unchanged = (await world.client.get(f"/v1/cases/{case['id']}", headers=referrer)).json()
    assert (unchanged["coverage"]["route"], unchanged["version"]) == ("self_pay", 1)


async def test_the_directive_needs_care_in_another_eea_state(world):
    # Directive 2011/24/EU Art. 3(e): cross-border healthcare, in another member state.
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="1000")
    french = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["tourcoing"],
        "specialty": "cardiology",
        "coverage": {"route": "eu_directive", "insurance_country": "FR"},
    }
    refused = await create(world, "mons_gp", french, 422)
    assert refused["failed_conditions"] == ["care_in_another_state"]
    belgian = {**french, "coverage": {"route": "eu_directive", "insurance_country": "BE"}}
    assert (await create(world, "mons_gp", belgian))["coverage"]["insurance_country"] == "BE"


# -- ZOAST ----------------------------------------------------------------------------------


async def test_zoast_payer_must_be_bound_and_the_mutuality_is_payer_of_record(world):
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["tourcoing"],
        "specialty": "cardiology",
        "clinical_summary": "Chest pain.",
        "coverage": {"route": "zoast", "payer_organization_id": world.orgs["lc_ministry"]},
    }
    refused = await create(world, "mons_gp", body, 422)
    assert refused["failed_conditions"] == ["payer_bound_by_agreement"]
    worker = {**body, "coverage": {"route": "zoast", "cross_border_worker": True}}
    refused = await create(world, "mons_gp", worker, 422)
    assert refused["failed_conditions"] == ["not_cross_border_worker"]
    case = await create(world, "mons_gp", {**body, "coverage": {"route": "zoast"}})
    assert case["payer_organization_id"] == world.orgs["mutuality"]
    assert case["coverage"]["agreement_id"] == world.agreements["zoast"]
    await act(world, case, "submit", None, world.headers("mons_gp", "referrer"))
    # The zone's mutuality sees the case from submission, and its timeline.
    mutuality = world.headers("mutuality", "payer")
    seen = await world.client.get(f"/v1/cases/{case['id']}", headers=mutuality)
    assert seen.status_code == 200 and seen.json()["status"] == "submitted"
    # No deposit, no prior authorisation: funding needs nothing else.
    await act(world, case, "accept", {"reason": "ok"}, world.headers("tourcoing", "coordinator"))
    funded = await act(world, case, "approve-funding", {}, mutuality)
    assert funded["status"] == "funding_approved"


# -- S2 validity ----------------------------------------------------------------------------


async def s2_case(world) -> dict:
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="1000")
    case = await new_case(
        world,
        "mons_gp",
        "tourcoing",
        patient,
        {"route": "s2", "payer_organization_id": world.orgs["mutuality"]},
    )
    await act(world, case, "submit", None, world.headers("mons_gp", "referrer"))
    await act(world, case, "accept", {"reason": "ok"}, world.headers("tourcoing", "coordinator"))
    return case


async def test_an_expired_s2_or_one_not_covering_the_planned_dates_does_not_fund(world):
    # Regulation 987/2009 Art. 26(1): the S2 states the period it covers.
    case = await s2_case(world)
    coordinator = world.headers("tourcoing", "coordinator")
    expired = {"reference": "S2-BE-2025", "valid_from": "2025-01-01", "valid_until": "2025-06-30"}
    refused = await act(
        world, case, "approve-funding", {"authorisation": expired}, coordinator, 422
    )
    assert refused["missing"] == ["authorisation_expired"]
    short = {"reference": "S2-BE-1", "valid_from": day(0), "valid_until": day(10)}
    planned = {"authorisation": short, "planned_start": day(5), "planned_end": day(20)}
    refused = await act(world, case, "approve-funding", planned, coordinator, 422)
    assert refused["missing"] == ["authorisation_covers_planned_dates"]
    planned["planned_end"] = day(9)
    assert (await act(world, case, "approve-funding", planned, coordinator))["status"] == (
        "funding_approved"
    )


async def test_an_s2_is_checked_on_arrival_and_extended_during_the_case(world):
    # EESSI S_BUC_09 (S035/S037): the competent institution extends an S2 during the stay.
    case = await s2_case(world)
    coordinator = world.headers("tourcoing", "coordinator")
    payer = world.headers("mutuality", "payer")
    s2 = {"reference": "S2-BE-7", "valid_from": day(-1), "valid_until": day(2)}
    await act(world, case, "approve-funding", {"authorisation": s2}, coordinator)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(1), "transport": "ground_ambulance"},
        coordinator,
    )
    late = await act(world, case, "record-arrival", {"arrived_at": in_days(-3)}, coordinator, 422)
    assert late["missing"] == ["authorisation_valid_on_arrival"]
    shorter = {"reference": "S2-BE-7B", "valid_from": day(-1), "valid_until": day(1)}
    refused = await act(world, case, "extend-authorisation", {"authorisation": shorter}, payer, 422)
    assert refused["missing"] == ["extends_validity"]
    longer = {"reference": "S2-BE-7B", "valid_from": day(-5), "valid_until": day(30)}
    extended = await act(world, case, "extend-authorisation", {"authorisation": longer}, payer)
    assert extended["status"] == "transfer_scheduled"
    assert extended["coverage"]["authorisation"]["reference"] == "S2-BE-7B"
    assert (await act(world, case, "record-arrival", {"arrived_at": in_days(-3)}, coordinator))[
        "status"
    ] == "arrived"


# -- agreement flags, estimates, guarantees -------------------------------------------------


async def cares_case(world) -> tuple[dict, str]:
    patient = await register_patient(world, "castries")
    case = await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {"route": "third_party_guarantee", "payer_organization_id": world.orgs["lc_ministry"]},
    )
    await act(world, case, "submit", None, world.headers("castries", "referrer"))
    await act(
        world, case, "accept", {"reason": "ok"}, world.headers("chu_martinique", "coordinator")
    )
    return case, f"/v1/cases/{case['id']}"


async def test_cares_flags_apply_an_estimate_adds_up_and_is_read_back(world):
    case, path = await cares_case(world)
    coordinator = world.headers("chu_martinique", "coordinator")
    payer = world.headers("lc_ministry", "payer")
    lines = [
        {"description": "Surgery", "amount": xcd("30000.00")},
        {"description": "Ward, 6 days", "amount": xcd("6000.00")},
    ]
    wrong = await world.post(
        f"{path}/estimates", {"total": xcd("38500.00"), "lines": lines}, coordinator, 422
    )
    assert wrong.json()["code"] == "lines_do_not_sum_to_total"
    issued = await world.post(f"{path}/estimates", {"lines": lines}, coordinator, 201)
    assert issued.json()["total"] == xcd("36000.00")
    read_back = await world.client.get(issued.headers["location"], headers=payer)
    assert read_back.status_code == 200 and read_back.json()["lines"] == lines
    listed = (await world.client.get(f"{path}/estimates", headers=payer)).json()
    assert [e["number"] for e in listed] == [1]
    # Eligibility says prior authorisation and a 50 % advance: approve-funding agrees.
    guarantee = {"reference": "MOH-LC-9", "amount": xcd("36000.00")}
    refused = await act(world, case, "approve-funding", {"guarantee": guarantee}, payer, 422)
    assert refused["missing"] == ["authorisation", "deposit"]
    await pay_deposit(world, path, coordinator, "18000.00", "XCD")
    funded = await act(
        world,
        case,
        "approve-funding",
        {"guarantee": guarantee, "authorisation": authorisation()},
        payer,
    )
    assert funded["status"] == "funding_approved"


async def test_a_usd_deposit_in_xcd_counts_at_the_peg_and_refunds_stay_in_received_currencies(
    world,
):
    _, path = await cares_case(world)
    coordinator = world.headers("chu_martinique", "coordinator")
    await world.post(
        f"{path}/estimates", {"total": {"amount": "10000.00", "currency": "USD"}}, coordinator, 201
    )
    # ECCB fixed parity: 13,500 XCD = 5,000 USD, exactly.
    deposit = await pay_deposit(world, path, coordinator, "13500.00", "XCD")
    assert deposit["counted_amount"] == {"amount": "5000.00", "currency": "USD"}
    assert deposit["exchange_rate"]["rate"] == "2.70"
    assert "ECCB" in deposit["exchange_rate"]["source"]
    euros = {
        "amount": {"amount": "100.00", "currency": "EUR"},
        "kind": "deposit",
        "payer": "patient",
        "received_at": in_days(0),
    }
    no_rate = await world.post(f"{path}/payments", euros, coordinator, 422)
    assert no_rate.json()["code"] == "exchange_rate_required"
    rated = {
        **euros,
        "exchange_rate": {"base": "EUR", "quote": "USD", "rate": "1.05", "source": "ECB 30 Nov"},
    }
    counted = (await world.post(f"{path}/payments", rated, coordinator, 201)).json()
    assert counted["counted_amount"] == {"amount": "105.00", "currency": "USD"}
    refund = {**euros, "kind": "refund", "amount": {"amount": "10.00", "currency": "GBP"}}
    refused = await world.post(f"{path}/payments", refund, coordinator, 422)
    assert refused.json()["code"] == "refund_currency_not_received"
    too_much = {**refund, "amount": xcd("13500.01")}
    refused = await world.post(f"{path}/payments", too_much, coordinator, 422)
    assert refused.json()["code"] == "refund_exceeds_received"
    payments = (await world.client.get(f"{path}/payments", headers=coordinator)).json()
    assert [p["amount"]["currency"] for p in payments] == ["XCD", "EUR"]
    balance = (await world.client.get(f"{path}/balance", headers=coordinator)).json()
    [usd] = balance["currencies"]
    assert (usd["currency"], usd["quoted"], usd["deposited"], usd["outstanding"]) == (
        "USD",
        "10000.00",
        "5105.00",
        "4895.00",
    )


async def discharged(world, case: dict, coordinator: dict) -> None:
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(1), "transport": "commercial_flight"},
        coordinator,
    )
    await act(world, case, "admit", {"admitted_at": in_days(-4), "unit": "ward"}, coordinator)
    await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(-1), "disposition": "home", "summary": "Well."},
        coordinator,
    )


async def test_a_claim_beyond_the_guarantee_is_refused_until_amended(world):
    case, path = await cares_case(world)
    coordinator = world.headers("chu_martinique", "coordinator")
    payer = world.headers("lc_ministry", "payer")
    await world.post(f"{path}/estimates", {"total": xcd("35000.00")}, coordinator, 201)
    await pay_deposit(world, path, coordinator, "17500.00", "XCD")
    guarantee = {"reference": "MOH-LC-35", "amount": xcd("35000.00")}
    await act(
        world,
        case,
        "approve-funding",
        {"guarantee": guarantee, "authorisation": authorisation()},
        payer,
    )
    await discharged(world, case, coordinator)
    claim = {"number": f"CHUM-{case['reference']}", "kind": "final", "total": xcd("41000.00")}
    refused = await world.post(f"{path}/claims", claim, coordinator, 422)
    assert refused.json()["code"] == "claim_exceeds_guarantee"
    amended = {"guarantee": {"reference": "MOH-LC-35-A1", "amount": xcd("41000.00")}}
    after = await act(world, case, "amend-guarantee", amended, payer)
    assert after["funding"]["guarantee"]["amount"] == xcd("41000.00")
    await world.post(f"{path}/claims", claim, coordinator, 201)


# -- patient invoices -----------------------------------------------------------------------


async def test_a_self_pay_case_is_invoiced_to_the_patient_closes_and_refunds_the_unused_deposit(
    world,
):
    referrer = world.headers("dominica", "referrer")
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    patient = await register_patient(world, "dominica", country="DM")
    case = await new_case(world, "dominica", "chu_guadeloupe", patient, {"route": "self_pay"})
    path = f"/v1/cases/{case['id']}"
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    await world.post(
        f"{path}/estimates", {"total": {"amount": "5000.00", "currency": "EUR"}}, coordinator, 201
    )
    await world.post(
        f"{path}/payments",
        {
            "amount": {"amount": "3000.00", "currency": "EUR"},
            "kind": "deposit",
            "payer": "patient",
            "received_at": in_days(0),
        },
        coordinator,
        201,
    )
    await act(world, case, "approve-funding", {}, coordinator)
    await discharged(world, case, coordinator)
    invoice = await world.post(
        f"{path}/claims",
        {
            "number": f"INV-{case['reference']}",
            "kind": "final",
            "lines": [{"description": "Stay", "amount": {"amount": "2600.00", "currency": "EUR"}}],
        },
        coordinator,
        201,
    )
    body = invoice.json()
    assert (body["debtor"], body["debtor_organization_id"], body["status"]) == (
        "patient",
        None,
        "paid",
    )
    assert body["payments"][0]["kind"] == "deposit_applied"
    balance = (await world.client.get(f"{path}/balance", headers=coordinator)).json()
    [eur] = balance["currencies"]
    assert (eur["claimed"], eur["outstanding"], eur["refund_due"]) == ("2600.00", "0.00", "400.00")
    await world.post(
        f"{path}/payments",
        {
            "amount": {"amount": "400.00", "currency": "EUR"},
            "kind": "refund",
            "payer": "patient",
            "received_at": in_days(0),
        },
        coordinator,
        201,
    )
    settled = (await world.client.get(f"{path}/balance", headers=coordinator)).json()
    assert settled["currencies"][0]["refund_due"] == "0.00"
    way_home = {"kind": "return_transport", "status": "not_needed"}
    await world.post(f"/v1/cases/{case['id']}/logistics-tasks", way_home, coordinator, 201)
    assert (await act(world, case, "close", None, coordinator))["status"] == "closed"


async def test_a_directive_invoice_is_the_patients_and_is_paid_in_instalments(world):
    # Directive 2011/24/EU Art. 7(4): the patient pays and is reimbursed at home.
    referrer = world.headers("mons_gp", "referrer")
    coordinator = world.headers("tourcoing", "coordinator")
    niss = f"61041200{datetime.now().microsecond:06d}"[:11]
    patient = await register_patient(
        world, "mons_gp", country="BE", postal_code="1000",
        identifier={"system": "niss", "value": niss},
    )  # fmt: skip
    case = await new_case(
        world, "mons_gp", "tourcoing", patient, {"route": "eu_directive", "insurance_country": "BE"}
    )
    path = f"/v1/cases/{case['id']}"
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    await world.post(
        f"{path}/estimates", {"total": {"amount": "1000.00", "currency": "EUR"}}, coordinator, 201
    )
    needs = await act(world, case, "approve-funding", {}, coordinator, 422)
    assert needs["missing"] == ["deposit"]  # no prior authorisation: the payer asks none
    await world.post(
        f"{path}/payments",
        {
            "amount": {"amount": "300.00", "currency": "EUR"},
            "kind": "deposit",
            "payer": "patient",
            "received_at": in_days(0),
        },
        coordinator,
        201,
    )
    await act(world, case, "approve-funding", {}, coordinator)
    await discharged(world, case, coordinator)
    claim = {"number": f"INV-{case['reference']}", "kind": "final"}
    to_payer = {**claim, "total": {"amount": "1200.00", "currency": "EUR"}}
    to_payer["debtor_organization_id"] = world.orgs["mutuality"]
    refused = await world.post(f"{path}/claims", to_payer, coordinator, 422)
    assert refused.json()["code"] == "patient_is_debtor"
    invoice = (
        await world.post(
            f"{path}/claims",
            {**claim, "total": {"amount": "1200.00", "currency": "EUR"}},
            coordinator,
            201,
        )
    ).json()
    assert (invoice["status"], invoice["paid_amount"]["amount"]) == ("partially_paid", "300.00")
    # The invoice the patient takes home (Art. 7(4)): paid and due, when the care was
    # given, the insured person's identifiers and the legal basis of the reimbursement.
    stay = (await world.client.get(path, headers=coordinator)).json()["stay"]
    admitted = datetime.fromisoformat(stay["admitted_at"]).astimezone(PARIS).date()
    discharged_on = datetime.fromisoformat(stay["discharged_at"]).astimezone(PARIS).date()
    for language, expected in (
        (
            "fr",
            [
                "Débiteur : le patient",
                "Déjà réglé : 300,00 EUR",
                "Reste à payer : 900,00 EUR",
                f"Soins reçus : du {_fr(admitted)} au {_fr(discharged_on)}",
                f"Identifiants d'assuré (NISS) : {niss}",
                "présentez cette facture acquittée",
                "Directive 2011/24/EU Art. 7 and 8",
            ],
        ),
        (
            "en",
            [
                "Debtor: the patient",
                "Already paid: EUR 300.00",
                "Balance due: EUR 900.00",
                f"Insured person's identifiers (NISS): {niss}",
                "send this receipted invoice",
            ],
        ),
    ):
        letter = await world.post(
            f"{path}/letters", {"kind": "itemised_invoice", "language": language}, coordinator, 201
        )
        text = pdf_text(await download(world, letter.json(), coordinator))
        for phrase in expected:
            assert phrase in text, (phrase, text)
    paid = await world.post(
        f"/v1/claims/{invoice['id']}/pay",
        {
            "amount": {"amount": "900.00", "currency": "EUR"},
            "paid_at": day(0),
            "reference": "CASH-1",
        },
        coordinator,
    )
    assert paid.json()["status"] == "paid"
    way_home = {"kind": "return_transport", "status": "not_needed"}
    await world.post(f"/v1/cases/{case['id']}/logistics-tasks", way_home, coordinator, 201)
    assert (await act(world, case, "close", None, coordinator))["status"] == "closed"
