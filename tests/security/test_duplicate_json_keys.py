"""A JSON body that names a member twice is refused (422 `duplicate_key`) on every
operation, at any depth, before anything is written (issue 23, item 10): which of the
two a parser keeps differs between parsers, so a proxy or a reviewer may read the
other one."""

from __future__ import annotations

import pytest


async def _refused(client, method: str, path: str, body: str, headers: dict) -> dict:
    response = await client.request(
        method, path, content=body, headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 422, (path, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "duplicate_key", problem
    return problem


@pytest.mark.parametrize(
    "body",
    [
        '{"name": "Harmless", "name": "Evil", "kind": "payer", "country": "BE"}',
        '{"name": "A", "kind": "payer", "country": "BE", "identifiers": '
        '[{"system": "siret", "value": "1", "value": "2"}]}',
        '{"name": "A", "kind": "payer", "kind": "payer", "country": "BE"}',
    ],
    ids=["top-level", "nested", "same-value"],
)
async def test_a_body_naming_a_member_twice_is_refused_and_nothing_is_created(client, auth, body):
    admin = auth(None, "admin", sub="dup-admin")
    before = (await client.get("/v1/organizations", headers=admin)).json()["items"]
    problem = await _refused(client, "POST", "/v1/organizations", body, admin)
    assert problem["member"] in ("name", "value", "kind")
    after = (await client.get("/v1/organizations", headers=admin)).json()["items"]
    assert after == before


async def test_an_action_body_and_a_patch_are_refused_too(client, auth):
    admin = auth(None, "admin", sub="dup-admin")
    org = await client.post(
        "/v1/organizations",
        json={"name": "Ref", "kind": "referring_facility", "country": "LC"},
        headers=admin,
    )
    referrer = auth(org.json()["id"], "referrer")
    patient = await client.post(
        "/v1/patients",
        json={
            "family_name": "Doe",
            "sex": "female",
            "residence": {"country": "LC"},
            "identifiers": [{"system": "passport", "value": "DUP-1"}],
        },
        headers=referrer,
    )
    assert patient.status_code == 201, patient.text
    path = f"/v1/patients/{patient.json()['id']}"
    await _refused(
        client,
        "PATCH",
        path,
        '{"family_name": "Doe", "family_name": "Smith"}',
        {**referrer, "If-Match": patient.headers["ETag"]},
    )
    assert (await client.get(path, headers=referrer)).json()["family_name"] == "Doe"


async def test_a_body_with_unique_members_still_passes(client, auth):
    admin = auth(None, "admin", sub="dup-admin")
    response = await client.post(
        "/v1/organizations",
        content='{"name": "Fine", "kind": "payer", "country": "BE", "identifiers": '
        '[{"system": "a", "value": "1"}, {"system": "a", "value": "1"}]}',
        headers={**admin, "Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
