"""Documents of a case: upload (sniffed, capped, hashed), download (Range, ETag,
Content-Disposition), visibility per role, audit of downloads, withdrawal, companions."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from sqlalchemy import text

from app.main import create_app
from tests.api.conftest import register_patient
from tests.api.test_case_paths import new_case
from tests.conftest import SYSTEM_CONTEXT

PDF = b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 20000 + b"%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
# A Windows executable's first bytes (DOS header and stub), named and declared as a PDF.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
EXE += b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 4000
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 4000


async def cares_case(world) -> dict:
    """Castries refers to CHU de Martinique, the Saint Lucia ministry pays."""
    patient = await register_patient(world, "castries")
    return await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {"route": "third_party_guarantee", "payer_organization_id": world.orgs["lc_ministry"]},
    )


def referrer(world):
    return world.headers("castries", "referrer", sub="dr-castries")


def coordinator(world):
    return world.headers("chu_martinique", "coordinator", sub="office-fdf")


def clinician(world):
    return world.headers("chu_martinique", "clinician", sub="dr-fdf")


def payer(world):
    return world.headers("lc_ministry", "payer", sub="ministry-desk")


async def upload(client, case, headers, content: bytes, *, expect=201, **fields):
    form = {"kind": "medical_report", "language": "en", "title": "Report", **fields}
    filename = form.pop("filename", "report.pdf")
    declared = form.pop("declared_type", "application/pdf")
    response = await client.post(
        f"/v1/cases/{case['id']}/documents",
        data=form,
        files={"file": (filename, content, declared)},
        headers=headers,
    )
    if expect is not None:
        assert response.status_code == expect, response.text
    return response


async def orphan_chunks(connection) -> int:
    """Stored chunks that belong to no document (what a refused upload would leave)."""
    # The application role sees chunks only through visible documents: look at them all.
    await connection.execute(SYSTEM_CONTEXT)
    count = (
        await connection.execute(
            text(
                "SELECT count(*) FROM document_chunks AS c WHERE NOT EXISTS"
                " (SELECT 1 FROM documents AS d WHERE d.storage_key = c.storage_key)"
            )
        )
    ).scalar()
    total = (await connection.execute(text("SELECT count(*) FROM document_chunks"))).scalar()
    await connection.execute(text("SELECT set_config('corridor.system', 'off', true)"))
    assert total > 0 or count == 0
    return count


async def test_upload_then_download_whole_and_in_ranges(world):
    case = await cares_case(world)
    created = (
        await upload(
            world.client,
            case,
            referrer(world),
            PDF,
            filename="compte rendu été.txt",
            declared_type="text/plain",
            language="fr",
            title="Compte rendu de cardiologie",
        )
    ).json()
    # Decided by the bytes, not by the name or the declared type.
    assert created["content_type"] == "application/pdf"
    assert created["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert created["size_bytes"] == len(PDF)
    assert created["language"] == "fr" and created["status"] == "active"

    path = f"/v1/cases/{case['id']}/documents/{created['id']}"
    whole = await world.client.get(f"{path}/content", headers=coordinator(world))
    assert whole.status_code == 200
    assert whole.content == PDF
    assert whole.headers["etag"] == f'"{created["sha256"]}"'
    assert whole.headers["content-type"] == "application/pdf"
    assert whole.headers["accept-ranges"] == "bytes"
    disposition = whole.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="compte rendu ')
    # The extension follows the bytes (a PDF), not the name (app.documents.naming).
    assert "filename*=UTF-8''compte%20rendu%20%C3%A9t%C3%A9.pdf" in disposition

    part = await world.client.get(
        f"{path}/content", headers={**coordinator(world), "Range": "bytes=100-599999"}
    )
    assert part.status_code == 206
    assert part.content == PDF[100:600000]
    assert part.headers["content-range"] == f"bytes 100-599999/{len(PDF)}"
    tail = await world.client.get(
        f"{path}/content", headers={**coordinator(world), "Range": "bytes=-10"}
    )
    assert tail.status_code == 206 and tail.content == PDF[-10:]
    outside = await world.client.get(
        f"{path}/content", headers={**coordinator(world), "Range": f"bytes={len(PDF)}-"}
    )
    assert outside.status_code == 416
    assert outside.headers["content-range"] == f"bytes */{len(PDF)}"
    assert outside.json()["code"] == "range_not_satisfiable"

    listed = await world.client.get(f"/v1/cases/{case['id']}/documents", headers=referrer(world))
    assert [item["id"] for item in listed.json()["items"]] == [created["id"]]


@pytest.mark.parametrize("content", [EXE, ELF], ids=["windows-exe", "elf"])
async def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(
    world, connection, content
):
    case = await cares_case(world)
    refused = await upload(world.client, case, referrer(world), content, expect=415)
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "unsupported_content_type"
    listed = await world.client.get(f"/v1/cases/{case['id']}/documents", headers=referrer(world))
    assert listed.json()["items"] == []
    assert await orphan_chunks(connection) == 0


async def test_every_allowed_type_is_recognised_by_content(world):
    case = await cares_case(world)
    samples = {
        "image/png": PNG,
        "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 100,
        "image/tiff": b"II*\x00\x08\x00\x00\x00" + b"\x00" * 100,
        "application/dicom": b"\x00" * 128 + b"DICM" + b"\x02\x00" * 50,
        "text/plain": "Résultats : hémoglobine 13,2 g/dL\n".encode(),
    }
    for expected, content in samples.items():
        answer = await upload(
            world.client, case, referrer(world), content, filename="x.bin", kind="lab_result"
        )
        assert answer.json()["content_type"] == expected


def streamed_form(content: bytes, sent: list[int], **fields) -> tuple[dict, object]:
    """A multipart body sent in 64 KiB pieces without Content-Length (chunked): the server
    cannot know its size before reading it. `sent` counts the bytes handed over."""
    boundary = "corridor-test-boundary"
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in {
            "kind": "medical_report",
            "language": "en",
            "title": "R",
            **fields,
        }.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    )
    tail = f"\r\n--{boundary}--\r\n".encode()

    async def body():
        for piece in (head.encode(), content, tail):
            for start in range(0, len(piece), 65536):
                sent[0] += len(piece[start : start + 65536])
                yield piece[start : start + 65536]

    return {"Content-Type": f"multipart/form-data; boundary={boundary}"}, body()


async def test_a_file_over_the_limit_is_refused_with_413_and_leaves_nothing(
    settings, sessionmaker, world, connection
):
    limited = settings.model_copy(update={"documents_max_bytes": 500_000})
    small = create_app(limited, sessionmaker=sessionmaker)
    case = await cares_case(world)
    transport = httpx.ASGITransport(app=small, raise_app_exceptions=False)
    path = f"/v1/cases/{case['id']}/documents"
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        # Announced too large: refused before a byte of the body is read.
        declared = await upload(client, case, referrer(world), PDF * 2, expect=413)
        assert declared.json()["code"] == "request_too_large"
        # Streamed: refused once the file passes the limit, the rest left unread.
        sent = [0]
        headers, body = streamed_form(PDF * 4, sent)
        refused = await client.post(path, content=body, headers={**referrer(world), **headers})
        assert refused.status_code == 413, refused.text
        assert refused.json()["code"] == "document_too_large"
        assert refused.json()["max_bytes"] == 500_000
        assert sent[0] < 500_000 + 2 * 65536
        fits = await upload(client, case, referrer(world), PDF[:400_000])
        assert fits.json()["size_bytes"] == 400_000
    listed = await world.client.get(f"/v1/cases/{case['id']}/documents", headers=referrer(world))
    assert len(listed.json()["items"]) == 1
    assert await orphan_chunks(connection) == 0


async def test_bad_forms_are_refused_with_stable_codes(world):
    case = await cares_case(world)
    path = f"/v1/cases/{case['id']}/documents"
    not_multipart = await world.client.post(path, json={"kind": "other"}, headers=referrer(world))
    assert not_multipart.status_code == 415
    assert not_multipart.json()["code"] == "multipart_required"
    no_file = await world.client.post(
        path,
        data={"kind": "other", "language": "en", "title": "x"},
        files={"note": (None, "just a field")},
        headers=referrer(world),
    )
    assert no_file.status_code == 422 and no_file.json()["code"] == "file_missing"
    # A `file` part without a filename was a 500 (an assert): now a problem of its own.
    nameless = await world.client.post(
        path,
        data={"kind": "other", "language": "en", "title": "x"},
        files={"file": (None, PDF)},
        headers=referrer(world),
    )
    assert nameless.status_code == 422, nameless.text
    assert nameless.json()["code"] == "file_filename_missing"
    empty = await upload(world.client, case, referrer(world), b"", expect=422)
    assert empty.json()["code"] == "file_empty"
    bad_kind = await upload(world.client, case, referrer(world), PDF, kind="selfie", expect=422)
    assert bad_kind.json()["code"] == "validation_failed"
    assert bad_kind.json()["errors"][0]["pointer"] == "/body/kind"
    bad_language = await upload(
        world.client, case, referrer(world), PDF, language="not a tag", expect=422
    )
    assert bad_language.json()["errors"][0]["pointer"] == "/body/language"
    unknown_original = await upload(
        world.client,
        case,
        referrer(world),
        PDF,
        translation_of="00000000-0000-0000-0000-000000000001",
        expect=422,
    )
    assert unknown_original.json()["code"] == "translation_of_unknown"
    elsewhere = await world.client.post(
        "/v1/cases/00000000-0000-0000-0000-000000000002/documents",
        files={"file": ("a.pdf", PDF, "application/pdf")},
        headers=referrer(world),
    )
    assert elsewhere.status_code == 404


async def test_an_upload_repeated_with_its_idempotency_key_is_stored_once(world, connection):
    case = await cares_case(world)
    keyed = {**referrer(world), "Idempotency-Key": "upload-0001"}
    first = await upload(world.client, case, keyed, PDF)
    again = await upload(world.client, case, keyed, PDF)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    other_file = await upload(world.client, case, keyed, PDF[:1000], expect=422)
    assert other_file.json()["code"] == "idempotency_key_reused"
    listed = await world.client.get(f"/v1/cases/{case['id']}/documents", headers=referrer(world))
    assert [item["id"] for item in listed.json()["items"]] == [first.json()["id"]]
    assert await orphan_chunks(connection) == 0


async def test_a_translation_points_at_its_original(world):
    case = await cares_case(world)
    original = (await upload(world.client, case, referrer(world), PDF, language="en")).json()
    translated = (
        await upload(
            world.client,
            case,
            referrer(world),
            PDF[:5000],
            language="fr",
            translation_of=original["id"],
        )
    ).json()
    assert translated["translation_of"] == original["id"]


async def test_visibility_per_role(world):
    case = await cares_case(world)
    report = (await upload(world.client, case, referrer(world), PDF)).json()
    quote = (await upload(world.client, case, coordinator(world), PDF, kind="quote")).json()
    passport = (
        await upload(world.client, case, referrer(world), PNG, kind="identity_document")
    ).json()
    base = f"/v1/cases/{case['id']}/documents"

    async def listed(headers) -> set[str]:
        answer = await world.client.get(base, headers=headers)
        assert answer.status_code == 200, answer.text
        return {item["id"] for item in answer.json()["items"]}

    assert await listed(coordinator(world)) == {report["id"], quote["id"], passport["id"]}
    # Identity documents: the receiving office only (not its clinicians, not the referrer).
    assert await listed(clinician(world)) == {report["id"], quote["id"]}
    assert await listed(referrer(world)) == {report["id"], quote["id"]}
    # A payer sees billing and authorisation papers only.
    assert await listed(payer(world)) == {quote["id"]}
    for hidden in (report, passport):
        for suffix in ("", "/content"):
            answer = await world.client.get(f"{base}/{hidden['id']}{suffix}", headers=payer(world))
            assert answer.status_code == 404
    assert (await world.client.get(f"{base}/{quote['id']}/content", headers=payer(world))).content
    # Another hospital does not even see the case.
    stranger = world.headers("chu_guadeloupe", "coordinator")
    assert (await world.client.get(base, headers=stranger)).status_code == 404
    # A payer may add billing papers, not clinical ones.
    refused = await upload(world.client, case, payer(world), PDF, expect=403)
    assert refused.json()["code"] == "document_kind_forbidden"
    await upload(world.client, case, payer(world), PDF, kind="guarantee_letter")


async def test_every_download_is_an_audit_row(world):
    case = await cares_case(world)
    document = (await upload(world.client, case, referrer(world), PDF)).json()
    path = f"/v1/cases/{case['id']}/documents/{document['id']}/content"
    for headers in (
        coordinator(world),
        coordinator(world),
        {**referrer(world), "Range": "bytes=0-9"},
    ):
        assert (await world.client.get(path, headers=headers)).status_code in (200, 206)
    denied = await world.client.get(path, headers=world.headers("chu_guadeloupe", "coordinator"))
    assert denied.status_code == 404

    rows = (
        await world.client.get(
            "/v1/audit-events",
            params={"operation": "documents-content", "limit": 50},
            headers=world.admin,
        )
    ).json()["items"]
    mine = [row for row in rows if row["object_id"] == document["id"]]
    assert [(row["actor"]["sub"], row["status"], row["outcome"]) for row in mine] == [
        ("office-fdf", 200, "allowed"),
        ("office-fdf", 200, "allowed"),
        ("dr-castries", 206, "allowed"),
        ("test-coordinator", 404, "denied"),
    ]
    assert all(row["object_type"] == "document" for row in mine)
    assert mine[0]["patient_ids"] == [case["patient_id"]]


async def test_withdrawal_hides_the_document_and_keeps_its_bytes(world, connection):
    case = await cares_case(world)
    document = (await upload(world.client, case, referrer(world), PDF)).json()
    base = f"/v1/cases/{case['id']}/documents"
    # Another organisation's clinician may not withdraw the referrer's document.
    refused = await world.client.post(f"{base}/{document['id']}/withdraw", headers=clinician(world))
    assert refused.status_code == 403
    withdrawn = await world.client.post(
        f"{base}/{document['id']}/withdraw", headers=referrer(world)
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    again = await world.client.post(f"{base}/{document['id']}/withdraw", headers=referrer(world))
    assert again.status_code == 409 and again.json()["code"] == "document_already_withdrawn"
    assert (await world.client.get(base, headers=referrer(world))).json()["items"] == []
    metadata = await world.client.get(f"{base}/{document['id']}", headers=referrer(world))
    assert metadata.json()["status"] == "withdrawn"
    gone = await world.client.get(f"{base}/{document['id']}/content", headers=referrer(world))
    assert gone.status_code == 410 and gone.json()["code"] == "document_withdrawn"
    # The bytes stay.
    await connection.execute(SYSTEM_CONTEXT)
    stored = (
        await connection.execute(
            text("SELECT sum(length(data)) FROM document_chunks WHERE storage_key = :key"),
            {"key": document["id"]},
        )
    ).scalar()
    assert stored == len(PDF)

    timeline = await world.client.get(f"/v1/cases/{case['id']}/timeline", headers=referrer(world))
    events = [item for item in timeline.json()["items"] if item["type"].startswith("document.")]
    assert [item["type"] for item in events] == ["document.added", "document.withdrawn"]
    assert events[0]["data"] == {"document_id": document["id"], "kind": "medical_report"}


async def test_the_receiving_coordinators_withdraw_any_document_of_their_case(world):
    """WITHDRAW_ANY_DOCUMENT in the policy table: the receiving coordinator withdraws the
    referrer's document; the receiving clinician (same organisation) may not."""
    case = await cares_case(world)
    document = (await upload(world.client, case, referrer(world), PDF)).json()
    url = f"/v1/cases/{case['id']}/documents/{document['id']}/withdraw"
    refused = await world.client.post(url, headers=clinician(world))
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden_role"
    withdrawn = await world.client.post(url, headers=coordinator(world))
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


async def test_document_events_reach_only_who_sees_the_document(world):
    case = await cares_case(world)
    await upload(world.client, case, referrer(world), PDF, kind="medical_report")
    await upload(world.client, case, coordinator(world), PDF, kind="quote")

    async def kinds(headers) -> list[str]:
        feed = await world.client.get("/v1/events", params={"types": "document.*"}, headers=headers)
        assert feed.status_code == 200, feed.text
        return [
            item["data"]["kind"] for item in feed.json()["items"] if item["case_id"] == case["id"]
        ]

    assert await kinds(referrer(world)) == ["medical_report", "quote"]
    assert await kinds(payer(world)) == ["quote"]


async def test_companions_are_for_the_two_hospitals_offices(world):
    case = await cares_case(world)
    path = f"/v1/cases/{case['id']}/companions"
    body = {
        "full_name": "Jean Joseph",
        "relationship": "spouse",
        "passport_number": "LC7654321",
        "nationality": "LC",
    }
    created = await world.client.post(path, json=body, headers=referrer(world))
    assert created.status_code == 201, created.text
    for headers in (referrer(world), coordinator(world)):
        listed = await world.client.get(path, headers=headers)
        assert [item["passport_number"] for item in listed.json()["items"]] == ["LC7654321"]
    for headers in (payer(world), clinician(world)):
        assert (await world.client.get(path, headers=headers)).status_code == 404
        assert (await world.client.post(path, json=body, headers=headers)).status_code == 404
    bad = await world.client.post(
        path, json={**body, "passport_number": "x"}, headers=referrer(world)
    )
    assert bad.status_code == 422
    removed = await world.client.delete(
        f"{path}/{created.json()['id']}", headers=coordinator(world)
    )
    assert removed.status_code == 204
    assert (await world.client.get(path, headers=referrer(world))).json()["items"] == []


async def test_the_document_list_pages_by_signed_cursor(world):
    case = await cares_case(world)
    ids = [
        (await upload(world.client, case, referrer(world), PDF, title=f"Report {n}")).json()["id"]
        for n in range(3)
    ]
    path = f"/v1/cases/{case['id']}/documents"
    whole = (await world.client.get(path, headers=referrer(world))).json()
    ordered = [item["id"] for item in whole["items"]]
    assert sorted(ordered) == sorted(ids) and whole["next_cursor"] is None
    first = (await world.client.get(path, params={"limit": 2}, headers=referrer(world))).json()
    assert [item["id"] for item in first["items"]] == ordered[:2] and first["next_cursor"]
    second = (
        await world.client.get(
            path, params={"limit": 2, "cursor": first["next_cursor"]}, headers=referrer(world)
        )
    ).json()
    assert [item["id"] for item in second["items"]] == ordered[2:]
    assert second["next_cursor"] is None
    forged = await world.client.get(
        path, params={"cursor": first["next_cursor"][:-2] + "xx"}, headers=referrer(world)
    )
    assert forged.status_code == 422 and forged.json()["code"] == "invalid_cursor"
