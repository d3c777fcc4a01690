"""The directory as FHIR R4: a searchset Bundle of HealthcareService and Organization
resources, checked against the fhir.resources R4B models, answering the same residents as
the JSON directory."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.organization import Organization

from tests.api.conftest import World
from tests.api.test_directory import offer

__all__ = ["offer"]


async def fhir_directory(world: World, **params) -> dict:
    response = await world.client.get("/v1/directory/fhir", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = response.json()
    Bundle.model_validate(bundle)  # raises on any invalid element
    return bundle


def resources(bundle: dict, kind: str, mode: str) -> list[dict]:
    found = [
        entry
        for entry in bundle["entry"]
        if entry["resource"]["resourceType"] == kind and entry["search"]["mode"] == mode
    ]
    return [entry["resource"] for entry in found]


async def test_a_zoast_resident_gets_tourcoings_service_as_fhir_without_a_token(
    offer: World,
):
    bundle = await fhir_directory(offer, residence_country="BE", postal_code="7000")
    assert bundle["type"] == "searchset" and bundle["total"] == 1
    (service,) = resources(bundle, "HealthcareService", "match")
    HealthcareService.model_validate(service)
    (organization,) = resources(bundle, "Organization", "include")
    Organization.model_validate(organization)
    assert organization["id"] == offer.orgs["tourcoing"]
    assert organization["name"] == "CH Tourcoing"
    assert organization["address"] == [{"country": "FR"}]
    assert service["providedBy"]["reference"] == f"Organization/{offer.orgs['tourcoing']}"
    assert service["specialty"][0]["coding"][0]["code"] == "cardiology"
    assert service["characteristic"][0]["coding"][0]["code"] == "inpatient"
    assert [c["coding"][0]["code"] for c in service["communication"]] == ["fr", "nl"]
    assert {"system": "phone", "value": "+33 3 20 69 49 49", "use": "work"} in service["telecom"]
    (program,) = service["program"]
    assert program["coding"][0]["code"] == offer.agreements["zoast"]
    (eligibility,) = service["eligibility"]
    assert eligibility["comment"] == (
        "No prior authorisation or advance payment required."
        " Bring: health insurance card, proof of residence."
    )
    assert service["availabilityExceptions"] == "Typical lead time: 21 days."
    # Excluded by the agreement: cosmetic surgery is no match.
    assert "cosmetic_surgery" not in str(bundle)


async def test_a_saint_lucia_resident_gets_martinique_with_the_cares_terms(
    offer: World,
):
    bundle = await fhir_directory(offer, residence_country="LC")
    json_answer = (
        await offer.client.get("/v1/directory", params={"residence_country": "LC"})
    ).json()
    (facility,) = json_answer["facilities"]
    services = resources(bundle, "HealthcareService", "match")
    assert [s["id"] for s in services] == [s["id"] for s in facility["services"]]
    assert [o["id"] for o in resources(bundle, "Organization", "include")] == [
        offer.orgs["chu_martinique"]
    ]
    (eligibility,) = services[0]["eligibility"]
    assert eligibility["comment"].startswith(
        "Prior authorisation required; advance payment required."
    )
    assert offer.orgs["chu_guadeloupe"] not in str(bundle)
    nothing = await fhir_directory(offer, residence_country="DM")
    assert nothing["total"] == 0 and nothing["entry"] == []


async def test_the_fhir_directory_is_cacheable_and_checks_its_question(
    offer: World,
):
    first = await offer.client.get("/v1/directory/fhir", params={"residence_country": "LC"})
    assert first.headers["Cache-Control"].startswith("public")
    again = await offer.client.get(
        "/v1/directory/fhir",
        params={"residence_country": "LC"},
        headers={"If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304
    bad = await offer.client.get("/v1/directory/fhir", params={"residence_country": "L1"})
    assert bad.status_code == 422
    unknown = await offer.client.get(
        "/v1/directory/fhir", params={"residence_country": "LC", "colour": "blue"}
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_parameter"
