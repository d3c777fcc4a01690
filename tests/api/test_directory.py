"""The public directory (issue 17): organisations publish services; a resident asks,
without a token, where an agreement lets them be treated."""

from __future__ import annotations

import httpx
import pytest

from app.main import create_app
from tests.api.conftest import World, register_patient

CARDIOLOGY = {
    "specialty": "cardiology",
    "care_setting": "inpatient",
    "languages": ["fr", "nl"],
    "lead_time_days": 21,
    "contact": {"phone": "+33 3 20 69 49 49", "email": "patients.be@ch-tourcoing.fr"},
}


def service(**changes) -> dict:
    return {**CARDIOLOGY, **changes}


async def publish(world: World, org: str, body: dict, headers: dict, expect: int = 201):
    return await world.post(f"/v1/organizations/{world.orgs[org]}/services", body, headers, expect)


@pytest.fixture
async def offer(world: World) -> World:
    """Tourcoing (ZOAST) and Martinique (CARES) publish; Guadeloupe publishes too but no
    agreement binds it."""
    tourcoing = world.headers("tourcoing", "coordinator")
    await publish(world, "tourcoing", service(), tourcoing)
    # Excluded by the ZOAST agreement: never shown under it.
    await publish(
        world,
        "tourcoing",
        service(specialty="cosmetic_surgery", care_setting="day_case"),
        tourcoing,
    )
    await publish(
        world,
        "chu_martinique",
        service(languages=["fr", "en"], lead_time_days=10, contact={"phone": "+596 596 55 20 00"}),
        world.headers("chu_martinique", "org_admin"),
    )
    await publish(world, "chu_guadeloupe", service(languages=["fr"]), world.admin)
    return world


async def slug(world: World, kind: str, key: str) -> str:
    """The public slug of one of the world's organisations or agreements (its admin view)."""
    ids = world.orgs if kind == "organizations" else world.agreements
    answer = await world.client.get(f"/v1/{kind}/{ids[key]}", headers=world.admin)
    assert answer.status_code == 200, answer.text
    return answer.json()["slug"]


async def ask(client, **params) -> httpx.Response:
    return await client.get("/v1/directory", params=params)


async def test_a_zoast_resident_sees_tourcoing_under_zoast_without_a_token(offer: World):
    response = await ask(offer.client, residence_country="BE", postal_code="7000")
    assert response.status_code == 200, response.text
    facilities = response.json()["facilities"]
    assert [f["slug"] for f in facilities] == [await slug(offer, "organizations", "tourcoing")]
    (facility,) = facilities
    (agreement,) = facility["agreements"]
    assert agreement["slug"] == await slug(offer, "agreements", "zoast")
    assert agreement["kind"] == "zoast"
    assert agreement["prior_authorisation_required"] is False
    assert agreement["advance_payment_required"] is False
    assert agreement["what_to_bring"] == ["health_insurance_card", "proof_of_residence"]
    # The agreement excludes cosmetic surgery: only cardiology is offered under it.
    assert [s["specialty"] for s in facility["services"]] == ["cardiology"]
    (cardiology,) = facility["services"]
    assert cardiology["agreements"] == [agreement["slug"]]
    assert cardiology["lead_time_days"] == 21
    assert cardiology["care_setting"] == "inpatient"
    # A postcode prefix of the zone counts, written loosely.
    prefixed = await ask(offer.client, residence_country="BE", postal_code="75 01")
    assert [f["name"] for f in prefixed.json()["facilities"]] == ["CH Tourcoing"]


async def test_a_belgian_resident_outside_the_zone_is_offered_nothing(offer: World):
    response = await ask(offer.client, residence_country="BE", postal_code="1000")
    assert response.status_code == 200
    assert response.json()["facilities"] == []
    # No postcode: a zone made of postcodes cannot be said to cover the resident.
    assert (await ask(offer.client, residence_country="BE")).json()["facilities"] == []


async def test_a_saint_lucia_resident_sees_martinique_under_cares(offer: World):
    response = await ask(offer.client, residence_country="LC")
    assert response.status_code == 200, response.text
    (facility,) = response.json()["facilities"]
    assert facility["slug"] == await slug(offer, "organizations", "chu_martinique")
    assert facility["country"] == "MQ"
    (agreement,) = facility["agreements"]
    assert agreement["slug"] == await slug(offer, "agreements", "cares")
    assert agreement["prior_authorisation_required"] is True
    assert agreement["advance_payment_required"] is True
    assert agreement["what_to_bring"] == ["ministry_guarantee_letter", "passport"]
    assert facility["services"][0]["contact"]["phone"] == "+596 596 55 20 00"
    # Guadeloupe published the same service, but no agreement covers a Saint Lucian there.
    assert offer.orgs["chu_guadeloupe"] not in response.text


async def test_a_resident_of_a_country_without_agreement_sees_nothing(offer: World):
    response = await ask(offer.client, residence_country="DM")
    assert response.json()["facilities"] == []


async def test_specialty_and_language_filters(offer: World):
    english = await ask(offer.client, residence_country="LC", language="en")
    assert len(english.json()["facilities"]) == 1
    dutch = await ask(offer.client, residence_country="LC", language="nl")
    assert dutch.json()["facilities"] == []
    # "nl-BE" is served by a service declared as plain "nl".
    flemish = await ask(offer.client, residence_country="BE", postal_code="7000", language="nl-BE")
    assert [f["name"] for f in flemish.json()["facilities"]] == ["CH Tourcoing"]
    oncology = await ask(offer.client, residence_country="LC", specialty="oncology")
    assert oncology.json()["facilities"] == []
    # Asking for the excluded specialty itself finds nothing under ZOAST.
    excluded = await ask(
        offer.client, residence_country="BE", postal_code="7000", specialty="cosmetic_surgery"
    )
    assert excluded.json()["facilities"] == []


async def test_etag_and_not_modified(offer: World):
    first = await ask(offer.client, residence_country="LC")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public")
    again = await offer.client.get(
        "/v1/directory", params={"residence_country": "LC"}, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    # A new service changes the answer, and so its ETag.
    await publish(
        offer,
        "chu_martinique",
        service(specialty="oncology", languages=["fr"]),
        offer.headers("chu_martinique", "coordinator"),
    )
    changed = await offer.client.get(
        "/v1/directory", params={"residence_country": "LC"}, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert {s["specialty"] for s in changed.json()["facilities"][0]["services"]} == {
        "cardiology",
        "oncology",
    }


async def test_nothing_private_leaks(offer: World):
    patient = await register_patient(offer, "castries", country="LC")
    response = await ask(offer.client, residence_country="LC")
    text = response.text
    assert patient["id"] not in text
    assert "Joseph" not in text
    # Agreements show their terms, not who pays nor the zone's details.
    assert offer.orgs["lc_ministry"] not in text
    # No organisation or agreement id at all: the directory names them by slug.
    for ids in (offer.orgs, offer.agreements):
        assert not any(value in text for value in ids.values())
    for facility in response.json()["facilities"]:
        assert set(facility) == {"slug", "name", "country", "agreements", "services"}
        for agreement in facility["agreements"]:
            assert set(agreement) == {
                "slug",
                "name",
                "kind",
                "prior_authorisation_required",
                "advance_payment_required",
                "what_to_bring",
                "suspended",
                "suspension_reason",
            }


async def test_bad_questions_are_refused(offer: World):
    assert (await ask(offer.client, residence_country="lc")).status_code == 422
    forged = await ask(offer.client, cursor="eyJ9.forged")
    assert (forged.status_code, forged.json()["code"]) == (422, "invalid_cursor")
    bad_language = await ask(offer.client, residence_country="LC", language="not a tag")
    assert bad_language.status_code == 422
    assert bad_language.headers["content-type"].startswith("application/problem+json")


async def test_without_a_residence_the_directory_lists_the_whole_offer_a_page_at_a_time(
    offer: World,
):
    async def slug(kind: str, object_id: str) -> str:
        found = await offer.client.get(f"/v1/{kind}/{object_id}", headers=offer.admin)
        return found.json()["slug"]

    tourcoing_slug = await slug("organizations", offer.orgs["tourcoing"])
    martinique_slug = await slug("organizations", offer.orgs["chu_martinique"])
    first = await ask(offer.client, limit=1)
    assert first.status_code == 200, first.text
    assert first.json()["residence_country"] is None
    (tourcoing,) = first.json()["facilities"]  # names in order: "CH Tourcoing" first
    assert tourcoing["slug"] == tourcoing_slug
    assert [s["specialty"] for s in tourcoing["services"]] == ["cardiology"]  # ZOAST excludes
    assert first.json()["next_cursor"]
    second = await ask(offer.client, limit=1, cursor=first.json()["next_cursor"])
    (martinique,) = second.json()["facilities"]
    assert martinique["slug"] == martinique_slug
    assert [a["slug"] for a in martinique["agreements"]] == [
        await slug("agreements", offer.agreements["cares"])
    ]
    # Guadeloupe published, but no agreement binds it: not offered. The last page says so.
    assert second.json()["next_cursor"] is None
    whole = await ask(offer.client)
    assert [f["slug"] for f in whole.json()["facilities"]] == [tourcoing_slug, martinique_slug]
    assert whole.json()["next_cursor"] is None
    # As FHIR, the page links to the next one (the same question, the cursor added).
    bundle = await offer.client.get(
        "/v1/directory", params={"limit": 1}, headers={"Accept": "application/fhir+json"}
    )
    links = {link["relation"]: link["url"] for link in bundle.json()["link"]}
    assert "limit=1" in links["next"] and "cursor=" in links["next"]
    following = await offer.client.get(links["next"], headers={"Accept": "application/fhir+json"})
    organisations = [
        entry["resource"]["name"]
        for entry in following.json()["entry"]
        if entry["resource"]["resourceType"] == "Organization"
    ]
    assert organisations == ["CHU de Martinique"]
    assert "next" not in {link["relation"] for link in following.json()["link"]}
    # A specialty narrows the offer as it narrows a resident's question.
    assert (await ask(offer.client, specialty="oncology")).json()["facilities"] == []


async def test_who_may_publish(world: World):
    # Another organisation's coordinator, a referrer of the organisation, no token.
    # Another organisation's services are not the caller's: 404, as everywhere.
    await publish(world, "tourcoing", service(), world.headers("castries", "coordinator"), 404)
    await publish(world, "tourcoing", service(), world.headers("tourcoing", "referrer"), 403)
    await publish(world, "tourcoing", service(), {}, 401)
    await publish(world, "tourcoing", service(care_setting="home"), world.admin, 422)
    await publish(world, "tourcoing", service(lead_time_days=-1), world.admin, 422)
    missing = "/v1/organizations/00000000-0000-4000-8000-000000000000/services"
    assert (
        await world.client.post(missing, json=service(), headers=world.admin)
    ).status_code == 404
    # Nothing was published by the refusals.
    found = await ask(world.client, residence_country="BE", postal_code="7000")
    assert found.json()["facilities"] == []


async def test_withdraw(offer: World):
    listed = await ask(offer.client, residence_country="BE", postal_code="7000")
    service_id = listed.json()["facilities"][0]["services"][0]["id"]
    path = f"/v1/organizations/{offer.orgs['tourcoing']}/services/{service_id}"
    other = offer.headers("chu_martinique", "coordinator")
    assert (await offer.client.delete(path, headers=other)).status_code == 404
    mine = offer.headers("tourcoing", "coordinator")
    assert (await offer.client.delete(path, headers=mine)).status_code == 204
    assert (await offer.client.delete(path, headers=mine)).status_code == 404
    after = await ask(offer.client, residence_country="BE", postal_code="7000")
    assert after.json()["facilities"] == []


async def test_rate_limited_per_client_address(settings, sessionmaker):
    strict = settings.model_copy(update={"rate_limit_per_minute": 1, "rate_limit_burst": 2})
    app = create_app(strict, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        answers = [await ask(client, residence_country="LC") for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert int(answers[2].headers["Retry-After"]) >= 1
        assert answers[2].json()["code"] == "rate_limited"
    # Another address has its own allowance.
    transport = httpx.ASGITransport(app=app, client=("203.0.113.8", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        assert (await ask(client, residence_country="LC")).status_code == 200


async def test_a_suspended_corridor_is_flagged_in_the_directory_until_it_resumes(offer: World):
    zoast = offer.agreements["zoast"]
    coordinator = offer.headers("tourcoing", "coordinator")

    async def terms() -> dict:
        response = await ask(offer.client, residence_country="BE", postal_code="7000")
        assert response.status_code == 200, response.text
        (facility,) = response.json()["facilities"]
        (agreement,) = facility["agreements"]
        return agreement

    before = await terms()
    assert (before["suspended"], before["suspension_reason"]) == (False, None)
    # The platform admin suspends the corridor (a hospital pauses only its own intake).
    await offer.post(
        f"/v1/agreements/{zoast}/suspend",
        {"reason": "border_closure", "note": "Prefect's order 2026-114"},
        offer.admin,
    )
    during = await terms()
    assert (during["suspended"], during["suspension_reason"]) == (True, "border_closure")
    assert "Prefect" not in str(during)  # the note is not public
    await offer.post(f"/v1/agreements/{zoast}/resume", None, offer.admin)
    after = await terms()
    assert (after["suspended"], after["suspension_reason"]) == (False, None)
    # The hospital's own intake pause flags its offer the same way.
    await offer.post(f"/v1/agreements/{zoast}/pause-intake", {"reason": "capacity"}, coordinator)
    paused = await terms()
    assert (paused["suspended"], paused["suspension_reason"]) == (True, "capacity")
    await offer.post(f"/v1/agreements/{zoast}/resume-intake", None, coordinator)
    assert (await terms())["suspended"] is False
