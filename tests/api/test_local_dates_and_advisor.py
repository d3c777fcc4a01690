"""Facility-local billing dates, the export's regime columns, and the route advisor."""

import csv
import io
import json

from tests.api.conftest import authorisation, pay_deposit, register_patient
from tests.api.test_case_paths import act, new_case


async def test_a_martinique_discharge_at_21h_is_exported_on_its_local_day(world):
    # 30 Nov 21:00 at -04:00 is 1 Dec in UTC: the bill says 30 Nov, one day of stay.
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    payer = world.headers("lc_ministry", "payer")
    organization = (
        await world.client.get(f"/v1/organizations/{world.orgs['chu_martinique']}", headers=payer)
    ).json()
    assert organization["time_zone"] == "America/Martinique"
    patient = await register_patient(
        world, "castries", identifier={"system": "nir", "value": "2610475123456"}
    )
    case = await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {
            "route": "third_party_guarantee",
            "payer_organization_id": world.orgs["lc_ministry"],
            "member_number": "LC-77",
        },
    )
    path = f"/v1/cases/{case['id']}"
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    await world.post(
        f"{path}/estimates", {"total": {"amount": "900.00", "currency": "EUR"}}, coordinator, 201
    )
    await pay_deposit(world, path, coordinator, "450.00")
    pa = authorisation(reference="MOH-LC-PA-77")
    guarantee = {"reference": "MOH-LC-77", "amount": {"amount": "900.00", "currency": "EUR"}}
    await act(world, case, "approve-funding", {"guarantee": guarantee, "authorisation": pa}, payer)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": "2099-01-01T00:00:00+00:00", "transport": "sea"},
        coordinator,
    )
    await act(
        world,
        case,
        "admit",
        {"admitted_at": "2025-11-29T14:00:00+00:00", "unit": "ward"},
        coordinator,
    )
    await act(
        world,
        case,
        "discharge",
        {
            "discharged_at": "2025-11-30T21:00:00-04:00",
            "disposition": "home",
            "summary": "Home.",
        },
        coordinator,
    )
    lines = [{"description": "Ward, 1 day", "amount": {"amount": "880.00", "currency": "EUR"}}]
    await world.post(
        f"{path}/claims",
        {"number": f"CHUM-{case['reference']}", "kind": "final", "lines": lines},
        coordinator,
        201,
    )
    response = await world.client.get(
        "/v1/billing/export",
        params={"payer_organization_id": world.orgs["lc_ministry"]},
        headers=payer,
    )
    rows = [r for r in csv.DictReader(io.StringIO(response.text)) if r["case_id"] == case["id"]]
    [row] = rows
    assert (row["admission_date"], row["discharge_date"], row["days"]) == (
        "2025-11-29",
        "2025-11-30",
        "1",
    )
    assert row["discharged_at_utc"] == "2025-12-01T01:00:00Z"
    assert row["facility_time_zone"] == "America/Martinique"
    # Named by no one, the case was placed in the only corridor its facts fit (issue 24).
    assert (row["route"], row["agreement_name"], row["authorisation_reference"]) == (
        "third_party_guarantee",
        "CARES Saint Lucia - Martinique",
        "MOH-LC-PA-77",
    )
    assert (row["nir"], row["member_number"]) == ("2610475123456", "LC-77")
    assert json.loads(row["claim_lines"]) == [{"description": "Ward, 1 day", "amount": "880.00"}]


async def test_a_receiving_facility_without_a_single_zone_country_states_its_zone(world):
    body = {"name": "Hospital, Lyon?", "kind": "receiving_facility", "country": "US"}
    refused = await world.post("/v1/organizations", body, world.admin, 422)
    assert refused.json()["code"] == "time_zone_required"
    wrong = await world.post(
        "/v1/organizations", {**body, "time_zone": "Mars/Olympus"}, world.admin, 422
    )
    assert wrong.json()["code"] == "unknown_time_zone"
    created = await world.post(
        "/v1/organizations", {**body, "time_zone": "America/New_York"}, world.admin, 201
    )
    assert created.json()["time_zone"] == "America/New_York"


async def test_the_advisor_lists_every_route_for_a_case_and_a_prospective_patient(world):
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    case = await new_case(world, "mons_gp", "tourcoing", patient, {"route": "zoast"})
    referrer = world.headers("mons_gp", "referrer")
    advice = (
        await world.client.get(f"/v1/cases/{case['id']}/coverage-options", headers=referrer)
    ).json()
    options = {o["route"]: o for o in advice["options"]}
    assert (advice["care"], advice["current_route"]) == ("planned", "zoast")
    assert options["zoast"]["applicable"] and options["zoast"]["deposit_ratio"] is None
    assert options["zoast"]["agreement_id"] == world.agreements["zoast"]
    assert options["s2"]["applicable"] and options["s2"]["prior_authorisation_required"]
    assert options["ehic"]["failed_conditions"] == ["unplanned_care"]
    assert options["self_pay"]["debtor"] == "patient"
    assert "s2_portable_document" in options["s2"]["documents"]
    elsewhere = await world.client.get(
        f"/v1/cases/{case['id']}/coverage-options", headers=world.headers("castries", "referrer")
    )
    assert elsewhere.status_code == 404

    prospect = (
        await world.client.get(
            "/v1/eligibility",
            params={
                "residence_country": "LC",
                "receiving_organization_id": world.orgs["chu_martinique"],
                "payer_organization_id": world.orgs["lc_ministry"],
                "care": "unplanned",
            },
            headers=referrer,
        )
    ).json()
    routes = {o["route"]: o for o in prospect["coverage_options"]}
    assert prospect["prior_authorisation_required"] is True
    assert not routes["s2"]["applicable"] and not routes["ehic"]["applicable"]
    assert "insurance_country_in_eu_eea_ch" in routes["ehic"]["failed_conditions"]
    guarantee = routes["third_party_guarantee"]
    assert guarantee["applicable"] and guarantee["prior_authorisation_required"]
    assert guarantee["deposit_ratio"] == "0.5"
