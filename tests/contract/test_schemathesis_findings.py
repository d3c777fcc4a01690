"""Regression tests for what Schemathesis found: the server and its contract agree."""

from __future__ import annotations

import uuid


async def test_text_postgresql_cannot_store_is_a_422_not_a_500(client, auth) -> None:
    headers = auth(uuid.uuid4(), "referrer")
    in_query = await client.get(
        "/v1/patients", params={"identifier": "passport|a\x00b"}, headers=headers
    )
    assert in_query.status_code == 422, in_query.text
    assert in_query.headers["content-type"] == "application/problem+json"
    assert in_query.json()["code"] == "unstorable_text"
    in_body = await client.post(
        "/v1/organizations",
        json={"name": "Nul\x00", "kind": "payer", "country": "LC"},
        headers=auth(None, "admin"),
    )
    assert in_body.status_code == 422, in_body.text
    assert in_body.json()["code"] == "validation_failed"


async def test_numbers_are_not_dates(client, auth) -> None:
    headers = auth(uuid.uuid4(), "coordinator")
    for path, params in [
        ("/v1/cases", {"updated_since": "0.5"}),
        ("/v1/stats/flows", {"to": "0"}),
        ("/v1/eligibility", {"on": "1700000000"}),
    ]:
        response = await client.get(path, params=params, headers=headers)
        assert response.status_code == 422, (path, response.text)
    body = {
        "family_name": "Joseph",
        "birth_date": 0,
        "residence": {"country": "LC"},
    }
    response = await client.post("/v1/patients", json=body, headers=auth(uuid.uuid4(), "referrer"))
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == "/body"


async def test_blank_text_and_bad_amounts_are_refused_by_the_schema_too(client, app) -> None:
    schemas = app.openapi()["components"]["schemas"]
    assert schemas["Money"]["properties"]["amount"]["pattern"] == r"^-?[0-9]{1,15}(\.[0-9]{1,4})?$"
    assert "pattern" in schemas["ClaimCreate"]["properties"]["number"]
    assert "pattern" in schemas["Line"]["properties"]["description"]


async def test_405_lists_every_method_of_the_path(client, auth) -> None:
    response = await client.request("OPTIONS", "/v1/cases", headers=auth(uuid.uuid4(), "referrer"))
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_fhir_bundle_is_documented_as_fhir_json(app) -> None:
    operation = app.openapi()["paths"]["/v1/cases/{case_id}/fhir"]["get"]
    assert list(operation["responses"]["200"]["content"]) == ["application/fhir+json"]
