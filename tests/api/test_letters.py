"""Generated letters: the PDF's own text (read back with pypdf) names the patient, the
companions with their passports, the dates and the amounts, in French and in English."""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime

import pypdf
import pytest

from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case
from tests.api.test_claims_payer import discharged_zoast_case, submit_claim

PATIENT_PASSPORT = "LC0042917"
COMPANIONS = [
    {
        "full_name": "Jean-Baptiste Joseph",
        "relationship": "spouse",
        "passport_number": "LC7654321",
        "nationality": "LC",
    },
    {
        "full_name": "Anaïs Joseph",
        "relationship": "child",
        "passport_number": "LC1122334",
        "nationality": "LC",
    },
]


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


async def download(world, document: dict, headers: dict) -> bytes:
    answer = await world.client.get(
        f"/v1/cases/{document['case_id']}/documents/{document['id']}/content", headers=headers
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(answer.content).hexdigest() == document["sha256"]
    return answer.content


async def letter(world, case: dict, headers: dict, expect: int = 201, **body):
    answer = await world.client.post(f"/v1/cases/{case['id']}/letters", json=body, headers=headers)
    assert answer.status_code == expect, answer.text
    return answer.json()


@pytest.fixture
async def cares(world):
    """Castries refers Marie Joseph to CHU de Martinique; the ministry pays; a quote of
    EUR 12,345.67; two companions."""
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator", sub="office-fdf")
    patient = await register_patient(
        world, "castries", identifier={"system": "passport", "value": PATIENT_PASSPORT}
    )
    case = await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {"route": "third_party_guarantee", "payer_organization_id": world.orgs["lc_ministry"]},
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    await world.post(
        f"/v1/cases/{case['id']}/estimates",
        {
            "total": {"amount": "12345.67", "currency": "EUR"},
            "lines": [
                {
                    "description": "Pacemaker implantation",
                    "amount": {"amount": "9800.00", "currency": "EUR"},
                },
                {
                    "description": "Stay, 14 nights",
                    "amount": {"amount": "2545.67", "currency": "EUR"},
                },
            ],
            "valid_until": "2027-03-31",
        },
        coordinator,
        201,
    )
    for companion in COMPANIONS:
        await world.post(f"/v1/cases/{case['id']}/companions", companion, referrer, 201)
    return case, coordinator


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Lettre d'invitation pour la délivrance d'un visa",
                "Passeport n° : LC0042917",
                "Passeport n° : LC7654321",
                "Passeport n° : LC1122334",
                "du 15 janvier 2027 au 29 janvier 2027",
                "Durée prévue : 14 jours",
                "Coût estimé : 12 345,67 EUR",
                "Prise en charge : Ministry of Health, Saint Lucia",
                "Né(e) le : 12 avril 1961",
                "Traitement prévu : Pose d'un stimulateur cardiaque",
            ],
        ),
        (
            "en",
            [
                "Invitation letter for a visa application",
                "Passport no.: LC0042917",
                "Passport no.: LC7654321",
                "Passport no.: LC1122334",
                "from 15 January 2027 to 29 January 2027",
                "Expected duration: 14 days",
                "Estimated cost: EUR 12,345.67",
                "Paid by: Ministry of Health, Saint Lucia",
                "Born on: 12 April 1961",
                "Planned treatment: Pacemaker implantation",
            ],
        ),
        (
            "nl",
            [
                "Uitnodigingsbrief voor een visumaanvraag",
                "Paspoortnr.: LC0042917",
                "van 15 januari 2027 tot 29 januari 2027",
                "Verwachte duur: 14 dagen",
                "Geraamde kosten: 12.345,67 EUR",
                "Ten laste van: Ministry of Health, Saint Lucia",
                "Geboren op: 12 april 1961",
                "Geplande behandeling: Plaatsing van een pacemaker",
            ],
        ),
        (
            "es",
            [
                "Carta de invitación para una solicitud de visado",
                "Pasaporte n.º: LC0042917",
                "del 15 de enero de 2027 al 29 de enero de 2027",
                "Duración prevista: 14 días",
                "Coste estimado: 12 345,67 EUR",
                "A cargo de: Ministry of Health, Saint Lucia",
                "Fecha de nacimiento: 12 de abril de 1961",
                "Tratamiento previsto: Implantación de un marcapasos",
            ],
        ),
    ],
)
async def test_visa_invitation_letter(world, cares, language, expected):
    case, coordinator = cares
    treatment = {
        "fr": "Pose d'un stimulateur cardiaque",
        "en": "Pacemaker implantation",
        "nl": "Plaatsing van een pacemaker",
        "es": "Implantación de un marcapasos",
    }
    document = await letter(
        world,
        case,
        coordinator,
        kind="visa_invitation",
        language=language,
        treatment=treatment[language],
        planned_from="2027-01-15",
        expected_days=14,
    )
    assert document["kind"] == "invitation_letter"
    assert document["letter_kind"] == "visa_invitation"
    assert document["language"] == language
    text = pdf_text(await download(world, document, coordinator))
    for phrase in expected:
        assert phrase in text, (phrase, text)
    for name in ("Marie Joseph", "CHU de Martinique", "Jean-Baptiste Joseph", "Anaïs Joseph"):
        assert name in text
    assert case["reference"] in text


async def test_quote_letter_lists_the_estimate(world, cares):
    case, coordinator = cares
    fr = pdf_text(
        await download(
            world, await letter(world, case, coordinator, kind="quote", language="fr"), coordinator
        )
    )
    assert "Devis" in fr and "Marie Joseph" in fr
    assert "Pacemaker implantation — 9 800,00 EUR" in fr
    assert "Total : 12 345,67 EUR" in fr
    assert "Valable jusqu'au : 31 mars 2027" in fr
    en = pdf_text(
        await download(
            world, await letter(world, case, coordinator, kind="quote", language="en"), coordinator
        )
    )
    assert "Stay, 14 nights — EUR 2,545.67" in en
    assert "Total: EUR 12,345.67" in en
    assert "Valid until: 31 March 2027" in en
    # The payer sees the quote (a billing paper), not the invitation letter.
    payer = world.headers("lc_ministry", "payer")
    listed = await world.client.get(f"/v1/cases/{case['id']}/documents", headers=payer)
    assert {item["kind"] for item in listed.json()["items"]} == {"quote"}


async def test_invoice_and_discharge_summary_of_a_discharged_case(world):
    case = await discharged_zoast_case(world)
    coordinator = world.headers("tourcoing", "coordinator")
    claim = await submit_claim(world, case, "TCG-2026-077", "4200.50")
    invoice = await letter(world, case, coordinator, kind="itemised_invoice", language="fr")
    assert invoice["kind"] == "invoice"
    text = pdf_text(await download(world, invoice, coordinator))
    assert "Facture détaillée" in text and claim["number"] in text
    assert "Stay — 4 200,50 EUR" in text and "Total : 4 200,50 EUR" in text
    assert "Prise en charge : Mutualité chrétienne" in text

    stay = case["stay"]
    admitted = datetime.fromisoformat(stay["admitted_at"]).date()
    discharged = datetime.fromisoformat(stay["discharged_at"]).date()
    summary = await letter(world, case, coordinator, kind="discharge_summary", language="en")
    text = pdf_text(await download(world, summary, coordinator))
    assert "Discharge summary" in text and "Marie Joseph" in text
    assert f"Admitted: {_en(admitted)}" in text
    assert f"Discharged: {_en(discharged)}" in text
    assert "Stable." in text
    en_invoice = pdf_text(
        await download(
            world,
            await letter(world, case, coordinator, kind="itemised_invoice", language="en"),
            coordinator,
        )
    )
    assert "Total: EUR 4,200.50" in en_invoice


def _en(value: date) -> str:
    return f"{value.day} {value.strftime('%B')} {value.year}"


async def test_the_letter_hash_is_in_the_audit_trail_and_an_event_is_emitted(world, cares):
    case, coordinator = cares
    document = await letter(world, case, coordinator, kind="visa_invitation", language="en")
    content = await download(world, document, coordinator)
    rows = (
        await world.client.get(
            "/v1/audit-events",
            params={"operation": "documents-generate-letter"},
            headers=world.admin,
        )
    ).json()["items"]
    row = next(row for row in rows if row["object_id"] == document["id"])
    assert row["object_type"] == "document"
    assert row["object_ids"]["sha256"] == hashlib.sha256(content).hexdigest()
    assert row["patient_ids"] == [case["patient_id"]]
    timeline = await world.client.get(f"/v1/cases/{case['id']}/timeline", headers=coordinator)
    generated = [item for item in timeline.json()["items"] if item["type"] == "letter.generated"]
    assert generated[0]["data"] == {
        "document_id": document["id"],
        "kind": "invitation_letter",
        "letter_kind": "visa_invitation",
    }


async def test_who_may_generate_and_what_a_letter_needs(world, cares):
    case, coordinator = cares
    for headers in (
        world.headers("castries", "referrer"),
        world.headers("chu_martinique", "clinician"),
        world.headers("lc_ministry", "payer"),
    ):
        refused = await letter(world, case, headers, 403, kind="quote", language="en")
        assert refused["code"] == "forbidden_role"
    missing = await letter(world, case, coordinator, 422, kind="itemised_invoice", language="fr")
    assert missing["code"] == "letter_data_missing" and missing["missing"] == ["claim"]
    not_yet = await letter(world, case, coordinator, 422, kind="discharge_summary", language="en")
    assert not_yet["missing"] == ["discharge"]
    unknown = await letter(world, case, coordinator, 422, kind="visa_invitation", language="de")
    assert unknown["code"] == "validation_failed"
