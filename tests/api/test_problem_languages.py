"""Problem texts follow Accept-Language over HTTP; codes and members do not change."""

import uuid

from tests.api.conftest import register_patient


async def test_a_refused_transition_in_french_and_in_english(world) -> None:
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = (
        await world.post(
            "/v1/cases",
            {
                "patient_id": patient["id"],
                "receiving_organization_id": world.orgs["chu_martinique"],
                "specialty": "cardiology",
                "reason": "Angioplasty",
                "clinical_summary": "Unstable angina.",
                "coverage": {"route": "self_pay"},
            },
            referrer,
            201,
        )
    ).json()
    await world.post(f"/v1/cases/{case['id']}/submit", None, referrer)

    french = await world.client.post(
        f"/v1/cases/{case['id']}/submit", headers={**referrer, "Accept-Language": "fr-FR, en;q=0.5"}
    )
    english = await world.client.post(f"/v1/cases/{case['id']}/submit", headers=referrer)

    assert french.status_code == english.status_code == 409
    fr, en = french.json(), english.json()
    assert fr["code"] == en["code"] == "invalid_transition"
    assert fr["title"] == "Transition impossible"
    assert fr["detail"] == "L'action n'est pas possible depuis le statut du dossier (submitted)."
    assert en["title"] == "Transition not possible"
    assert en["detail"] == "'submit' is not possible from status 'submitted'"
    assert fr["current_status"] == en["current_status"] == "submitted"
    assert fr["allowed_actions"] == en["allowed_actions"]
    assert french.headers["content-language"] == "fr"
    assert english.headers["content-language"] == "en"
    assert "accept-language" in french.headers["vary"].lower()


async def test_not_found_validation_and_guard_problems_in_french(world) -> None:
    coordinator = {**world.headers("chu_martinique", "coordinator"), "Accept-Language": "fr"}
    missing = await world.client.get(f"/v1/cases/{uuid.uuid4()}", headers=coordinator)
    assert missing.status_code == 404
    assert (missing.json()["code"], missing.json()["title"]) == ("not_found", "Introuvable")

    invalid = await world.client.get("/v1/cases?limit=0", headers=coordinator)
    assert invalid.status_code == 422
    assert invalid.json()["code"] == "validation_failed"
    assert invalid.json()["title"] == "Requête invalide"
    assert invalid.json()["errors"][0]["pointer"] == "/query/limit"

    unauthenticated = await world.client.get("/v1/cases", headers={"Accept-Language": "fr"})
    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["title"] == "Authentification requise"
    # A language Corridor does not speak gets English.
    german = await world.client.get("/v1/cases", headers={"Accept-Language": "de"})
    assert german.json()["title"] == "Authentication required"


async def test_dutch_and_spanish_callers_read_their_language(world) -> None:
    coordinator = world.headers("chu_martinique", "coordinator")
    dutch = await world.client.get(
        f"/v1/cases/{uuid.uuid4()}", headers={**coordinator, "Accept-Language": "nl-BE, fr;q=0.8"}
    )
    spanish = await world.client.get(
        "/v1/cases?limit=0", headers={**coordinator, "Accept-Language": "es-DO,es;q=0.9"}
    )
    assert (dutch.status_code, dutch.json()["code"]) == (404, "not_found")
    assert dutch.json()["title"] == "Niet gevonden"
    assert dutch.json()["detail"] == "Er is geen dergelijke resource zichtbaar voor u."
    assert dutch.headers["content-language"] == "nl"
    assert (spanish.status_code, spanish.json()["code"]) == (422, "validation_failed")
    assert spanish.json()["title"] == "Solicitud no válida"
    assert spanish.json()["errors"][0]["pointer"] == "/query/limit"
    assert spanish.headers["content-language"] == "es"
