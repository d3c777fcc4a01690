"""Text longer than its column is a 422 problem, never a 500 from the database (issue 22,
item 7: a `family_name` of 201 to 300 characters passed the schema and the 200-character
column answered 500). The longest text the column holds is accepted."""

from __future__ import annotations

import pytest

from tests.api.conftest import register_patient
from tests.api.test_case_paths import new_case


def _patient(family_name: str) -> dict:
    return {
        "family_name": family_name,
        "sex": "female",
        "residence": {"country": "LC"},
        "identifiers": [{"system": "passport", "value": f"LEN-{len(family_name)}"}],
    }


@pytest.mark.parametrize("length", [201, 250, 300])
async def test_a_family_name_longer_than_its_column_is_a_422(world, length):
    referrer = world.headers("castries", "referrer")
    response = await world.client.post(
        "/v1/patients", json=_patient("N" * length), headers=referrer
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert [error["pointer"] for error in problem["errors"]] == ["/body/family_name"]


async def test_a_family_name_as_long_as_its_column_is_stored(world):
    referrer = world.headers("castries", "referrer")
    response = await world.client.post("/v1/patients", json=_patient("N" * 200), headers=referrer)
    assert response.status_code == 201, response.text
    assert response.json()["family_name"] == "N" * 200


async def test_a_patch_cannot_lengthen_a_family_name_past_its_column(world):
    referrer = world.headers("castries", "referrer")
    patient = await world.client.post("/v1/patients", json=_patient("Short"), headers=referrer)
    response = await world.client.patch(
        f"/v1/patients/{patient.json()['id']}",
        json={"family_name": "N" * 201},
        headers={**referrer, "If-Match": patient.headers["ETag"]},
    )
    assert response.status_code == 422, response.text


async def test_a_companion_and_an_api_client_name_fit_their_columns(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    companion = {
        "full_name": "C" * 201,
        "relationship": "spouse",
        "passport_number": "P1234567",
        "nationality": "LC",
    }
    response = await world.client.post(
        f"/v1/cases/{case['id']}/companions", json=companion, headers=referrer
    )
    assert response.status_code == 422, response.text
    response = await world.client.post(
        "/v1/api-clients",
        json={"name": "A" * 201, "organization_id": world.orgs["castries"], "roles": ["referrer"]},
        headers=world.admin,
    )
    assert response.status_code == 422, response.text
