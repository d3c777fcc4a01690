"""The office's worklist (GET /v1/cases) and the refusal of unknown query parameters."""

import uuid

from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case


async def _cases(world, headers, **params):
    response = await world.client.get("/v1/cases", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_every_operation_refuses_an_unknown_query_parameter(world, app):
    """Each operation of the document, called with a parameter it does not declare, is 400
    unknown_parameter: before authentication, so it changes nothing and reveals nothing."""
    schema = app.openapi()
    called = 0
    for path, item in schema["paths"].items():
        for method in ("get", "post", "patch", "put", "delete"):
            if method not in item:
                continue
            concrete = path
            for parameter in item[method].get("parameters", []):
                if parameter["in"] == "path":
                    concrete = concrete.replace("{" + parameter["name"] + "}", str(uuid.uuid4()))
            response = await world.client.request(
                method.upper(), concrete, params={"priorty": "emergency"}, headers=world.admin
            )
            assert response.status_code == 400, (method, path, response.text)
            problem = response.json()
            assert response.headers["content-type"].startswith("application/problem+json")
            assert problem["code"] == "unknown_parameter", (method, path)
            assert problem["parameters"] == ["priorty"]
            assert "400" in item[method]["responses"], (method, path)
            called += 1
    assert called > 40


async def test_declared_parameters_still_work_and_a_misspelt_one_is_named(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    fine = await world.client.get("/v1/cases", params={"limit": 5}, headers=coordinator)
    assert fine.status_code == 200
    refused = await world.client.get(
        "/v1/cases", params={"limit": 5, "Status": "submitted"}, headers=coordinator
    )
    assert refused.status_code == 400
    assert refused.json()["parameters"] == ["Status"]
    assert "status" in refused.json()["detail"]


async def _three_cases(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    coverage = {"route": "s2", "payer_organization_id": world.orgs["lc_ministry"]}
    routine = await new_case(world, "castries", "chu_martinique", patient, coverage)
    urgent = await new_case(
        world, "castries", "chu_martinique", patient, coverage, priority="urgent"
    )
    emergency = await new_case(
        world, "castries", "chu_martinique", patient, coverage, priority="emergency"
    )
    await act(world, urgent, "submit", None, referrer)
    await act(world, emergency, "submit", None, referrer)
    await act(world, emergency, "accept", {"reason": "Polytrauma"}, coordinator)
    return routine, urgent, emergency


async def test_the_worklist_filters_by_exact_reference_statuses_and_priorities(world):
    routine, urgent, emergency = await _three_cases(world)
    referrer = world.headers("castries", "referrer")

    by_reference = await _cases(world, referrer, reference=urgent["reference"])
    assert [case["id"] for case in by_reference] == [urgent["id"]]
    assert await _cases(world, referrer, reference=urgent["reference"] + "9") == []
    lower = await _cases(world, referrer, reference=urgent["reference"].lower())
    assert [case["id"] for case in lower] == [urgent["id"]]

    mine = {routine["id"], urgent["id"], emergency["id"]}

    def ids(items):
        return {case["id"] for case in items} & mine

    assert ids(await _cases(world, referrer, status="draft")) == {routine["id"]}
    two = await world.client.get(
        "/v1/cases",
        params=[("status", "draft"), ("status", "accepted")],
        headers=referrer,
    )
    assert ids(two.json()["items"]) == {routine["id"], emergency["id"]}
    assert ids(await _cases(world, referrer, status="draft,submitted")) == {
        routine["id"],
        urgent["id"],
    }
    assert ids(await _cases(world, referrer, priority="emergency")) == {emergency["id"]}
    assert ids(await _cases(world, referrer, priority="urgent,emergency")) == {
        urgent["id"],
        emergency["id"],
    }
    assert ids(await _cases(world, referrer, priority="urgent", status="accepted")) == set()

    wrong = await world.client.get("/v1/cases", params={"status": "teleported"}, headers=referrer)
    assert wrong.status_code == 422 and wrong.json()["code"] == "validation_failed"
