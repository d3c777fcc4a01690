"""Documents through both generated SDKs against the live server: multipart upload and
binary download (Python and TypeScript), a letter read back with pypdf."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pypdf

from tests.conftest import ROOT
from tests.e2e.test_typescript_sdk import TS_CLIENT, _node_tools

sys.path.insert(0, str(ROOT / "clients" / "python"))

from corridor_client import AuthenticatedClient
from corridor_client.api.cases import cases_accept, cases_create, cases_submit
from corridor_client.api.documents import (
    documents_add_companion,
    documents_content,
    documents_generate_letter,
    documents_list,
    documents_upload,
)
from corridor_client.api.patients import patients_create
from corridor_client.models import (
    AcceptRequest,
    Case,
    CaseCreate,
    Companion,
    CompanionCreate,
    CoverageIn,
    CoverageRoute,
    Document,
    DocumentKind,
    DocumentUpload,
    LetterCreate,
    LetterKind,
    LetterLanguage,
    PatientCreate,
    PatientIdentifier,
    Problem,
    Residence,
    Sex,
    SubmitRequest,
)
from corridor_client.types import File

PDF = b"%PDF-1.7\n" + b"Compte rendu d'echocardiographie.\n" * 30000 + b"%%EOF\n"


def _accepted_case(live_server, world):
    """(case, passport, physician client, coordinator client)"""
    physician = AuthenticatedClient(
        base_url=live_server.base_url,
        token=world.token("castries", "referrer", sub="dr-sdk-docs"),
        raise_on_unexpected_status=True,
    )
    coordinator = AuthenticatedClient(
        base_url=live_server.base_url,
        token=world.token("chu_martinique", "coordinator", sub="io-sdk-docs"),
        raise_on_unexpected_status=True,
    )
    passport = f"LC{uuid.uuid4().hex[:8].upper()}"
    patient = patients_create.sync(
        client=physician,
        body=PatientCreate(
            family_name="Joseph",
            given_names=["Marie"],
            sex=Sex.FEMALE,
            residence=Residence(country="LC", city="Castries"),
            identifiers=[PatientIdentifier(system="passport", value=passport)],
        ),
    )
    case = cases_create.sync(
        client=physician,
        body=CaseCreate(
            patient_id=patient.id,
            receiving_organization_id=uuid.UUID(world.orgs["chu_martinique"]),
            specialty="cardiology",
            coverage=CoverageIn(route=CoverageRoute.SELF_PAY),
        ),
    )
    assert isinstance(case, Case), case
    cases_submit.sync(case.id, client=physician, body=SubmitRequest())
    cases_accept.sync(case.id, client=coordinator, body=AcceptRequest(reason="ok"))
    return case, passport, physician, coordinator


def test_python_sdk_uploads_downloads_and_generates_a_letter(live_server, org_setup) -> None:
    world = org_setup(live_server)
    case, passport, physician, coordinator = _accepted_case(live_server, world)

    uploaded = documents_upload.sync_detailed(
        case.id,
        client=physician,
        body=DocumentUpload(
            kind=DocumentKind.MEDICAL_REPORT,
            language="fr",
            title="Échocardiographie",
            file=File(payload=io.BytesIO(PDF), file_name="écho.pdf", mime_type="text/plain"),
        ),
    )
    assert uploaded.status_code == 201, uploaded.content
    document = uploaded.parsed
    assert isinstance(document, Document)
    assert document.content_type == "application/pdf"
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()

    content = documents_content.sync_detailed(case.id, document.id, client=coordinator)
    assert content.status_code == 200
    assert isinstance(content.parsed, File)
    assert content.parsed.payload.read() == PDF
    assert content.headers["etag"] == f'"{document.sha256}"'

    refused = documents_upload.sync_detailed(
        case.id,
        client=physician,
        body=DocumentUpload(
            kind=DocumentKind.OTHER,
            language="en",
            title="setup",
            file=File(payload=io.BytesIO(b"MZ\x90\x00" + b"\x00" * 500), file_name="setup.pdf"),
        ),
    )
    assert refused.status_code == 415
    assert isinstance(refused.parsed, Problem) and refused.parsed.code == "unsupported_content_type"

    companion = documents_add_companion.sync(
        case.id,
        client=physician,
        body=CompanionCreate(
            full_name="Jean Joseph",
            relationship="spouse",
            passport_number="LC5550001",
            nationality="LC",
        ),
    )
    assert isinstance(companion, Companion)
    letter = documents_generate_letter.sync(
        case.id,
        client=coordinator,
        body=LetterCreate(
            kind=LetterKind.VISA_INVITATION, language=LetterLanguage.EN, planned_from=None
        ),
    )
    assert isinstance(letter, Document), letter
    pdf = documents_content.sync(case.id, letter.id, client=coordinator)
    text = " ".join(pypdf.PdfReader(pdf.payload).pages[0].extract_text().split())
    for expected in ("Marie Joseph", passport, "Jean Joseph", "LC5550001", case.reference):
        assert expected in text

    listed = documents_list.sync(case.id, client=physician)
    assert [item.id for item in listed.items] == [document.id, letter.id]


def test_typescript_sdk_uploads_and_downloads(live_server, org_setup, tmp_path: Path) -> None:
    world = org_setup(live_server)
    case, _, _, _ = _accepted_case(live_server, world)
    out = tmp_path / "compiled"
    compiled = subprocess.run(
        [
            "npx",
            "--no",
            "--",
            "tsc",
            "-p",
            str(TS_CLIENT),
            "--noEmit",
            "false",
            "--outDir",
            str(out),
        ],
        cwd=ROOT,
        env=_node_tools(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (out / "package.json").write_text('{"type": "module"}\n')
    result = subprocess.run(
        ["node", str(out / "e2e" / "documents.js")],
        env={
            **os.environ,
            "CORRIDOR_BASE_URL": live_server.base_url,
            "CORRIDOR_TOKEN": world.token("castries", "referrer", sub="dr-ts-docs"),
            "CORRIDOR_CASE_ID": str(case.id),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["content_type"] == "application/pdf"
    assert answer["sha256"] == answer["expected_sha256"] == answer["downloaded_sha256"]
    assert answer["size"] > 400_000
    assert answer["range"] == {"status": 206, "text": "%PDF-1.7"}
    assert answer["listed"] == [answer["document_id"]]
