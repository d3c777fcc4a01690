"""A corridor shared by several hospitals (issue 23, items 2 and 3).

- One hospital's coordinator suspended a corridor shared by three hospitals: now only a
  coordination body the agreement names, or a platform admin, suspends it; a receiving
  hospital pauses its own intake (its cases only, no submission to it on the corridor).
- The suspend answer counted, by status, cases the caller cannot read, and
  `GET /v1/agreements/{id}` showed the count and the free-text note to any organisation:
  now every caller counts its own cases only, and the note goes to the agreement's parties.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import make_world, register_patient
from tests.api.test_case_paths import act

NOTE = "Hurricane: airport closed, two dialysis patients waiting"


@pytest.fixture(name="world")
async def corridors(client, auth, sessionmaker):
    """The API tests' organisations and agreements, and a corridor of three hospitals
    (Martinique, Guadeloupe, Tourcoing) that an observatory coordinates."""
    world = await make_world(client, auth, sessionmaker)
    body = {"name": "Observatoire Caraïbes", "kind": "coordination_body", "country": "MQ"}
    world.orgs["observatory"] = (
        await world.post("/v1/organizations", body, world.admin, 201)
    ).json()["id"]
    shared = await world.post(
        "/v1/agreements",
        {
            "name": "CARES shared corridor",
            "kind": "bilateral",
            "receiving_organization_ids": [
                world.orgs[name] for name in ("chu_martinique", "chu_guadeloupe", "tourcoing")
            ],
            "payer_organization_ids": [world.orgs["lc_ministry"]],
            "coordinating_organization_ids": [world.orgs["observatory"]],
            "zone": [{"country": "LC"}],
            "valid_from": "2024-01-01",
        },
        world.admin,
        201,
    )
    world.agreements["shared"] = shared.json()["id"]
    return world


async def _case(world, patient, hospital: str, submit: bool = True) -> dict:
    referrer = world.headers("castries", "referrer")
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs[hospital],
        "specialty": "nephrology",
        "clinical_summary": "Clinical summary.",
        "coverage": {
            "route": "third_party_guarantee",
            "payer_organization_id": world.orgs["lc_ministry"],
            "agreement_id": world.agreements["shared"],
        },
    }
    case = (await world.post("/v1/cases", body, referrer, 201)).json()
    return await act(world, case, "submit", None, referrer) if submit else case


async def _status(world, case, hospital: str) -> str:
    headers = world.headers(hospital, "coordinator")
    return (await world.client.get(f"/v1/cases/{case['id']}", headers=headers)).json()["status"]


async def test_one_hospital_pauses_its_own_intake_and_never_suspends_a_shared_corridor(world):
    patient = await register_patient(world, "castries")
    martinique = [await _case(world, patient, "chu_martinique") for _ in range(2)]
    guadeloupe = await _case(world, patient, "chu_guadeloupe")
    waiting = await _case(world, patient, "chu_martinique", submit=False)
    shared = world.agreements["shared"]
    coordinator = world.headers("chu_martinique", "coordinator")

    # One receiving hospital may not stop the corridor for the others.
    refused = await world.post(
        f"/v1/agreements/{shared}/suspend", {"reason": "capacity"}, coordinator, 403
    )
    assert refused.json()["code"] == "forbidden_role"
    assert await _status(world, guadeloupe, "chu_guadeloupe") == "submitted"

    # It pauses its own intake: its cases only, counted for it.
    paused = await world.post(
        f"/v1/agreements/{shared}/pause-intake", {"reason": "capacity"}, coordinator
    )
    answer = paused.json()
    assert answer["receiving_organization_id"] == world.orgs["chu_martinique"]
    assert answer["held_count"] == 2 and answer["by_status"] == {"submitted": 2}
    for case in martinique:
        assert await _status(world, case, "chu_martinique") == "on_hold"
    assert await _status(world, guadeloupe, "chu_guadeloupe") == "submitted"
    # No submission to it on the corridor; to the others, yes.
    referrer = world.headers("castries", "referrer")
    blocked = await act(world, waiting, "submit", None, referrer, expect=409)
    assert blocked["code"] == "intake_paused"
    await _case(world, patient, "chu_guadeloupe")
    again = await world.post(
        f"/v1/agreements/{shared}/pause-intake", {"reason": "other"}, coordinator, 409
    )
    assert again.json()["code"] == "intake_already_paused"
    other = world.headers("chu_guadeloupe", "coordinator")
    not_paused = await world.post(f"/v1/agreements/{shared}/resume-intake", None, other, 409)
    assert not_paused.json()["code"] == "intake_not_paused"
    # Nor may a hospital outside the corridor, or another role, pause it.
    for org, role in (("chu_martinique", "clinician"), ("mutuality", "payer")):
        await world.post(
            f"/v1/agreements/{shared}/pause-intake",
            {"reason": "other"},
            world.headers(org, role),
            403,
        )
    agreement = (await world.client.get(f"/v1/agreements/{shared}", headers=other)).json()
    assert agreement["suspension"] is None
    assert [p["receiving_organization_id"] for p in agreement["intake_pauses"]] == [
        world.orgs["chu_martinique"]
    ]

    # The coordination body the agreement names suspends the whole corridor.
    observatory = world.headers("observatory", "coordinator")
    suspended = await world.post(
        f"/v1/agreements/{shared}/suspend", {"reason": "border_closure"}, observatory
    )
    assert suspended.json()["receiving_organization_id"] is None
    assert await _status(world, guadeloupe, "chu_guadeloupe") == "on_hold"
    # The hospital resumes its own intake: its cases return; the corridor stays suspended.
    resumed = await world.post(f"/v1/agreements/{shared}/resume-intake", None, coordinator)
    assert resumed.json()["resumed_count"] == 2
    for case in martinique:
        assert await _status(world, case, "chu_martinique") == "submitted"
    assert await _status(world, guadeloupe, "chu_guadeloupe") == "on_hold"
    await world.post(f"/v1/agreements/{shared}/resume", None, observatory)
    assert await _status(world, guadeloupe, "chu_guadeloupe") == "submitted"


async def test_a_suspension_tells_each_caller_its_own_cases_and_the_note_to_parties_only(world):
    patient = await register_patient(world, "castries")
    for hospital in ("chu_martinique", "chu_martinique", "chu_guadeloupe"):
        await _case(world, patient, hospital)
    shared = world.agreements["shared"]
    observatory = world.headers("observatory", "coordinator")
    suspended = await world.post(
        f"/v1/agreements/{shared}/suspend", {"reason": "border_closure", "note": NOTE}, observatory
    )
    answer = suspended.json()
    # The observatory reads no case: it is told how many of its own were held, none.
    assert answer["held_count"] == 0 and answer["by_status"] == {}
    assert answer["note"] == NOTE

    expected = {
        ("chu_martinique", "coordinator"): (2, NOTE),
        ("chu_guadeloupe", "coordinator"): (1, NOTE),
        ("tourcoing", "coordinator"): (0, NOTE),  # a party, with no case held
        ("lc_ministry", "payer"): (3, NOTE),  # the payer of all three
        ("observatory", "coordinator"): (0, NOTE),
        ("mutuality", "payer"): (0, None),  # a ZOAST payer: not a party
        ("castries", "referrer"): (3, None),  # refers them all; not a party of the corridor
        ("mons_gp", "referrer"): (0, None),
    }
    for (org, role), (count, note) in expected.items():
        headers = world.headers(org, role)
        got = (await world.client.get(f"/v1/agreements/{shared}", headers=headers)).json()
        assert (got["suspension"]["held_count"], got["suspension"]["note"]) == (count, note), (
            org,
            role,
        )
        listed = await world.client.get("/v1/agreements", params={"limit": 200}, headers=headers)
        (item,) = [a for a in listed.json()["items"] if a["id"] == shared]
        assert item["suspension"] == got["suspension"]
    outsider = world.headers("mutuality", "payer")
    eligibility = await world.client.get(
        "/v1/eligibility", params={"residence_country": "LC"}, headers=outsider
    )
    assert eligibility.status_code == 200
    assert NOTE not in eligibility.text
    admin = (await world.client.get(f"/v1/agreements/{shared}", headers=world.admin)).json()
    assert admin["suspension"]["note"] == NOTE and admin["suspension"]["held_count"] == 0
    # Resuming tells the admin (who reads no case) of none of them either.
    resumed = await world.post(f"/v1/agreements/{shared}/resume", None, world.admin)
    assert resumed.json()["resumed_count"] == 0 and resumed.json()["by_status"] == {}
