"""The public directory hands out no organisation or agreement id (issue 23, item 10c):
organisations and agreements are named by slug there, in JSON and in the FHIR Bundle.
An id is what every authenticated route takes; a slug opens nothing."""

from __future__ import annotations

import re

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


async def test_the_public_directory_shows_slugs_and_no_organisation_or_agreement_id(
    security_world,
):
    world = security_world
    ids = {
        value
        for tenant in world.tenants.values()
        for value in (*tenant.orgs.values(), tenant.agreement, tenant.corridor)
    }
    admin = world.headers(None, "admin")
    tenant = world.tenants["A"]
    receiver = await world.client.get(f"/v1/organizations/{tenant.orgs['recv']}", headers=admin)
    zoast = await world.client.get(f"/v1/agreements/{tenant.agreement}", headers=admin)
    question = {"residence_country": "BE", "postal_code": "7000"}

    plain = await world.client.get("/v1/directory", params=question)
    assert plain.status_code == 200, plain.text
    facilities = plain.json()["facilities"]
    assert receiver.json()["slug"] in [facility["slug"] for facility in facilities]
    for facility in facilities:
        assert SLUG.match(facility["slug"])
        for agreement in facility["agreements"]:
            assert SLUG.match(agreement["slug"]) and "id" not in agreement
        for service in facility["services"]:
            assert set(service["agreements"]) <= {a["slug"] for a in facility["agreements"]}
    assert zoast.json()["slug"] in plain.text

    fhir = await world.client.get("/v1/directory/fhir", params=question)
    assert fhir.status_code == 200, fhir.text
    organizations = [
        entry["resource"]
        for entry in fhir.json()["entry"]
        if entry["resource"]["resourceType"] == "Organization"
    ]
    assert receiver.json()["slug"] in [resource["id"] for resource in organizations]

    for answer in (plain, fhir):
        leaked = [value for value in ids if value in answer.text]
        assert leaked == [], leaked
