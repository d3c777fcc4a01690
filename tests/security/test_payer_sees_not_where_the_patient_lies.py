"""A payer sees that its patient is admitted and since when, not where (issue 23, item 4).

Unit names ("Psychiatry", "Oncology ICU"), the bed, the service an outpatient attended and
the consultant who follows the patient up say why the patient is there. None of them
reaches a payer that is not a care party of the case, on any surface it reaches: the
case, the list, the name search, the timeline, the FHIR Bundle, the event feed (what a
webhook carries, through the same presenter) and the census. The care parties still see
them.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import in_days, make_world, register_patient
from tests.api.test_case_paths import act, new_case
from tests.clock import started

UNITS = ("Oncology ICU", "Psychiatry")
BED = "Bed-17-Marker"
CONSULTANT = "Dr Marker, oncologist"
SERVICE = "Nuclear-Medicine-Marker"
HINTS = (*UNITS, BED, CONSULTANT, SERVICE)


@pytest.fixture(name="world")
async def corridors(client, auth, sessionmaker):
    return await make_world(client, auth, sessionmaker)


ZOAST = {"route": "zoast", "member_number": "M-1"}


async def _journey(world, patient, care_setting: str = "inpatient") -> dict:
    coordinator = world.headers("tourcoing", "coordinator")
    coverage = {**ZOAST, "payer_organization_id": world.orgs["mutuality"]}
    case = await new_case(
        world, "mons_gp", "tourcoing", patient, coverage, care_setting=care_setting
    )
    case = await act(world, case, "submit", None, world.headers("mons_gp", "referrer"))
    body = {"scheduled_at": in_days(2), "mode": "video", "consultant": CONSULTANT}
    case = await act(world, case, "schedule-teleconsultation", body, coordinator)
    # The teleconsultation's outcome is recorded once it has begun (two days on).
    with started(in_days(2)):
        body = {"outcome": "transfer_recommended", "notes": "Seen."}
        case = await act(world, case, "record-teleconsultation", body, coordinator)
    case = await act(world, case, "approve-funding", {}, coordinator)
    body = {"expected_arrival_at": in_days(1), "transport": "ground_ambulance"}
    case = await act(world, case, "schedule-transfer", body, coordinator)
    case = await act(world, case, "record-arrival", {"arrived_at": in_days(0)}, coordinator)
    if care_setting == "outpatient":
        body = {"attended_at": in_days(0), "service": SERVICE, "outcome": "completed"}
        return await act(world, case, "record-attendance", body, coordinator)
    body = {"admitted_at": in_days(0), "unit": UNITS[0], "bed": BED}
    case = await act(world, case, "admit", body, coordinator)
    return await act(world, case, "transfer-unit", {"unit": UNITS[1], "bed": BED}, coordinator)


def assert_no_hint(text: str, where: str) -> None:
    leaked = [hint for hint in HINTS if hint in text]
    assert not leaked, f"{where} tells the payer {leaked}"


async def test_a_payer_reads_no_unit_bed_service_or_consultant_anywhere(world):
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    admitted = await _journey(world, patient)
    outpatient = await _journey(world, patient, care_setting="outpatient")
    assert admitted["status"] == "admitted" and admitted["stay"]["unit"] == UNITS[1]
    payer = world.headers("mutuality", "payer")
    coordinator = world.headers("tourcoing", "coordinator")
    get = world.client.get

    case = await get(f"/v1/cases/{admitted['id']}", headers=payer)
    assert case.status_code == 200
    stay = case.json()["stay"]
    # In, and since when: yes. Where: no.
    assert stay["admitted_at"] == admitted["stay"]["admitted_at"]
    assert stay["unit"] is None and stay["bed"] is None and stay["movements"] == []
    assert [t["consultant"] for t in case.json()["teleconsultations"]] == [None]
    surfaces = {
        "the case": case,
        "the outpatient case": await get(f"/v1/cases/{outpatient['id']}", headers=payer),
        "the list": await get("/v1/cases", headers=payer),
        "the name search": await get("/v1/cases", params={"q": "Joseph"}, headers=payer),
        "the timeline": await get(f"/v1/cases/{admitted['id']}/timeline", headers=payer),
        "the outpatient timeline": await get(
            f"/v1/cases/{outpatient['id']}/timeline", headers=payer
        ),
        "the FHIR Bundle": await get(f"/v1/cases/{admitted['id']}/fhir", headers=payer),
        "the outpatient FHIR Bundle": await get(
            f"/v1/cases/{outpatient['id']}/fhir", headers=payer
        ),
        "the event feed": await get("/v1/events", params={"limit": 200}, headers=payer),
        "the census": await get("/v1/stats/census", headers=payer),
        "the census CSV": await get("/v1/stats/census", params={"format": "csv"}, headers=payer),
    }
    for where, answer in surfaces.items():
        assert answer.status_code == 200, (where, answer.text)
        assert_no_hint(answer.text, where)
    names = await get("/v1/cases", params={"q": "Joseph"}, headers=payer)
    assert {item["id"] for item in names.json()["items"]} >= {admitted["id"], outpatient["id"]}
    census = surfaces["the census"].json()
    assert [(p["case_id"], p["unit"]) for p in census["admitted"]] == [(admitted["id"], None)]
    assert census["admitted_by_unit"] == []
    encounter = [
        entry["resource"]
        for entry in surfaces["the FHIR Bundle"].json()["entry"]
        if entry["resource"]["resourceType"] == "Encounter"
    ]
    assert encounter and all("location" not in resource for resource in encounter)

    # The receiving hospital still sees where its patient lies, on the same surfaces.
    own = await get(f"/v1/cases/{admitted['id']}", headers=coordinator)
    assert own.json()["stay"]["unit"] == UNITS[1] and own.json()["stay"]["bed"] == BED
    assert own.json()["teleconsultations"][0]["consultant"] == CONSULTANT
    bundle = await get(f"/v1/cases/{admitted['id']}/fhir", headers=coordinator)
    assert all(unit in bundle.text for unit in UNITS)
    outpatient_own = await get(f"/v1/cases/{outpatient['id']}", headers=coordinator)
    assert outpatient_own.json()["attendances"][0]["service"] == SERVICE
    own_census = (await get("/v1/stats/census", headers=coordinator)).json()
    assert own_census["admitted_by_unit"] == [{"unit": UNITS[1], "count": 1, "suppressed": False}]
