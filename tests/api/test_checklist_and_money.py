"""The transfer checklist and money on a case."""

from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case


async def accepted_case(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    return case, coordinator


async def test_logistics_tasks_move_forward_only_with_if_match(world):
    case, coordinator = await accepted_case(world)
    base = f"/v1/cases/{case['id']}/logistics-tasks"
    created = await world.post(base, {"kind": "visa", "assignee": "io-desk"}, coordinator, 201)
    task = created.json()
    assert task["status"] == "requested" and created.headers["etag"] == '"1"'
    path = f"{base}/{task['id']}"
    no_match = await world.client.patch(path, json={"status": "in_progress"}, headers=coordinator)
    assert no_match.status_code == 428
    moved = await world.client.patch(
        path, json={"status": "completed"}, headers={**coordinator, "If-Match": '"1"'}
    )
    assert moved.status_code == 200 and moved.json()["status"] == "completed"
    back = await world.client.patch(
        path, json={"status": "in_progress"}, headers={**coordinator, "If-Match": '"2"'}
    )
    assert back.status_code == 409 and back.json()["code"] == "invalid_task_transition"
    unknown = await world.client.post(base, json={"kind": "helicopter"}, headers=coordinator)
    assert unknown.status_code == 422
    referrer = await world.client.post(
        base, json={"kind": "travel"}, headers=world.headers("castries", "referrer")
    )
    assert referrer.status_code == 403
    cased = (await world.client.get(f"/v1/cases/{case['id']}", headers=coordinator)).json()
    assert [t["status"] for t in cased["logistics_tasks"]] == ["completed"]


async def test_the_checklist_is_closed_before_acceptance(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    early = await world.client.post(
        f"/v1/cases/{case['id']}/logistics-tasks", json={"kind": "visa"}, headers=coordinator
    )
    assert early.status_code == 409 and early.json()["code"] == "checklist_closed"


async def test_money_is_checked_against_its_currency(world):
    case, coordinator = await accepted_case(world)
    path = f"/v1/cases/{case['id']}/estimates"
    too_precise = await world.client.post(
        path, json={"total": {"amount": "10.001", "currency": "EUR"}}, headers=coordinator
    )
    assert too_precise.status_code == 422 and too_precise.json()["code"] == "invalid_amount"
    unknown = await world.client.post(
        path, json={"total": {"amount": "10.00", "currency": "ZZZ"}}, headers=coordinator
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_currency"
    as_float = await world.client.post(
        path, json={"total": {"amount": 10.5, "currency": "EUR"}}, headers=coordinator
    )
    assert as_float.status_code == 422 and as_float.json()["code"] == "validation_failed"
    mixed = await world.client.post(
        path,
        json={
            "total": {"amount": "10.00", "currency": "EUR"},
            "lines": [{"description": "bed", "amount": {"amount": "10.00", "currency": "XCD"}}],
        },
        headers=coordinator,
    )
    assert mixed.status_code == 422 and mixed.json()["code"] == "currency_mismatch"
    first = await world.post(
        path, {"total": {"amount": "900", "currency": "XCD"}}, coordinator, 201
    )
    second = await world.post(
        path, {"total": {"amount": "950.50", "currency": "XCD"}}, coordinator, 201
    )
    assert (first.json()["number"], second.json()["number"]) == (1, 2)
    assert first.json()["total"] == {"amount": "900.00", "currency": "XCD"}


async def test_claims_need_care_to_bill_and_the_case_payer(world):
    case, coordinator = await accepted_case(world)
    path = f"/v1/cases/{case['id']}/claims"
    body = {"number": "C-1", "kind": "interim", "total": {"amount": "10.00", "currency": "EUR"}}
    early = await world.client.post(path, json=body, headers=coordinator)
    assert early.status_code == 409 and early.json()["code"] == "claim_not_allowed_in_status"


async def test_the_largest_amount_the_schema_allows_is_stored(world):
    case, coordinator = await accepted_case(world)
    largest = {"amount": "999999999999999.99", "currency": "EUR"}
    stored = await world.post(
        f"/v1/cases/{case['id']}/estimates", {"total": largest}, coordinator, 201
    )
    assert stored.json()["total"] == largest
