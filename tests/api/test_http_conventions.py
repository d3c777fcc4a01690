"""HTTP conventions: tenancy, If-Match, Idempotency-Key, pagination, problems.

A refused request changes nothing."""

import uuid

from tests.api.conftest import register_patient
from tests.api.test_case_paths import new_case

COVERAGE = {"route": "self_pay"}


async def test_cases_of_two_corridors_never_see_each_other(world):
    lc = await register_patient(world, "castries")
    be = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    cares = await new_case(world, "castries", "chu_martinique", lc, COVERAGE)
    zoast = await new_case(world, "mons_gp", "tourcoing", be, COVERAGE)
    martinique = world.headers("chu_martinique", "coordinator")
    tourcoing = world.headers("tourcoing", "coordinator")

    assert (
        await world.client.get(f"/v1/cases/{zoast['id']}", headers=martinique)
    ).status_code == 404
    assert (
        await world.client.get(f"/v1/cases/{cares['id']}", headers=tourcoing)
    ).status_code == 404
    foreign = await world.client.post(
        f"/v1/cases/{zoast['id']}/accept", json={"reason": "x"}, headers=martinique
    )
    assert foreign.status_code == 404 and foreign.json()["code"] == "not_found"
    timeline = await world.client.get(f"/v1/cases/{zoast['id']}/timeline", headers=martinique)
    assert timeline.status_code == 404
    assert (
        await world.client.get(f"/v1/patients/{be['id']}", headers=martinique)
    ).status_code == 404

    listed = (await world.client.get("/v1/cases", headers=martinique)).json()["items"]
    assert [case["id"] for case in listed] == [cares["id"]]
    mine = (await world.client.get("/v1/patients", headers=tourcoing)).json()["items"]
    assert [p["id"] for p in mine] == [be["id"]]  # visible through the shared case
    # A receiving organisation's coordinator can still not see an unrelated case's patient.
    assert lc["id"] not in {p["id"] for p in mine}


async def test_unknown_and_foreign_ids_answer_the_same(world):
    headers = world.headers("chu_martinique", "coordinator")
    missing = await world.client.get(f"/v1/cases/{uuid.uuid4()}", headers=headers)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_if_match_is_honoured_on_actions_and_required_on_patch(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    path = f"/v1/cases/{case['id']}"
    stale = await world.client.post(f"{path}/submit", headers={**referrer, "If-Match": '"7"'})
    assert stale.status_code == 412 and stale.json()["code"] == "precondition_failed"
    fresh = await world.client.post(f"{path}/submit", headers={**referrer, "If-Match": '"1"'})
    assert fresh.status_code == 200 and fresh.headers["etag"] == '"2"'

    unconditional = await world.client.patch(
        f"/v1/patients/{patient['id']}", json={"languages": ["fr"]}, headers=referrer
    )
    assert unconditional.status_code == 428
    assert unconditional.json()["code"] == "precondition_required"
    stale_patch = await world.client.patch(
        f"/v1/patients/{patient['id']}",
        json={"languages": ["fr"]},
        headers={**referrer, "If-Match": '"9"'},
    )
    assert stale_patch.status_code == 412
    patched = await world.client.patch(
        f"/v1/patients/{patient['id']}",
        json={"languages": ["fr", "en"]},
        headers={**referrer, "If-Match": '"1"'},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["languages"] == ["fr", "en"] and patched.headers["etag"] == '"2"'


async def test_a_null_body_is_malformed_before_any_precondition(world):
    """An action's body is optional, but a body that is sent is an object: JSON `null` is
    422 `validation_failed`, not taken as no body and then refused for its stale If-Match
    (schemathesis found the 412)."""
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    referrer = world.headers("castries", "referrer")
    path = f"/v1/cases/{case['id']}"
    for action in ("close", "submit"):
        answer = await world.client.post(
            f"{path}/{action}",
            content=b"null",
            headers={**referrer, "Content-Type": "application/json", "If-Match": "null"},
        )
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        problem = answer.json()
        assert problem["code"] == "validation_failed"
        assert "not null" in problem["errors"][0]["detail"]
    after = (await world.client.get(path, headers=referrer)).json()
    assert (after["status"], after["version"]) == (case["status"], case["version"])
    # Without a body at all the action runs as before.
    submitted = await world.client.post(f"{path}/submit", headers=referrer)
    assert submitted.status_code == 200, submitted.text


async def test_idempotency_key_replays_and_refuses_another_body(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["chu_martinique"],
        "specialty": "oncology",
        "coverage": COVERAGE,
    }
    headers = {**referrer, "Idempotency-Key": "referral-77"}
    first = await world.client.post("/v1/cases", json=body, headers=headers)
    second = await world.client.post("/v1/cases", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert second.json()["id"] == first.json()["id"]
    assert second.headers["location"] == first.headers["location"]
    listed = (await world.client.get("/v1/cases", headers=referrer)).json()["items"]
    assert len(listed) == 1
    other = await world.client.post(
        "/v1/cases", json={**body, "specialty": "neurology"}, headers=headers
    )
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    # The same key from another organisation is another key.
    dominica = world.headers("dominica", "referrer")
    theirs = await world.client.post(
        "/v1/cases",
        json={"receiving_organization_id": world.orgs["chu_guadeloupe"], "coverage": COVERAGE},
        headers={**dominica, "Idempotency-Key": "referral-77"},
    )
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]


async def test_refused_actions_change_nothing_and_write_no_event(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    path = f"/v1/cases/{case['id']}"
    refused = [
        (await world.client.post(f"{path}/admit", json={"unit": "x"}, headers=coordinator), 409),
        (await world.client.post(f"{path}/accept", json={"reason": "x"}, headers=coordinator), 409),
        (await world.client.post(f"{path}/submit", json={"extra": 1}, headers=referrer), 422),
        (
            await world.client.post(
                f"{path}/cancel", json={"reason_code": "bogus"}, headers=referrer
            ),
            422,
        ),
        (await world.client.post(f"{path}/submit", headers=coordinator | {"If-Match": '"0"'}), 412),
    ]
    for response, status in refused:
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
    wrong_state = refused[0][0].json()
    assert wrong_state["code"] == "invalid_transition"
    assert wrong_state["current_status"] == "draft"
    assert wrong_state["allowed_actions"] == ["submit", "cancel"]
    assert refused[2][0].json()["code"] == "validation_failed"
    assert refused[2][0].json()["errors"][0]["pointer"] == "/body/extra"
    after = (await world.client.get(path, headers=referrer)).json()
    assert after["version"] == 1 and after["status"] == "draft"
    timeline = (await world.client.get(f"{path}/timeline", headers=referrer)).json()["items"]
    assert [event["type"] for event in timeline] == ["case.created"]


async def test_role_outside_the_table_is_403_and_guard_names_what_is_missing(world):
    clinician = world.headers("chu_martinique", "clinician")
    payer = world.headers("lc_ministry", "payer")
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {"route": "self_pay", "payer_organization_id": world.orgs["lc_ministry"]},
        clinical_summary=None,
    )
    path = f"/v1/cases/{case['id']}"
    incomplete = await world.client.post(f"{path}/submit", headers=referrer)
    assert incomplete.status_code == 422
    assert incomplete.json()["missing"] == ["clinical_summary"]
    assert (await world.client.post(f"{path}/submit", headers=clinician)).status_code == 403
    assert (await world.client.post(f"{path}/submit", headers=payer)).status_code == 403
    assert (await world.client.get(path, headers=payer)).json()["allowed_actions"] == []


async def test_keyset_pagination_walks_every_case_once(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    created = [
        (await new_case(world, "castries", "chu_martinique", patient, COVERAGE))["id"]
        for _ in range(5)
    ]
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await world.client.get("/v1/cases", params=params, headers=referrer)).json()
        seen += [case["id"] for case in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == created
    bad = await world.client.get("/v1/cases", params={"cursor": "not-a-cursor"}, headers=referrer)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_cursor"
    too_many = await world.client.get("/v1/cases", params={"limit": 500}, headers=referrer)
    assert too_many.status_code == 422


async def test_patient_registry_refuses_duplicate_identifiers(world):
    identifier = {"system": "passport", "value": "LC7654321"}
    first = await register_patient(world, "castries", identifier=identifier)
    body = {"family_name": "Other", "residence": {"country": "LC"}, "identifiers": [identifier]}
    same_org = await world.client.post(
        "/v1/patients", json=body, headers=world.headers("castries", "referrer")
    )
    assert same_org.status_code == 409
    assert same_org.json()["code"] == "duplicate_identifier"
    assert same_org.json()["existing_id"] == first["id"]
    other_org = await world.client.post(
        "/v1/patients", json=body, headers=world.headers("dominica", "referrer")
    )
    # Unique per registering organisation: another organisation registers its own record,
    # and learns nothing about the first one.
    assert other_org.status_code == 201, other_org.text
    assert other_org.json()["id"] != first["id"]
    found = await world.client.get(
        "/v1/patients",
        params={"identifier": "passport|LC7654321"},
        headers=world.headers("castries", "referrer"),
    )
    assert [p["id"] for p in found.json()["items"]] == [first["id"]]
    payer = await world.client.post(
        "/v1/patients", json=body, headers=world.headers("lc_ministry", "payer")
    )
    assert payer.status_code == 403


async def test_eligibility_answers_from_the_agreements(world):
    headers = world.headers("mons_gp", "referrer")
    params = {
        "residence_country": "BE",
        "postal_code": "7000",
        "receiving_organization_id": world.orgs["tourcoing"],
        "specialty": "cardiology",
    }
    eligible = (await world.client.get("/v1/eligibility", params=params, headers=headers)).json()
    assert eligible["eligible"] is True
    assert [a["agreement"]["kind"] for a in eligible["agreements"]] == ["zoast"]
    assert eligible["prior_authorisation_required"] is False
    excluded = await world.client.get(
        "/v1/eligibility", params={**params, "specialty": "cosmetic_surgery"}, headers=headers
    )
    assert excluded.json()["eligible"] is False
    cares = await world.client.get(
        "/v1/eligibility", params={"residence_country": "LC"}, headers=headers
    )
    assert cares.json()["advance_payment_required"] is True
    assert cares.json()["agreements"][0]["deposit_ratio"] == "0.5"


async def test_only_admins_create_organisations_and_agreements(world):
    body = {"name": "Rogue", "kind": "payer", "country": "FR"}
    refused = await world.client.post(
        "/v1/organizations", json=body, headers=world.headers("chu_martinique", "coordinator")
    )
    assert refused.status_code == 403
    listed = await world.client.get(
        "/v1/organizations", headers=world.headers("castries", "referrer")
    )
    assert "Rogue" not in {org["name"] for org in listed.json()["items"]}


async def test_a_forged_cursor_is_422_on_every_id_ordered_list(world, settings):
    from app.platform.paging import Cursors

    # Signed with the server's key but carrying garbage: refused after the signature check.
    encode_cursor = Cursors(settings.secret_key.get_secret_value()).encode

    headers = world.headers("castries", "referrer")
    for path, kind in (
        ("/v1/organizations", "organizations"),
        ("/v1/agreements", "agreements"),
        ("/v1/patients", "patients"),
    ):
        forged = encode_cursor(kind, ["not-a-uuid"])
        response = await world.client.get(path, params={"cursor": forged}, headers=headers)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["code"] == "invalid_cursor"
