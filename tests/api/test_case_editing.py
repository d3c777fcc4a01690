"""PATCH /v1/cases/{id}: the fields a status allows, with If-Match."""

from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case


async def test_a_draft_is_fully_editable_then_identity_freezes(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    path = f"/v1/cases/{case['id']}"

    edited = await world.client.patch(
        path,
        json={"specialty": "oncology", "priority": "urgent", "clinical_summary": "Updated."},
        headers={**referrer, "If-Match": '"1"'},
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["specialty"] == "oncology" and edited.json()["priority"] == "urgent"
    assert edited.headers["etag"] == '"2"'

    await act(world, {"id": case["id"]}, "submit", None, referrer)
    frozen = await world.client.patch(
        path, json={"specialty": "neurology"}, headers={**coordinator, "If-Match": '"3"'}
    )
    assert frozen.status_code == 409
    assert frozen.json()["code"] == "field_not_editable"
    assert frozen.json()["current_status"] == "submitted"
    allowed = await world.client.patch(
        path,
        json={"clinical_summary": "Echo attached."},
        headers={**coordinator, "If-Match": '"3"'},
    )
    assert allowed.status_code == 200 and allowed.json()["clinical_summary"] == "Echo attached."

    payer_like = await world.client.patch(
        path,
        json={"clinical_summary": "x"},
        headers={**world.headers("chu_guadeloupe", "coordinator"), "If-Match": '"4"'},
    )
    assert payer_like.status_code == 404
    timeline = (await world.client.get(f"{path}/timeline", headers=referrer)).json()["items"]
    assert [e["type"] for e in timeline] == [
        "case.created",
        "case.updated",
        "case.submitted",
        "case.updated",
    ]
    assert timeline[1]["data"] == {"fields": "clinical_summary,priority,specialty"}


async def test_patch_needs_if_match_and_refuses_unknown_fields(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    path = f"/v1/cases/{case['id']}"
    missing = await world.client.patch(path, json={"priority": "urgent"}, headers=referrer)
    assert missing.status_code == 428
    status = await world.client.patch(
        path, json={"status": "closed"}, headers={**referrer, "If-Match": '"1"'}
    )
    assert status.status_code == 422 and status.json()["code"] == "validation_failed"
    after = (await world.client.get(path, headers=referrer)).json()
    assert after["status"] == "draft" and after["version"] == 1


async def test_the_cancellation_reason_is_kept_but_not_shown_to_the_payer(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    coverage = {"route": "self_pay", "payer_organization_id": world.orgs["lc_ministry"]}
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    body = {"reason_code": "other", "reason": "Family decided to travel to Miami"}
    cancelled = await act(world, case, "cancel", body, referrer)
    assert cancelled["cancel_reason"] == "Family decided to travel to Miami"
    payer_view = await world.client.get(
        f"/v1/cases/{case['id']}", headers=world.headers("lc_ministry", "payer")
    )
    assert "cancel_reason" not in payer_view.json()
    assert payer_view.json()["cancel_reason_code"] == "other"
