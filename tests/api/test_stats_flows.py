"""Statistics for coordinators, payers and coordination bodies: group_by, lead times
(median, p90), money per currency, small cells suppressed for whoever may not see the
cases, CSV on every statistics endpoint."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from app.platform.clock import replaying_at
from app.reports import tables
from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def observatory_world(world, name="CARES Saint Lucia - Martinique (observed)"):
    """A coordination body (a regional health observatory) named by a second CARES
    agreement; cases under that agreement are its corridor's."""
    body = {"name": "Observatoire régional de santé", "kind": "coordination_body", "country": "MQ"}
    observatory = await world.post("/v1/organizations", body, world.admin, 201)
    world.orgs["observatory"] = observatory.json()["id"]
    agreement = await world.post(
        "/v1/agreements",
        {
            "name": name,
            "kind": "bilateral",
            "receiving_organization_ids": [world.orgs["chu_martinique"]],
            "payer_organization_ids": [world.orgs["lc_ministry"]],
            "coordinating_organization_ids": [world.orgs["observatory"]],
            "zone": [{"country": "LC"}],
            "valid_from": "2024-01-01",
        },
        world.admin,
        201,
    )
    world.agreements["observed"] = agreement.json()["id"]
    return world.headers("observatory", "coordinator")


async def corridor_case(world, patient, specialty: str, accept_after_days: float | None):
    # Tokens are made before the replayed clock: they are checked against the wall clock.
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["chu_martinique"],
        "specialty": specialty,
        "clinical_summary": "Clinical summary.",
        "coverage": {
            "route": "third_party_guarantee",
            "payer_organization_id": world.orgs["lc_ministry"],
            "agreement_id": world.agreements["observed"],
        },
    }
    with replaying_at(START):
        case = (await world.post("/v1/cases", body, referrer, 201)).json()
        case = await act(world, case, "submit", None, referrer)
    if accept_after_days is not None:
        with replaying_at(START + timedelta(days=accept_after_days)):
            case = await act(world, case, "accept", {"reason": "ok"}, coordinator)
            await world.post(
                f"/v1/cases/{case['id']}/estimates",
                {"total": {"amount": "100.00", "currency": "EUR"}},
                coordinator,
                201,
            )
    return case


async def test_a_coordination_body_sees_suppressed_aggregates_of_its_corridors_only(world):
    observatory = await observatory_world(world)
    patient = await register_patient(world, "castries")
    cardiology = [await corridor_case(world, patient, "cardiology", days) for days in range(1, 7)]
    oncology = [await corridor_case(world, patient, "oncology", None) for _ in range(2)]
    # The month's total (8 + 5) is published: oncology's 2 alone hidden would be that total
    # minus the rest, so the smallest other cell (urology's 5) is hidden with it.
    urology = [await corridor_case(world, patient, "urology", None) for _ in range(5)]
    # A case of the other CARES agreement, which the observatory does not coordinate (two
    # agreements fit: the case names its own, issue 24).
    outside = await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {
            "route": "third_party_guarantee",
            "payer_organization_id": world.orgs["lc_ministry"],
            "agreement_id": world.agreements["cares"],
        },
        specialty="nephrology",
    )
    await act(world, outside, "submit", None, world.headers("castries", "referrer"))

    answer = await world.client.get(
        "/v1/stats/flows", params={"group_by": "specialty"}, headers=observatory
    )
    assert answer.status_code == 200, answer.text
    flows = answer.json()
    # Every figure of a coordination body is one calendar month's.
    assert flows["group_by"] == ["specialty", "month"] and flows["suppression_threshold"] == 5
    assert {item["month"] for item in flows["items"]} == {"2026-03"}
    cells = {item["specialty"]: item for item in flows["items"]}
    assert set(cells) == {"cardiology", "oncology", "urology"}  # nephrology is not its corridor
    assert cells["urology"]["suppressed"] is True and cells["urology"]["cases"] is None
    heart = cells["cardiology"]
    assert heart["suppressed"] is False and heart["cases"] == 6
    # Accepted 1..6 days after submission: percentile_cont over 1..6.
    accepted = heart["lead_times"]["submitted_to_accepted"]
    assert accepted == {"median_days": 3.5, "p90_days": 5.5, "cases": 6}
    assert heart["amounts"] == [
        {"currency": "EUR", "quoted": "600.00", "claimed": "0.00", "paid": "0.00"}
    ]
    small = cells["oncology"]
    assert small["suppressed"] is True
    assert small["cases"] is None and small["declined"] is None and small["amounts"] is None
    assert small["lead_times"]["submitted_to_decision"]["median_days"] is None
    # Never a case: no id, no reference, in any statistic; the cases themselves are 404.
    census = await world.client.get("/v1/stats/census", headers=observatory)
    for text in (answer.text, census.text):
        for case in [*cardiology, *oncology, *urology, outside]:
            assert case["id"] not in text and case["reference"] not in text
    assert census.json()["admitted"] == [] and census.json()["expected"] == []
    for case in cardiology[:2]:
        seen = await world.client.get(f"/v1/cases/{case['id']}", headers=observatory)
        assert seen.status_code == 404
    listed = await world.client.get("/v1/cases", headers=observatory)
    assert listed.status_code == 200 and listed.json()["items"] == []

    # The hospital sees its own cases, small cells included, unsuppressed.
    hospital = world.headers("chu_martinique", "coordinator")
    mine = await world.client.get(
        "/v1/stats/flows", params={"group_by": "specialty"}, headers=hospital
    )
    own = {item["specialty"]: item for item in mine.json()["items"]}
    assert mine.json()["suppression_threshold"] is None
    assert own["oncology"]["cases"] == 2 and own["oncology"]["suppressed"] is False
    assert own["nephrology"]["cases"] == 1
    # The platform admin: every case, suppressed alike.
    admin = await world.client.get(
        "/v1/stats/flows", params={"group_by": "specialty"}, headers=world.admin
    )
    every = {item["specialty"]: item for item in admin.json()["items"]}
    assert every["cardiology"]["cases"] == 6 and every["nephrology"]["suppressed"] is True


async def test_group_by_several_dimensions_and_month(world):
    await observatory_world(world)
    patient = await register_patient(world, "castries")
    for days in (1, 2):
        await corridor_case(world, patient, "cardiology", days)
    hospital = world.headers("chu_martinique", "coordinator")
    answer = await world.client.get(
        "/v1/stats/flows",
        params=[("group_by", "month,status"), ("group_by", "agreement"), ("group_by", "route")],
        headers=hospital,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["group_by"] == ["month", "status", "agreement", "route"]
    (cell,) = body["items"]
    assert cell["month"] == "2026-03" and cell["status"] == "accepted"
    assert cell["agreement_id"] == world.agreements["observed"]
    assert cell["route"] == "third_party_guarantee" and cell["specialty"] is None
    assert cell["cases"] == 2
    unknown = await world.client.get(
        "/v1/stats/flows", params={"group_by": "specialty,hair_colour"}, headers=hospital
    )
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_group_by"
    assert "hair_colour" in unknown.json()["detail"]


async def test_csv_on_every_statistics_endpoint_matches_the_json(world):
    await observatory_world(world)
    patient = await register_patient(world, "castries")
    for days in (1, 3):
        await corridor_case(world, patient, "cardiology", days)
    # A specialty slug may start with "-": in a spreadsheet that is a formula.
    await corridor_case(world, patient, "-2-3", 1)
    hospital = world.headers("chu_martinique", "coordinator")
    params = {"group_by": "specialty,care_setting"}
    flows = (await world.client.get("/v1/stats/flows", params=params, headers=hospital)).json()
    answer = await world.client.get(
        "/v1/stats/flows", params={**params, "format": "csv"}, headers=hospital
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0])[:3] == ["specialty", "care_setting", "cases"]
    assert [row["specialty"] for row in rows] == ["'-2-3", "cardiology"]
    for row, item in zip(rows, flows["items"], strict=True):
        assert int(row["cases"]) == item["cases"]
        assert row["quoted_EUR"] == item["amounts"][0]["quoted"]
        median = item["lead_times"]["submitted_to_accepted"]["median_days"]
        assert float(row["submitted_to_accepted_median_days"]) == median
    assert rows[1]["submitted_to_accepted_median_days"] == "2.0"

    census_json = (await world.client.get("/v1/stats/census", headers=hospital)).json()
    census = await world.client.get("/v1/stats/census", params={"format": "csv"}, headers=hospital)
    assert census.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(census.text)))
    assert lines[0] == [
        "receiving_organization_id",
        "admitted",
        "expected_next_7_days",
        "held_by_suspension",
        "suppressed",
    ]
    assert len(lines) == 1 + len(census_json["hospitals"])


def test_every_formula_trigger_in_a_statistics_cell_is_neutralised():
    flows = {
        "group_by": ["specialty"],
        "items": [
            {
                "specialty": specialty,
                **dict.fromkeys(["cases", "declined", "cancelled", "on_hold"], 5),
                **dict.fromkeys(["admitted", "discharged"], 0),
                "lead_times": {
                    stage: {"median_days": None, "p90_days": None, "cases": 0}
                    for stage in (
                        "submitted_to_decision",
                        "submitted_to_accepted",
                        "accepted_to_funding_approved",
                        "funding_approved_to_arrived",
                        "decision_to_admission",
                        "length_of_stay",
                    )
                },
                "amounts": [],
                "suppressed": False,
            }
            for specialty in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "plain")
        ],
    }
    rows = list(csv.DictReader(io.StringIO(tables.flows_csv(flows))))
    assert [row["specialty"] for row in rows] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\t=1",
        "plain",
    ]


async def test_the_admin_names_an_existing_agreements_coordination_bodies(world):
    observatory = await world.post(
        "/v1/organizations",
        {"name": "Observatoire", "kind": "coordination_body", "country": "MQ"},
        world.admin,
        201,
    )
    body_id = observatory.json()["id"]
    path = f"/v1/agreements/{world.agreements['cares']}/coordinating-organizations"
    named = await world.client.put(path, json={"organization_ids": [body_id]}, headers=world.admin)
    assert named.status_code == 200, named.text
    assert named.json()["coordinating_organization_ids"] == [body_id]
    listed = await world.client.get(
        "/v1/agreements", params={"organization_id": body_id}, headers=world.admin
    )
    assert [a["id"] for a in listed.json()["items"]] == [world.agreements["cares"]]
    # Only a coordination body may be given the corridor's aggregates.
    payer = {"organization_ids": [world.orgs["lc_ministry"]]}
    wrong = await world.client.put(path, json=payer, headers=world.admin)
    assert wrong.status_code == 422 and wrong.json()["code"] == "wrong_organization_kind"
    coordinator = world.headers("chu_martinique", "coordinator")
    refused = await world.client.put(path, json={"organization_ids": []}, headers=coordinator)
    assert refused.status_code == 403 and refused.json()["code"] == "admin_only"
    agreement = await world.client.get(
        f"/v1/agreements/{world.agreements['cares']}", headers=coordinator
    )
    assert agreement.json()["coordinating_organization_ids"] == [body_id]
