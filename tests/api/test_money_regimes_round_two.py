"""Issue 24, items 5-8, over HTTP as the office, the ministry, the insurer and the
mutuality would: an emergency moved first and funded later; a walk-in under a travel
insurer's guarantee of payment; a case placed in the only corridor its facts fit; the
route advisor's three answers; and the smaller rules that came with them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import text

from tests.api.conftest import authorisation, in_days, pay_deposit, register_patient
from tests.api.test_case_paths import act, new_case
from tests.conftest import SYSTEM_CONTEXT

MIGRATION = (
    Path(__file__).parents[2] / "migrations/versions/2026_12_06_i24_case_agreement_placed.py"
)
MINISTRY_COVERAGE = {"route": "third_party_guarantee"}


def cares(world) -> dict:
    return {**MINISTRY_COVERAGE, "payer_organization_id": world.orgs["lc_ministry"]}


async def get_case(world, case, headers) -> dict:
    response = await world.client.get(f"/v1/cases/{case['id']}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


# -- 5. moved first, funded later -------------------------------------------------------


async def test_an_evacuation_is_funded_after_the_transfer_and_the_admission(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    ministry = world.headers("lc_ministry", "payer")
    patient = await register_patient(world, "castries")
    case = await new_case(
        world, "castries", "chu_martinique", patient, cares(world), priority="emergency"
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Polytrauma"}, coordinator)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.1), "transport": "air_ambulance"},
        coordinator,
    )
    moved = await act(world, case, "record-arrival", {"arrived_at": in_days(0)}, coordinator)
    assert "approve-funding" in moved["allowed_actions"]
    # Nothing to amend before a guarantee exists, nothing to extend without an authorisation.
    assert "amend-guarantee" not in moved["allowed_actions"]
    assert "extend-authorisation" not in moved["allowed_actions"]
    admitted = await act(
        world, case, "admit", {"admitted_at": in_days(0), "unit": "trauma-icu"}, coordinator
    )
    assert "approve-funding" in (await get_case(world, case, ministry))["allowed_actions"]

    path = f"/v1/cases/{case['id']}"
    estimate = {"total": {"amount": "18000.00", "currency": "EUR"}}
    await world.post(f"{path}/estimates", estimate, coordinator, 201)
    await pay_deposit(world, path, coordinator, "9000.00")  # CARES: 50 % in advance
    body = {
        "guarantee": {
            "reference": "MOH-LC-2026-EVAC-7",
            "amount": {"amount": "18000.00", "currency": "EUR"},
        },
        "authorisation": authorisation(),
        "note": "Evacuation approved by the Permanent Secretary.",
    }
    funded = await act(world, case, "approve-funding", body, ministry)
    # The case stays where the patient is; the funding is recorded, once.
    assert funded["status"] == "admitted" and funded["version"] == admitted["version"] + 1
    assert funded["funding"]["guarantee"]["reference"] == "MOH-LC-2026-EVAC-7"
    # The payer reads its own note back in the answer to its approval.
    assert funded["funding"]["note"] == "Evacuation approved by the Permanent Secretary."
    assert funded["funding"]["approved_by_organization_id"] == world.orgs["lc_ministry"]
    assert "approve-funding" not in funded["allowed_actions"]
    assert {"amend-guarantee", "extend-authorisation"} <= set(funded["allowed_actions"])
    again = await world.post(f"{path}/approve-funding", body, ministry, 409)
    assert again.json()["code"] == "invalid_transition"

    amended = await act(
        world,
        case,
        "amend-guarantee",
        {
            "guarantee": {
                "reference": "MOH-LC-2026-EVAC-7-A1",
                "amount": {"amount": "24000.00", "currency": "EUR"},
            }
        },
        ministry,
    )
    assert amended["status"] == "admitted"
    assert amended["funding"]["guarantee"]["amount"]["amount"] == "24000.00"

    timeline = (await world.client.get(f"{path}/timeline", headers=coordinator)).json()["items"]
    [approval] = [e for e in timeline if e["type"] == "case.funding_approved"]
    assert (approval["from_status"], approval["to_status"]) == ("admitted", "admitted")


async def test_funding_after_the_discharge_but_not_after_the_final_claim(world):
    referrer = world.headers("dominica", "referrer")
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    patient = await register_patient(world, "dominica", country="DM")
    cases = []
    for _ in range(2):
        case = await new_case(
            world,
            "dominica",
            "chu_guadeloupe",
            patient,
            {"route": "self_pay"},
            priority="emergency",
        )
        await act(world, case, "submit", None, referrer)
        await act(world, case, "accept", {"reason": "Burns"}, coordinator)
        await act(
            world,
            case,
            "schedule-transfer",
            {"expected_arrival_at": in_days(0.1), "transport": "air_ambulance"},
            coordinator,
        )
        await act(
            world, case, "admit", {"admitted_at": in_days(-0.5), "unit": "burns"}, coordinator
        )
        discharged = await act(
            world,
            case,
            "discharge",
            {"discharged_at": in_days(0), "disposition": "home", "summary": "Healed."},
            coordinator,
        )
        assert "approve-funding" in discharged["allowed_actions"]
        path = f"/v1/cases/{case['id']}"
        await world.post(
            f"{path}/estimates",
            {"total": {"amount": "3000.00", "currency": "EUR"}},
            coordinator,
            201,
        )
        await world.post(
            f"{path}/payments",
            {
                "kind": "deposit",
                "payer": "patient",
                "amount": {"amount": "900.00", "currency": "EUR"},
                "received_at": in_days(0),
            },
            coordinator,
            201,
        )
        cases.append(case)

    funded = await act(world, cases[0], "approve-funding", {}, coordinator)
    assert funded["status"] == "discharged" and funded["funding"]["route"] == "self_pay"

    late = cases[1]
    lines = [{"description": "Burns unit", "amount": {"amount": "3000.00", "currency": "EUR"}}]
    await world.post(
        f"/v1/cases/{late['id']}/claims",
        {"number": f"CHUG-{late['reference']}", "kind": "final", "lines": lines},
        coordinator,
        201,
    )
    refused = await world.post(f"/v1/cases/{late['id']}/approve-funding", {}, coordinator, 422)
    assert refused.json()["code"] == "guard_failed"
    assert "no_final_claim_yet" in refused.json()["missing"]


# -- 6. a walk-in under a travel insurer's guarantee of payment ------------------------------


async def test_a_walk_in_with_a_travel_insurers_guarantee_is_billed_to_the_cap(world):
    insurer_org = (
        await world.post(
            "/v1/organizations",
            {"name": "Caribbean Travel Assist", "kind": "payer", "country": "US"},
            world.admin,
            201,
        )
    ).json()["id"]
    world.orgs["travel_insurer"] = insurer_org
    coordinator = world.headers("chu_martinique", "coordinator")
    insurer = world.headers("travel_insurer", "payer")
    patient = await register_patient(world, "chu_martinique", country="US")
    body = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "orthopaedics",
        "clinical_summary": "Fractured ankle on a cruise excursion.",
        "coverage": {
            "route": "insurer_guarantee",
            "payer_organization_id": insurer_org,
            "member_number": "CTA-POL-5521",
        },
        "presentation": {"presented_at": in_days(-0.2)},
    }
    opened = (await world.post("/v1/cases", body, coordinator, 201)).json()
    assert opened["status"] == "arrived"
    assert opened["coverage"]["route"] == "insurer_guarantee"
    assert "approve-funding" in (await get_case(world, opened, insurer))["allowed_actions"]

    path = f"/v1/cases/{opened['id']}"
    guarantee = {
        "reference": "CTA-GOP-88213",
        "amount": {"amount": "5000.00", "currency": "EUR"},
    }
    undated = await world.post(f"{path}/approve-funding", {"guarantee": guarantee}, insurer, 422)
    assert undated.json()["missing"] == ["guarantee_validity"]
    expired = {**guarantee, "valid_from": in_days(-30)[:10], "valid_until": in_days(-10)[:10]}
    refused = await world.post(f"{path}/approve-funding", {"guarantee": expired}, insurer, 422)
    assert refused.json()["missing"] == ["guarantee_valid_for_care"]

    dated = {**guarantee, "valid_from": in_days(-1)[:10], "valid_until": in_days(14)[:10]}
    # No estimate needed: the cap is what the insurer pays, whatever the bill.
    funded = await act(world, opened, "approve-funding", {"guarantee": dated}, insurer)
    assert funded["status"] == "arrived"
    assert funded["funding"]["guarantee"]["valid_until"] == in_days(14)[:10]
    assert "amend-guarantee" in funded["allowed_actions"]

    await act(world, opened, "admit", {"admitted_at": in_days(0), "unit": "ortho"}, coordinator)
    await act(
        world,
        opened,
        "discharge",
        {"discharged_at": in_days(0), "disposition": "home", "summary": "Cast."},
        coordinator,
    )
    over = [{"description": "Surgery and stay", "amount": {"amount": "6200.00", "currency": "EUR"}}]
    too_much = await world.post(
        f"{path}/claims", {"number": "CHUM-GOP-1", "kind": "final", "lines": over}, coordinator, 422
    )
    assert too_much.json()["code"] == "claim_exceeds_guarantee"
    capped = [
        {"description": "Surgery and stay", "amount": {"amount": "5000.00", "currency": "EUR"}}
    ]
    claim = await world.post(
        f"{path}/claims",
        {"number": "CHUM-GOP-2", "kind": "final", "lines": capped},
        coordinator,
        201,
    )
    assert claim.json()["debtor_organization_id"] == insurer_org
    # The excess is the patient's: an invoice to the patient, outside the insurer's cap.
    excess = [{"description": "Beyond the cap", "amount": {"amount": "1200.00", "currency": "EUR"}}]
    invoice = await world.post(
        f"{path}/claims",
        {"number": "CHUM-GOP-3", "kind": "final", "lines": excess, "debtor": "patient"},
        coordinator,
        201,
    )
    assert (invoice.json()["debtor"], invoice.json()["debtor_organization_id"]) == (
        "patient",
        None,
    )


async def test_an_insurer_guarantee_needs_the_insurer_named_before_funding(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "chu_martinique", country="US")
    body = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "emergency_medicine",
        "clinical_summary": "Dehydration.",
        "coverage": {"route": "insurer_guarantee"},
        "presentation": {"presented_at": in_days(-0.1)},
    }
    opened = (await world.post("/v1/cases", body, coordinator, 201)).json()
    guarantee = {
        "reference": "GOP-1",
        "amount": {"amount": "900.00", "currency": "EUR"},
        "valid_from": in_days(-1)[:10],
        "valid_until": in_days(5)[:10],
    }
    refused = await world.post(
        f"/v1/cases/{opened['id']}/approve-funding", {"guarantee": guarantee}, coordinator, 422
    )
    assert refused.json()["code"] == "route_not_applicable"
    assert refused.json()["failed_conditions"] == ["payer_organization"]


# -- 7. the case's corridor ----------------------------------------------------------------


async def test_a_cares_case_is_placed_in_its_corridor_and_held_by_its_suspension(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, cares(world))
    assert case["coverage"]["agreement_id"] == world.agreements["cares"]
    assert case["coverage"]["agreement_inferred"] is True
    timeline = (
        await world.client.get(f"/v1/cases/{case['id']}/timeline", headers=referrer)
    ).json()["items"]
    assert timeline[0]["type"] == "case.created"
    assert timeline[0]["data"]["agreement_id"] == world.agreements["cares"]
    assert timeline[0]["data"]["agreement_placement"] == "inferred"
    await act(world, case, "submit", None, referrer)

    await world.post(
        f"/v1/agreements/{world.agreements['cares']}/suspend",
        {"reason": "border_closure"},
        world.admin,
    )
    held = await get_case(world, case, coordinator)
    assert held["status"] == "on_hold"


async def test_a_guarantee_route_needs_one_corridor_when_none_or_several_fit(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    # Saint Lucia's ministry has no corridor with Guadeloupe: no agreement fits.
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["chu_guadeloupe"],
        "specialty": "cardiology",
        "clinical_summary": "Clinical summary.",
        "coverage": cares(world),
    }
    none = await world.post("/v1/cases", body, referrer, 422)
    assert none.json()["code"] == "agreement_required"
    assert none.json()["candidate_agreement_ids"] == []
    french = await world.client.post(
        "/v1/cases", json=body, headers={**referrer, "Accept-Language": "fr"}
    )
    assert french.json()["title"] == "Convention de corridor requise"

    second = await world.post(
        "/v1/agreements",
        {
            "name": "Oncology programme Saint Lucia - Martinique",
            "kind": "private_contract",
            "receiving_organization_ids": [world.orgs["chu_martinique"]],
            "payer_organization_ids": [world.orgs["lc_ministry"]],
            "zone": [{"country": "LC"}],
            "valid_from": "2024-01-01",
        },
        world.admin,
        201,
    )
    martinique = {**body, "receiving_organization_id": world.orgs["chu_martinique"]}
    several = await world.post("/v1/cases", martinique, referrer, 422)
    assert several.json()["code"] == "agreement_ambiguous"
    assert set(several.json()["candidate_agreement_ids"]) == {
        world.agreements["cares"],
        second.json()["id"],
    }
    named = {**martinique, "coverage": {**cares(world), "agreement_id": second.json()["id"]}}
    created = (await world.post("/v1/cases", named, referrer, 201)).json()
    assert created["coverage"]["agreement_id"] == second.json()["id"]
    assert created["coverage"]["agreement_inferred"] is False
    # Self-pay rests on no corridor: created without one when several could apply.
    self_pay = {**martinique, "coverage": {"route": "self_pay"}}
    assert (await world.post("/v1/cases", self_pay, referrer, 201)).json()["coverage"][
        "agreement_id"
    ] is None


def backfill_sql() -> str:
    spec = importlib.util.spec_from_file_location("case_agreement_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BACKFILL


async def test_the_migration_places_existing_cases_as_the_api_does(world, connection):
    patient = await register_patient(world, "castries")
    placed = await new_case(world, "castries", "chu_martinique", patient, cares(world))
    zone_patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    zoast = await new_case(world, "mons_gp", "tourcoing", zone_patient, {"route": "zoast"})
    dm_patient = await register_patient(world, "dominica", country="DM")
    nowhere = await new_case(world, "dominica", "chu_martinique", dm_patient, {"route": "self_pay"})
    ids = [placed["id"], zoast["id"], nowhere["id"]]

    async def stored():
        rows = await connection.execute(
            text("SELECT id::text, agreement_id::text, agreement_inferred FROM cases"),
        )
        return {row[0]: (row[1], row[2]) for row in rows if row[0] in ids}

    await connection.execute(SYSTEM_CONTEXT)
    written = await stored()
    assert written[placed["id"]] == (world.agreements["cares"], True)
    assert written[zoast["id"]] == (world.agreements["zoast"], True)
    assert written[nowhere["id"]] == (None, False)
    # Rows as they stood before the migration: no agreement.
    await connection.execute(
        text(
            "UPDATE cases SET agreement_id = NULL, agreement_inferred = false "
            "WHERE id = ANY(CAST(:ids AS uuid[]))"
        ),
        {"ids": ids},
    )
    await connection.execute(text(backfill_sql()))
    assert await stored() == written


# -- 8. the route advisor's three answers --------------------------------------------------


async def test_the_advisor_says_undetermined_when_the_insuring_state_is_unknown(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    advice = (
        await world.client.get(f"/v1/cases/{case['id']}/coverage-options", headers=referrer)
    ).json()
    s2 = {o["route"]: o for o in advice["options"]}["s2"]
    assert (s2["verdict"], s2["applicable"]) == ("undetermined", False)
    assert s2["failed_conditions"] == [] and s2["missing_facts"] == ["insurance_country"]
    assert [(h["presumed_from"], h["value"], h["verdict"]) for h in s2["hints"]] == [
        ("residence_country", "LC", "not_applicable"),
        ("nationality", "LC", "not_applicable"),
    ]
    assert s2["hints"][0]["failed_conditions"] == [
        "insurance_country_in_eu_eea_ch",
        "payer_country_in_eu_eea_ch",
    ]
    self_pay = {o["route"]: o for o in advice["options"]}["self_pay"]
    assert (self_pay["verdict"], self_pay["missing_facts"]) == ("applicable", [])

    # Once the insuring state is known, the answer is a plain yes or no.
    path = f"/v1/cases/{case['id']}"
    current = await get_case(world, case, referrer)
    edited = await world.client.patch(
        path,
        json={"coverage": {"route": "self_pay", "insurance_country": "BE"}},
        headers={**referrer, "If-Match": f'"{current["version"]}"'},
    )
    assert edited.status_code == 200, edited.text
    advice = (await world.client.get(f"{path}/coverage-options", headers=referrer)).json()
    s2 = {o["route"]: o for o in advice["options"]}["s2"]
    assert (s2["verdict"], s2["missing_facts"], s2["hints"]) == ("applicable", [], [])

    prospect = (
        await world.client.get(
            "/v1/eligibility",
            params={
                "residence_country": "LC",
                "receiving_organization_id": world.orgs["chu_martinique"],
            },
            headers=referrer,
        )
    ).json()
    s2 = {o["route"]: o for o in prospect["coverage_options"]}["s2"]
    assert s2["verdict"] == "undetermined" and s2["missing_facts"] == ["insurance_country"]


# -- also -------------------------------------------------------------------------------------


async def test_a_funded_self_pay_case_is_offered_nothing_to_extend_or_amend(world):
    referrer = world.headers("dominica", "referrer")
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    patient = await register_patient(world, "dominica", country="DM")
    case = await new_case(world, "dominica", "chu_guadeloupe", patient, {"route": "self_pay"})
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Fits"}, coordinator)
    path = f"/v1/cases/{case['id']}"
    await world.post(
        f"{path}/estimates", {"total": {"amount": "1000.00", "currency": "EUR"}}, coordinator, 201
    )
    await world.post(
        f"{path}/payments",
        {
            "kind": "deposit",
            "payer": "patient",
            "amount": {"amount": "300.00", "currency": "EUR"},
            "received_at": in_days(0),
        },
        coordinator,
        201,
    )
    funded = await act(world, case, "approve-funding", {"note": "Deposit in."}, coordinator)
    assert funded["status"] == "funding_approved"
    assert "extend-authorisation" not in funded["allowed_actions"]
    assert "amend-guarantee" not in funded["allowed_actions"]
    refused = await world.post(
        f"{path}/amend-guarantee",
        {"guarantee": {"reference": "X", "amount": {"amount": "1.00", "currency": "EUR"}}},
        coordinator,
        409,
    )
    assert refused.json()["code"] == "invalid_transition"


async def test_a_walk_in_counts_from_the_patients_country_in_statistics(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "chu_martinique", country="DM")
    body = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "toxicology",
        "clinical_summary": "Ciguatera.",
        "coverage": {"route": "self_pay"},
        "presentation": {"presented_at": in_days(-0.1)},
    }
    await world.post("/v1/cases", body, coordinator, 201)
    flows = (
        await world.client.get(
            "/v1/stats/flows", params={"group_by": "origin_country,specialty"}, headers=coordinator
        )
    ).json()
    cells = [c for c in flows["items"] if c.get("specialty") == "toxicology"]
    assert [c["origin_country"] for c in cells] == ["DM"]


async def test_a_placed_case_is_placed_again_when_its_facts_change(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    coverage = {"route": "self_pay", "payer_organization_id": world.orgs["lc_ministry"]}
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    assert case["coverage"]["agreement_id"] == world.agreements["cares"]
    # Sent to Guadeloupe instead: CARES (Martinique) no longer fits, and was never named.
    moved = await world.client.patch(
        f"/v1/cases/{case['id']}",
        json={"receiving_organization_id": world.orgs["chu_guadeloupe"]},
        headers={**referrer, "If-Match": f'"{case["version"]}"'},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["coverage"]["agreement_id"] is None
    assert moved.json()["coverage"]["agreement_inferred"] is False
    back = await world.client.patch(
        f"/v1/cases/{case['id']}",
        json={"receiving_organization_id": world.orgs["chu_martinique"]},
        headers={**referrer, "If-Match": moved.headers["ETag"]},
    )
    assert back.json()["coverage"]["agreement_id"] == world.agreements["cares"]
