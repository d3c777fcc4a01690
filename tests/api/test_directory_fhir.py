"""The directory as FHIR R4: a searchset Bundle of HealthcareService and Organization
resources, checked against the fhir.resources R4B models, answering the same residents as
the JSON directory."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.organization import Organization

from tests.api.conftest import World
from tests.api.test_directory import offer, slug

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
    tourcoing = await slug(offer, "organizations", "tourcoing")
    assert organization["id"] == tourcoing
    assert organization["name"] == "CH Tourcoing"
    assert organization["address"] == [{"country": "FR"}]
    assert service["providedBy"]["reference"] == f"Organization/{tourcoing}"
    assert service["specialty"][0]["coding"][0]["code"] == "cardiology"
    assert service["characteristic"][0]["coding"][0]["code"] == "inpatient"
    assert [c["coding"][0]["code"] for c in service["communication"]] == ["fr", "nl"]
    assert {"system": "phone", "value": "+33 3 20 69 49 49", "use": "work"} in service["telecom"]
    (program,) = service["program"]
    assert program["coding"][0]["code"] == await slug(offer, "agreements", "zoast")
    # Slugs only: no organisation or agreement id anywhere in the bundle.
    for ids in (offer.orgs, offer.agreements):
        assert not any(value in str(bundle) for value in ids.values())
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
        await slug(offer, "organizations", "chu_martinique")
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


FHIR = "application/fhir+json"


async def test_the_directory_itself_answers_fhir_when_accept_asks_for_it(offer: World):
    question = {"residence_country": "BE", "postal_code": "7000", "specialty": "cardiology"}
    as_fhir = await offer.client.get("/v1/directory", params=question, headers={"Accept": FHIR})
    assert as_fhir.status_code == 200, as_fhir.text
    assert as_fhir.headers["content-type"].startswith(FHIR)
    assert as_fhir.headers["Vary"] == "Accept"
    assert as_fhir.headers["Cache-Control"] == "public, max-age=300"
    bundle = as_fhir.json()
    Bundle.model_validate(bundle)
    for resource in (entry["resource"] for entry in bundle["entry"]):
        kind = {"HealthcareService": HealthcareService, "Organization": Organization}
        kind[resource["resourceType"]].model_validate(resource)
    # The same Bundle as /v1/directory/fhir for the same question, but its own self link.
    dedicated = await fhir_directory(offer, **question)
    assert bundle["total"] == dedicated["total"] == 1
    assert bundle["entry"] == dedicated["entry"]
    assert bundle["link"][0]["url"].split("?")[0].endswith("/v1/directory")
    # The filters apply: a language Tourcoing's cardiology does not speak finds nothing.
    none = await offer.client.get(
        "/v1/directory", params={**question, "language": "pt"}, headers={"Accept": FHIR}
    )
    assert none.json()["total"] == 0 and none.json()["entry"] == []

    # JSON stays the default, with its own ETag; */* and application/* are JSON too.
    plain = await offer.client.get("/v1/directory", params=question)
    assert plain.headers["content-type"].startswith("application/json")
    assert plain.headers["Vary"] == "Accept"
    assert plain.json()["facilities"][0]["slug"] == await slug(offer, "organizations", "tourcoing")
    assert plain.headers["ETag"] != as_fhir.headers["ETag"]
    for accept in ("*/*", "application/*", "application/json", f"{FHIR};q=0.5, */*"):
        same = await offer.client.get("/v1/directory", params=question, headers={"Accept": accept})
        assert same.headers["content-type"].startswith("application/json"), accept
        assert same.headers["ETag"] == plain.headers["ETag"], accept
    preferred = await offer.client.get(
        "/v1/directory", params=question, headers={"Accept": f"application/json;q=0.4, {FHIR}"}
    )
    assert preferred.headers["content-type"].startswith(FHIR)
    assert preferred.headers["ETag"] == as_fhir.headers["ETag"]

    # Revalidation is per representation: the FHIR ETag answers 304 to a FHIR request
    # only; the JSON request with it gets the full JSON answer.
    revalidated = await offer.client.get(
        "/v1/directory",
        params=question,
        headers={"Accept": FHIR, "If-None-Match": as_fhir.headers["ETag"]},
    )
    assert revalidated.status_code == 304 and revalidated.headers["Vary"] == "Accept"
    crossed = await offer.client.get(
        "/v1/directory", params=question, headers={"If-None-Match": as_fhir.headers["ETag"]}
    )
    assert crossed.status_code == 200 and "facilities" in crossed.json()


async def test_an_accept_the_directory_cannot_answer_is_406(offer: World):
    for accept in ("application/xml", "text/html", "application/json;q=0", "not a media type"):
        refused = await offer.client.get(
            "/v1/directory",
            params={"residence_country": "LC"},
            headers={"Accept": accept, "Accept-Language": "fr"},
        )
        assert refused.status_code == 406, accept
        assert refused.headers["content-type"].startswith("application/problem+json")
        problem = refused.json()
        assert problem["code"] == "not_acceptable"
        assert problem["title"] == "Représentation non disponible"
        assert problem["acceptable"] == ["application/json", FHIR]
