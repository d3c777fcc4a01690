"""A download cannot masquerade as another kind of file (issue 23, item 5).

Uploaded over the API (in process, and over a real socket to a live uvicorn), read back
as metadata and downloaded: the stored name's
extension is the sniffed type's, invisible and direction characters are gone, and
the download is an attachment with an RFC 6266 `filename*`, an ASCII `filename` and
`X-Content-Type-Options: nosniff`.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import text

from tests.e2e.conftest import live_server, org_setup

__all__ = ["live_server", "org_setup"]

TEXT = b"Compte rendu: tension 12/8, pas d'allergie connue.\n"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

# (uploaded name, bytes, the type sniffed, the name stored and served)
MASQUERADES = [
    ("report.hta", TEXT, "text/plain", "report.txt"),
    ("scan.svg", TEXT, "text/plain", "scan.txt"),
    # U+202E (right-to-left override) displays this as "invoicetab.pdf".
    ("invoice\u202efdp.bat", TEXT, "text/plain", "invoicefdp.txt"),
    ("x.exe", PDF, "application/pdf", "x.pdf"),
    # Zero-width, isolate, variation selector, a control: gone; the accent stays.
    ("r\u200bé\u2066sumé\ufe0f\x07.pdf.exe", PDF, "application/pdf", "résumé.pdf.pdf"),
]


def _form(filename: str, content: bytes) -> tuple[dict[str, str], bytes]:
    """A multipart body with the file name as raw UTF-8 (an HTTP client library would
    percent-encode the control character; a hostile client does not)."""
    boundary = "masquerade-boundary"
    fields = {"kind": "medical_report", "language": "fr", "title": "CR"}
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    )
    body += (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return {"Content-Type": f"multipart/form-data; boundary={boundary}"}, body


def _ascii(name: str) -> str:
    return name.replace("é", "e")


@pytest.mark.parametrize(
    ("uploaded", "content", "sniffed", "served"),
    MASQUERADES,
    ids=["hta", "svg", "rtl-override", "pdf-named-exe", "invisible-and-control"],
)
async def test_a_download_is_named_after_its_sniffed_type_without_invisible_characters(
    security_world, uploaded, content, sniffed, served
):
    world = security_world
    tenant = world.tenants["A"]
    case_id = tenant.cases["discharged"]["id"]
    coordinator = world.headers("A", "coordinator")
    savepoint = await world.connection.begin_nested()
    try:
        form_headers, body = _form(uploaded, content)
        created = await world.client.post(
            f"/v1/cases/{case_id}/documents", headers={**coordinator, **form_headers}, content=body
        )
        assert created.status_code == 201, created.text
        document = created.json()
        assert document["content_type"] == sniffed
        assert document["filename"] == served

        path = f"/v1/cases/{case_id}/documents/{document['id']}"
        metadata = await world.client.get(path, headers=coordinator)
        assert metadata.json()["filename"] == served

        download = await world.client.get(f"{path}/content", headers=coordinator)
        assert download.status_code == 200
        assert download.content == content
        assert download.headers["content-type"].split(";")[0] == sniffed
        assert download.headers["x-content-type-options"] == "nosniff"
        disposition = download.headers["content-disposition"]
        assert disposition == (
            f"attachment; filename=\"{_ascii(served)}\"; filename*=UTF-8''{quote(served, safe='')}"
        )
        # Nothing invisible and nothing outside ASCII in the header itself.
        assert disposition.isascii() and disposition.isprintable()
    finally:
        await savepoint.rollback()


async def test_a_name_stored_before_the_rule_is_served_by_it(security_world):
    """A row written before names were sanitised (here: written directly) is still served
    as an attachment named after its type, without its invisible characters."""
    world = security_world
    tenant = world.tenants["A"]
    document = tenant.document  # a PDF quote
    case_id = tenant.cases["discharged"]["id"]
    savepoint = await world.connection.begin_nested()
    try:
        await world.connection.execute(
            text("SELECT set_config('corridor.organization_id', :org, true)"),
            {"org": tenant.orgs["recv"]},
        )
        await world.connection.execute(
            text("UPDATE documents SET filename = :name WHERE id = :id"),
            {"name": "devis\u202efdp.hta", "id": document["id"]},
        )
        download = await world.client.get(
            f"/v1/cases/{case_id}/documents/{document['id']}/content",
            headers=world.headers("A", "coordinator"),
        )
        assert download.status_code == 200, download.text
        assert download.headers["content-disposition"] == (
            "attachment; filename=\"devisfdp.pdf\"; filename*=UTF-8''devisfdp.pdf"
        )
    finally:
        await savepoint.rollback()


def test_over_a_real_socket_the_masquerading_names_are_stored_and_served_as_their_type(
    live_server, org_setup
):
    """The same uploads to a live server (uvicorn, loopback), as a hostile client sends
    them: the raw name in the multipart header."""
    world = org_setup(live_server)
    referrer = {"Authorization": f"Bearer {world.token('castries', 'referrer', sub='dr-mask')}"}
    coordinator = {
        "Authorization": f"Bearer {world.token('chu_martinique', 'coordinator', sub='io-mask')}"
    }
    with httpx.Client(base_url=live_server.base_url, timeout=30) as api:
        patient = api.post(
            "/v1/patients",
            headers=referrer,
            json={
                "family_name": "Masque",
                "residence": {"country": "LC"},
                "identifiers": [{"system": "passport", "value": f"LC{uuid.uuid4().hex[:8]}"}],
            },
        )
        assert patient.status_code == 201, patient.text
        case = api.post(
            "/v1/cases",
            headers=referrer,
            json={
                "patient_id": patient.json()["id"],
                "receiving_organization_id": world.orgs["chu_martinique"],
                "specialty": "cardiology",
                "coverage": {"route": "self_pay"},
            },
        )
        assert case.status_code == 201, case.text
        documents = f"/v1/cases/{case.json()['id']}/documents"
        for uploaded, content, sniffed, served in MASQUERADES:
            form_headers, body = _form(uploaded, content)
            created = api.post(documents, headers={**referrer, **form_headers}, content=body)
            assert created.status_code == 201, created.text
            assert created.json()["content_type"] == sniffed
            metadata = api.get(f"{documents}/{created.json()['id']}", headers=coordinator)
            assert metadata.json()["filename"] == served
            download = api.get(f"{documents}/{created.json()['id']}/content", headers=coordinator)
            assert download.status_code == 200 and download.content == content
            assert download.headers["x-content-type-options"] == "nosniff"
            assert download.headers["content-disposition"] == (
                f'attachment; filename="{_ascii(served)}";'
                f" filename*=UTF-8''{quote(served, safe='')}"
            )
