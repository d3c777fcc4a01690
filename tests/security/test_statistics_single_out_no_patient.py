"""A coordination body reads a corridor's figures, never a patient (issue 23, item 1).

The attack: binary-search `from` by the day on `/v1/stats/flows?group_by=origin_country`
until Grenada goes from 8 to 7; the difference of the two answers is one patient, with
status, quote and paid amount. Now: periods are whole calendar months (422 otherwise),
every figure is one month's (no answer sums across months, so two answers never differ by
part of a month), small counts inside a shown row are hidden too, and so is every cell
that a published total would give away. CSV and SVG draw the same answer. The census
names no unit and no hospital count under the threshold, zero included.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from app.platform.clock import replaying_at
from tests.api.conftest import in_days, make_world, register_patient
from tests.api.test_case_paths import act
from tests.api.test_stats_flows import observatory_world


@pytest.fixture(name="world")
async def corridors(client, auth, sessionmaker):
    """The API tests' organisations and agreements."""
    return await make_world(client, auth, sessionmaker)


FEBRUARY = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)
MARCH = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


async def _case(world, referrer: str, patient: dict, when: datetime, decline: bool = False):
    headers = world.headers(referrer, "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["chu_martinique"],
        "specialty": "cardiology",
        "clinical_summary": "Clinical summary.",
        "coverage": {
            "route": "third_party_guarantee",
            "payer_organization_id": world.orgs["lc_ministry"],
            "agreement_id": world.agreements["observed"],
        },
    }
    with replaying_at(when):
        case = (await world.post("/v1/cases", body, headers, 201)).json()
        case = await act(world, case, "submit", None, headers)
        if decline:
            return await act(world, case, "decline", {"reason": "Treat locally"}, coordinator)
        await world.post(
            f"/v1/cases/{case['id']}/estimates",
            {"total": {"amount": "4321.00", "currency": "EUR"}},
            coordinator,
            201,
        )
    return case


async def _grenada_corridor(world):
    observatory = await observatory_world(world)
    grenada = await world.post(
        "/v1/organizations",
        {"name": "General Hospital, St George's", "kind": "referring_facility", "country": "GD"},
        world.admin,
        201,
    )
    world.orgs["grenada"] = grenada.json()["id"]
    lucian = await register_patient(world, "castries")
    grenadian = await register_patient(world, "grenada", country="GD")
    # February: Grenada 7 (one declined), Saint Lucia 10. March: Grenada 1, Saint Lucia 10.
    for index in range(7):
        await _case(world, "grenada", grenadian, FEBRUARY, decline=index == 0)
    for _ in range(10):
        await _case(world, "castries", lucian, FEBRUARY)
        await _case(world, "castries", lucian, MARCH)
    await _case(world, "grenada", grenadian, MARCH)
    return observatory


async def _flows(world, headers, **params):
    params = {"group_by": "origin_country", **params}
    return await world.client.get("/v1/stats/flows", params=params, headers=headers)


async def test_a_coordination_body_cannot_difference_two_answers_down_to_one_patient(world):
    observatory = await _grenada_corridor(world)

    # A period that cuts a month is refused, with a stable code, in both directions.
    for params in ({"from": "2026-03-02"}, {"to": "2026-03-15"}, {"from": "2026-02-11"}):
        refused = await _flows(world, observatory, **params)
        assert refused.status_code == 422, (params, refused.text)
        assert refused.json()["code"] == "stats_period_not_whole_months"
    # So are cuts of the CSV and the chart.
    for path, extra in (("/v1/stats/flows", {"format": "csv"}), ("/v1/stats/flows.svg", {})):
        params = {"from": "2026-03-09", **extra}
        refused = await world.client.get(path, params=params, headers=observatory)
        assert refused.status_code == 422
        assert refused.json()["code"] == "stats_period_not_whole_months"

    february = await _flows(world, observatory, **{"from": "2026-02-01", "to": "2026-02-28"})
    both = await _flows(world, observatory, **{"from": "2026-02-01", "to": "2026-03-31"})
    assert february.status_code == both.status_code == 200, both.text
    # Every figure is one month's: the longer period adds March's cells, and changes none.
    assert all(item["month"] for item in both.json()["items"])
    assert february.json()["items"] == [
        item for item in both.json()["items"] if item["month"] == "2026-02"
    ]
    march = {
        item["origin_country"]: item for item in both.json()["items"] if item["month"] == "2026-03"
    }
    # Grenada's one March patient is hidden, and so is Saint Lucia's 10 beside it: the
    # month's total (11) is published, and 11 - 10 would be Grenada's 1.
    totals = (
        await world.client.get(
            "/v1/stats/flows",
            params={"group_by": "month", "from": "2026-03-01", "to": "2026-03-31"},
            headers=observatory,
        )
    ).json()["items"]
    assert [item["cases"] for item in totals] == [11]
    assert march["GD"]["suppressed"] and march["GD"]["cases"] is None
    assert march["GD"]["amounts"] is None
    assert march["LC"]["suppressed"] and march["LC"]["cases"] is None
    assert '"4321.00"' not in both.text  # one patient's quote, alone

    # Inside February's shown Grenada row (7 cases), its one declined case is hidden.
    grenada = next(i for i in february.json()["items"] if i["origin_country"] == "GD")
    assert grenada["suppressed"] is False and grenada["cases"] == 7
    assert grenada["declined"] is None

    # The CSV and the chart carry exactly the JSON's hidden cells.
    params = {"group_by": "origin_country", "from": "2026-02-01", "to": "2026-03-31"}
    text = (
        await world.client.get(
            "/v1/stats/flows", params={**params, "format": "csv"}, headers=observatory
        )
    ).text
    rows = {(r["origin_country"], r["month"]): r for r in csv.DictReader(io.StringIO(text))}
    assert (
        rows[("GD", "2026-03")]["cases"] == "" and rows[("GD", "2026-03")]["suppressed"] == "true"
    )
    assert rows[("LC", "2026-03")]["cases"] == ""
    assert rows[("GD", "2026-02")]["cases"] == "7" and rows[("GD", "2026-02")]["declined"] == ""
    svg = await world.client.get("/v1/stats/flows.svg", params=params, headers=observatory)
    root = ET.fromstring(svg.content)  # noqa: S314 - our own answer, under test
    values = {
        element.get("data-label"): element.get("data-value")
        for element in root.iter()
        if element.get("class") == "mark"
    }
    assert values == {
        "GD · 2026-02": "7",
        "LC · 2026-02": "10",
        "GD · 2026-03": "suppressed",
        "LC · 2026-03": "suppressed",
    }

    # Crossing two dimensions: a cell that its row and column totals would give away is
    # hidden with a complement in its row and in its column.
    crossed = await world.client.get(
        "/v1/stats/flows",
        params={"group_by": "origin_country,status", "from": "2026-02-01", "to": "2026-02-28"},
        headers=observatory,
    )
    cells = {(i["origin_country"], i["status"]): i for i in crossed.json()["items"]}
    assert cells[("GD", "declined")]["cases"] is None
    assert sum(1 for (country, _), i in cells.items() if country == "GD" and i["suppressed"]) >= 2
    # A third dimension is refused (the protection is exact for a table and its totals).
    finer = await world.client.get(
        "/v1/stats/flows",
        params={"group_by": "origin_country,status,specialty"},
        headers=observatory,
    )
    assert finer.status_code == 422 and finer.json()["code"] == "stats_grouping_too_fine"
    # The hospital itself still sees its own cases by the day, unsuppressed.
    hospital = world.headers("chu_martinique", "coordinator")
    own = await _flows(world, hospital, **{"from": "2026-03-10", "to": "2026-03-10"})
    assert own.status_code == 200
    assert {i["origin_country"]: i["cases"] for i in own.json()["items"]} == {"GD": 1, "LC": 10}


async def test_the_census_says_no_patient_is_in_a_unit_or_a_hospital_now(world):
    observatory = await observatory_world(world)
    zoast = world.agreements["zoast"]
    path = f"/v1/agreements/{zoast}/coordinating-organizations"
    named = await world.client.put(
        path, json={"organization_ids": [world.orgs["observatory"]]}, headers=world.admin
    )
    assert named.status_code == 200, named.text
    referrer = world.headers("mons_gp", "referrer")
    coordinator = world.headers("tourcoing", "coordinator")
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["tourcoing"],
        "specialty": "psychiatry",
        "clinical_summary": "Clinical summary.",
        "coverage": {
            "route": "zoast",
            "payer_organization_id": world.orgs["mutuality"],
            "member_number": "M-1",
        },
    }
    case = (await world.post("/v1/cases", body, referrer, 201)).json()
    for action, action_body in (
        ("submit", None),
        ("accept", {"reason": "Indicated"}),
        ("approve-funding", {}),
        ("schedule-transfer", {"expected_arrival_at": in_days(1), "transport": "ground_ambulance"}),
        ("admit", {"admitted_at": in_days(0), "unit": "Psychiatry"}),
    ):
        case = await act(world, case, action, action_body, coordinator)
    assert case["status"] == "admitted"

    for params in ({}, {"format": "csv"}):
        answer = await world.client.get("/v1/stats/census", params=params, headers=observatory)
        assert answer.status_code == 200, answer.text
        assert "Psychiatry" not in answer.text
    census = (await world.client.get("/v1/stats/census", headers=observatory)).json()
    assert census["admitted_by_unit"] == [] and census["admitted"] == []
    hospitals = {h["receiving_organization_id"]: h for h in census["hospitals"]}
    # Both hospitals of its corridors are listed, the empty one too, and neither says
    # whether anyone is in: 1 and 0 are both hidden.
    assert set(hospitals) == {world.orgs["tourcoing"], world.orgs["chu_martinique"]}
    for hospital in hospitals.values():
        assert hospital["admitted"] is None and hospital["suppressed"] is True
    chart = await world.client.get("/v1/stats/census.svg", headers=observatory)
    assert "Psychiatry" not in chart.text
    # The hospital itself sees its patient, by unit.
    own = (await world.client.get("/v1/stats/census", headers=coordinator)).json()
    assert own["admitted_by_unit"] == [{"unit": "Psychiatry", "count": 1, "suppressed": False}]
