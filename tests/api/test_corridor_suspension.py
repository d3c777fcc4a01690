"""A corridor in a crisis: suspend an agreement (every open case on hold in one transaction,
one event each), refuse submissions on it, resume (each case back where it was)."""

from __future__ import annotations

from collections import Counter
from unittest import mock

from app.domain.case import Case
from tests.api.conftest import in_days, register_patient
from tests.api.test_case_paths import act, new_case

ZOAST_COVERAGE = {"route": "zoast", "member_number": "M-1"}
HOLDABLE = {
    "submitted",
    "teleconsultation_scheduled",
    "accepted",
    "funding_approved",
    "transfer_scheduled",
}


async def _zoast_case(world, patient, status: str) -> dict:
    """A ZOAST case (Mons resident, CH Tourcoing) walked to `status` through the API."""
    referrer = world.headers("mons_gp", "referrer")
    coordinator = world.headers("tourcoing", "coordinator")
    coverage = {**ZOAST_COVERAGE, "payer_organization_id": world.orgs["mutuality"]}
    case = await new_case(world, "mons_gp", "tourcoing", patient, coverage)
    if status == "draft":
        return case
    case = await act(world, case, "submit", None, referrer)
    if status == "information_requested":
        body = {"questions": "Allergies?", "due_date": in_days(3)[:10]}
        return await act(world, case, "request-information", body, coordinator)
    if status == "teleconsultation_scheduled":
        body = {"scheduled_at": in_days(2), "mode": "video"}
        return await act(world, case, "schedule-teleconsultation", body, coordinator)
    if status == "declined":
        return await act(world, case, "decline", {"reason": "Not indicated"}, coordinator)
    if status == "submitted":
        return case
    case = await act(world, case, "accept", {"reason": "Indicated"}, coordinator)
    if status == "accepted":
        return case
    if status == "held_elsewhere":  # held by its coordinator, not by the corridor
        return await act(world, case, "hold", {"reason": "Patient has the flu"}, coordinator)
    case = await act(world, case, "approve-funding", {}, coordinator)
    if status == "funding_approved":
        return case
    body = {"expected_arrival_at": in_days(3), "transport": "ground_ambulance"}
    case = await act(world, case, "schedule-transfer", body, coordinator)
    if status == "transfer_scheduled":
        return case
    body = {"admitted_at": in_days(0), "unit": "cardiology"}
    return await act(world, case, "admit", body, coordinator)


async def coordination_body(world, agreement: str = "zoast") -> dict[str, str]:
    """An observatory named on the agreement: its coordinators suspend the corridor."""
    body = {"name": "Observatoire ZOAST", "kind": "coordination_body", "country": "FR"}
    observatory = await world.post("/v1/organizations", body, world.admin, 201)
    world.orgs["observatory"] = observatory.json()["id"]
    path = f"/v1/agreements/{world.agreements[agreement]}/coordinating-organizations"
    named = await world.client.put(
        path, json={"organization_ids": [world.orgs["observatory"]]}, headers=world.admin
    )
    assert named.status_code == 200, named.text
    return world.headers("observatory", "coordinator")


async def _statuses(world, cases) -> dict[str, tuple[str, str | None, int]]:
    headers = world.headers("tourcoing", "coordinator")
    found = {}
    for case in cases:
        body = (await world.client.get(f"/v1/cases/{case['id']}", headers=headers)).json()
        found[case["id"]] = (body["status"], body.get("held_from"), body["version"])
    return found


async def _feed(world, headers, types: str) -> list[dict]:
    items, after = [], None
    while True:
        params = {"types": types, "limit": 200, **({"after": after} if after else {})}
        page = (await world.client.get("/v1/events", params=params, headers=headers)).json()
        items += page["items"]
        if len(page["items"]) < 200:
            return items
        after = page["next_cursor"]


STATUS_MIX = [
    "draft",
    "submitted",
    "information_requested",
    "teleconsultation_scheduled",
    "accepted",
    "funding_approved",
    "transfer_scheduled",
    "held_elsewhere",
    "admitted",
    "declined",
]


async def test_suspending_then_resuming_a_corridor_of_100_cases_puts_each_back(world):
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    cases = [await _zoast_case(world, patient, STATUS_MIX[i % 10]) for i in range(100)]
    # A case of another corridor is not touched.
    cares_patient = await register_patient(world, "castries")
    cares = await new_case(
        world,
        "castries",
        "chu_martinique",
        cares_patient,
        {
            "route": "third_party_guarantee",
            "payer_organization_id": world.orgs["lc_ministry"],
            "agreement_id": world.agreements["cares"],
        },
    )
    cares = await act(world, cares, "submit", None, world.headers("castries", "referrer"))
    before = await _statuses(world, cases)
    assert Counter(status for status, _, _ in before.values()) == Counter(
        {s: 10 for s in STATUS_MIX if s != "held_elsewhere"} | {"on_hold": 10}
    )
    held_should = {cid for cid, (status, _, _) in before.items() if status in HOLDABLE}
    assert len(held_should) == 50

    coordinator = world.headers("tourcoing", "coordinator")
    observatory = await coordination_body(world)
    zoast = world.agreements["zoast"]
    suspended = await world.post(
        f"/v1/agreements/{zoast}/suspend",
        {"reason": "border_closure", "note": "Border closed by decree"},
        observatory,
    )
    answer = suspended.json()
    # The observatory reads no case: it is told of none (each caller counts its own).
    assert answer["held_count"] == 0 and answer["resumed_at"] is None
    assert answer["by_status"] == {}
    agreement = (await world.client.get(f"/v1/agreements/{zoast}", headers=coordinator)).json()
    assert agreement["suspension"]["reason"] == "border_closure"
    assert agreement["suspension"]["held_count"] == 50  # all of them are Tourcoing's

    during = await _statuses(world, cases)
    for case_id, (status, held_from, version) in during.items():
        was, was_held_from, was_version = before[case_id]
        if case_id in held_should:
            assert (status, held_from, version) == ("on_hold", was, was_version + 1)
        else:
            assert (status, held_from, version) == (was, was_held_from, was_version)
    # The census counts them per receiving hospital.
    census = (await world.client.get("/v1/stats/census", headers=coordinator)).json()
    (tourcoing,) = census["hospitals"]
    assert tourcoing["receiving_organization_id"] == world.orgs["tourcoing"]
    assert tourcoing["held_by_suspension"] == 50 and tourcoing["admitted"] == 10
    other = await world.client.get(f"/v1/cases/{cares['id']}", headers=coordinator)
    assert other.status_code == 404  # not Tourcoing's: and untouched, as the payer sees
    cares_now = await world.client.get(
        f"/v1/cases/{cares['id']}", headers=world.headers("castries", "referrer")
    )
    assert cares_now.json()["status"] == "submitted"

    # The payer, an integrator of every ZOAST case, hears of each hold once.
    payer = world.headers("mutuality", "payer")
    held_events = await _feed(world, payer, "case.held")
    by_suspension = [e for e in held_events if e["data"].get("suspension_id") == answer["id"]]
    assert Counter(e["case_id"] for e in by_suspension) == Counter(dict.fromkeys(held_should, 1))
    assert all(e["data"]["reason_code"] == "border_closure" for e in by_suspension)

    # No submission on a suspended corridor; a referral still drafts.
    draft = next(c for c in cases if before[c["id"]][0] == "draft")
    refused = await act(
        world, draft, "submit", None, world.headers("mons_gp", "referrer"), expect=409
    )
    assert refused["code"] == "agreement_suspended"
    again = await world.post(
        f"/v1/agreements/{zoast}/suspend", {"reason": "capacity"}, observatory, 409
    )
    assert again.json()["code"] == "agreement_already_suspended"

    # The platform admin resumes it (it may suspend too); it reads no case either.
    resumed = await world.post(f"/v1/agreements/{zoast}/resume", None, world.admin)
    assert resumed.json()["resumed_count"] == 0 and resumed.json()["by_status"] == {}
    after = await _statuses(world, cases)
    for case_id, (status, held_from, version) in after.items():
        was, was_held_from, was_version = before[case_id]
        assert (status, held_from) == (was, was_held_from), case_id
        assert version == was_version + (2 if case_id in held_should else 0)
    resumed_events = [
        e
        for e in await _feed(world, payer, "case.resumed")
        if e["data"].get("suspension_id") == answer["id"]
    ]
    assert Counter(e["case_id"] for e in resumed_events) == Counter(dict.fromkeys(held_should, 1))
    census = (await world.client.get("/v1/stats/census", headers=coordinator)).json()
    assert census["hospitals"][0]["held_by_suspension"] == 0
    agreement = (await world.client.get(f"/v1/agreements/{zoast}", headers=coordinator)).json()
    assert agreement["suspension"] is None
    submitted = await act(world, draft, "submit", None, world.headers("mons_gp", "referrer"))
    assert submitted["status"] == "submitted"
    not_suspended = await world.post(f"/v1/agreements/{zoast}/resume", None, observatory, 409)
    assert not_suspended.json()["code"] == "agreement_not_suspended"


async def test_a_failure_half_way_through_a_suspension_changes_nothing(world):
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    cases = [await _zoast_case(world, patient, "accepted") for _ in range(6)]
    before = await _statuses(world, cases)
    real_hold = Case.hold_for_suspension
    calls = []

    def failing_hold(self, **arguments):
        calls.append(self.id)
        if len(calls) == 4:
            raise RuntimeError("the database went away half-way")
        return real_hold(self, **arguments)

    coordinator = world.headers("tourcoing", "coordinator")
    observatory = await coordination_body(world)
    zoast = world.agreements["zoast"]
    with mock.patch.object(Case, "hold_for_suspension", failing_hold):
        response = await world.client.post(
            f"/v1/agreements/{zoast}/suspend", json={"reason": "other"}, headers=observatory
        )
    assert response.status_code == 500 and len(calls) == 4
    assert await _statuses(world, cases) == before
    agreement = (await world.client.get(f"/v1/agreements/{zoast}", headers=coordinator)).json()
    assert agreement["suspension"] is None
    payer = world.headers("mutuality", "payer")
    assert await _feed(world, payer, "case.held") == []


async def test_who_may_suspend_a_corridor(world):
    zoast = world.agreements["zoast"]
    body = {"reason": "transport_disruption"}
    await coordination_body(world, "cares")  # a coordination body of another corridor
    for org, role in [
        ("chu_martinique", "coordinator"),  # a receiver of another corridor
        ("tourcoing", "coordinator"),  # a receiver of this one: it pauses its own intake
        ("observatory", "coordinator"),
        ("tourcoing", "clinician"),
        ("mutuality", "payer"),
        ("mons_gp", "referrer"),
    ]:
        refused = await world.post(
            f"/v1/agreements/{zoast}/suspend", body, world.headers(org, role), 403
        )
        assert refused.json()["code"] == "forbidden_role"
    unknown = await world.post(
        "/v1/agreements/00000000-0000-4000-8000-000000000000/suspend", body, world.admin, 404
    )
    assert unknown.json()["code"] == "not_found"
    bad = await world.post(f"/v1/agreements/{zoast}/suspend", {"reason": "war"}, world.admin, 422)
    assert bad.json()["code"] == "validation_failed"
    # The platform admin acts for any corridor, whose cases it cannot read.
    await world.post(f"/v1/agreements/{zoast}/suspend", body, world.admin)
    await world.post(f"/v1/agreements/{zoast}/resume", None, world.admin)


async def test_a_case_held_by_the_corridor_can_be_resumed_alone_and_then_is_not_its(world):
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    first, second = [await _zoast_case(world, patient, "accepted") for _ in range(2)]
    coordinator = world.headers("tourcoing", "coordinator")
    zoast = world.agreements["zoast"]
    await world.post(f"/v1/agreements/{zoast}/pause-intake", {"reason": "capacity"}, coordinator)
    # One patient goes anyway (by sea): resumed alone, then put on hold for its own reason.
    await act(world, first, "resume", None, coordinator)
    await act(world, first, "hold", {"reason": "Waiting for the ferry"}, coordinator)
    resumed = await world.post(f"/v1/agreements/{zoast}/resume-intake", None, coordinator)
    assert resumed.json()["resumed_count"] == 1
    states = await _statuses(world, [first, second])
    assert states[first["id"]][:2] == ("on_hold", "accepted")
    assert states[second["id"]][:2] == ("accepted", None)
