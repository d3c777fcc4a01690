"""Documents of a case, companions and generated letters, under /v1/cases/{case_id}."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse

from app.documents import multipart, presenters, schemas
from app.documents import service as document_service
from app.documents.naming import content_disposition
from app.documents.sniffing import ALLOWED
from app.http import idempotency as idempotency_store
from app.http.answers import AnsweredRoute, answering_of, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    IdempotencyKey,
    Idempotent,
    LimitDep,
    PrincipalDep,
    SettingsDep,
    UowDep,
    rate_key,
)
from app.platform.errors import ServiceError
from app.platform.problems import problem_response, problem_responses

router = APIRouter(route_class=AnsweredRoute, prefix="/v1/cases/{case_id}", tags=["documents"])

# A download is served with the type its bytes showed at upload.
BINARY_CONTENT = {
    media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in ALLOWED
}

# The upload body is read as a stream, not by FastAPI: its schema is published by name.
OPENAPI_SCHEMAS = {"DocumentUpload": schemas.UPLOAD_SCHEMA}


def _storage(request: Request, name: str | None = None):
    """Where new documents go (the first configured), or the storage named `name`."""
    storages = request.app.state.document_storages
    if name is None:
        return next(iter(storages.values()))
    storage = storages.get(name)
    if storage is None:
        raise ServiceError(
            "The document is kept in a storage this server is not configured for.",
            code="document_storage_unavailable",
        )
    return storage


@router.post(
    "/documents",
    status_code=201,
    name="upload",
    summary="Upload a document to a case",
    response_model=schemas.Document,
    responses=problem_responses(400, 401, 403, 404, 408, 413, 415, 422, 429),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"$ref": "#/components/schemas/DocumentUpload"},
                    "example": schemas.UPLOAD_EXAMPLE,
                }
            },
        }
    },
)
async def upload_document(
    case_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    response: Response,
    settings: SettingsDep,
    idempotency: Annotated[
        IdempotencyKey | None, Depends(Idempotent(fingerprint="deferred"))
    ] = None,
):
    """Send a file with `kind`, `language`, `title` and optionally `translation_of`, as
    multipart/form-data. The type is decided from the file's own bytes (PDF, PNG, JPEG,
    TIFF, DICOM, plain text; 415 `unsupported_content_type` otherwise); a file over the
    size limit (20 MB by default) is refused with 413 `document_too_large` as soon as it
    passes the limit, without reading the rest. An upload that arrives too slowly (under
    a minimum rate, or past a deadline) is cut with 408 `upload_too_slow`; a client
    streaming too many uploads at once gets 429 `too_many_uploads` with Retry-After. The
    answer carries the file's SHA-256."""

    storage = _storage(request)
    with request.app.state.upload_slots.hold(rate_key(principal)):
        await document_service.check_upload_target(uow, principal, case_id)
        # The check's short transaction ends before a byte of the body is read: the body
        # streams with no transaction open (nor any pooled connection held); the record
        # is written in the next one, which the pipeline commits.
        await uow.rollback()
        spooled = await document_service.spool_upload(
            storage,
            settings.documents_max_bytes,
            request.headers.get("content-type"),
            multipart.paced(request.stream(), request.app.state.upload_pace),
        )
        # The bytes follow the transaction: kept once the commit holds, deleted if it
        # does not (a replay, a refusal, a failed commit leave nothing behind).
        answering_of(request).after(spooled.spool.release, spooled.spool.discard)
        if idempotency is not None:
            # The fingerprint is the form and the file's SHA-256, so the body never has
            # to be held to compare a repeat.
            await idempotency.reserve(
                idempotency_store.fingerprint(
                    request.method, request.url.path, spooled.fingerprint()
                )
            )
        row = await document_service.record(uow, principal, storage, case_id, spooled)
        created(response, uow, "document", row.id, f"/v1/cases/{case_id}/documents/{row.id}")
        response.headers["ETag"] = f'"{row.sha256}"'
        return presenters.document(row)


@router.get(
    "/documents",
    name="list",
    summary="List a case's documents",
    response_model=schemas.DocumentList,
    responses=problem_responses(401, 404, 422),
)
async def list_documents(
    case_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """The active documents of the case that you may see: a payer sees quotes, guarantee
    letters, authorisations and invoices only; identity documents are for the receiving
    coordinators alone. Withdrawn documents are not listed."""

    rows, next_cursor = await document_service.list_documents(
        uow, principal, case_id, limit, cursor
    )
    return {"items": [presenters.document(row) for row in rows], "next_cursor": next_cursor}


@router.get(
    "/documents/{document_id}",
    name="get",
    summary="A document's metadata",
    response_model=schemas.Document,
    responses=problem_responses(401, 404, 422),
)
async def get_document(
    case_id: uuid.UUID,
    document_id: uuid.UUID,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
):
    """One document's metadata (also when withdrawn); 404 when you may not see it."""

    _, row = await document_service.get_document(uow, principal, case_id, document_id)
    response.headers["ETag"] = f'"{row.sha256}"'
    return presenters.document(row)


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _byte_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """(start, end) inclusive for one satisfiable range; None for the whole; "unsatisfiable"."""
    if not header or size == 0:
        return None
    match = _RANGE.match(header.strip())
    if match is None:
        return None  # several ranges or another unit: RFC 9110 lets us send the whole
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, end


@router.get(
    "/documents/{document_id}/content",
    name="content",
    summary="Download a document's content",
    response_class=Response,
    responses={
        200: {"description": "The content, streamed", "content": BINARY_CONTENT},
        206: {"description": "The requested byte range", "content": BINARY_CONTENT},
        **problem_responses(401, 404, 410, 416, 422),
    },
)
async def document_content(
    case_id: uuid.UUID,
    document_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
):
    """The bytes, streamed, with `Content-Disposition` (always attachment; the stored name,
    whose extension is the sniffed type's, as `filename*` with an ASCII `filename`),
    `ETag` (the SHA-256) and `Range` support (one range, 206). 410 `document_withdrawn`
    for a withdrawn document. Every download is a row of the audit trail."""

    row = await document_service.document_for_download(uow, principal, case_id, document_id)
    etag = f'"{row.sha256}"'
    headers = {
        "ETag": etag,
        "Accept-Ranges": "bytes",
        "Content-Disposition": content_disposition(row.filename, row.id, row.content_type),
        "Cache-Control": "private, no-store",
        # The declared type is the sniffed one: no browser may guess another.
        "X-Content-Type-Options": "nosniff",
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    wanted = _byte_range(request.headers.get("range"), row.size_bytes)
    if wanted == "unsatisfiable":
        return problem_response(
            request,
            416,
            "range_not_satisfiable",
            "The range lies outside the document.",
            headers={"Content-Range": f"bytes */{row.size_bytes}"},
        )
    status = 200
    start, end = 0, row.size_bytes - 1
    if wanted is not None:
        start, end = wanted
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end}/{row.size_bytes}"
    headers["Content-Length"] = str(end - start + 1 if row.size_bytes else 0)
    key, storage = row.storage_key, _storage(request, row.storage)

    async def body():
        if row.size_bytes:
            async for chunk in storage.read(key, start, end, principal):
                yield chunk

    return StreamingResponse(
        body(), status_code=status, media_type=row.content_type, headers=headers
    )


@router.post(
    "/documents/{document_id}/withdraw",
    name="withdraw",
    summary="Withdraw a document",
    response_model=schemas.Document,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def withdraw_document(
    case_id: uuid.UUID,
    document_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Mark a document withdrawn: it leaves the lists, its bytes and audit trail stay.
    The organisation that added it, or a receiving coordinator, may do so."""

    row = await document_service.withdraw(uow, principal, case_id, document_id)
    return presenters.document(row)


@router.post(
    "/letters",
    status_code=201,
    name="generate_letter",
    summary="Generate a letter as a PDF document",
    response_model=schemas.Document,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
)
async def generate_letter(
    case_id: uuid.UUID,
    body: schemas.LetterCreate,
    request: Request,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Render a visa invitation letter, a quote, an itemised invoice or a discharge
    summary (French or English) from the case's own data, and store it as a document.
    The PDF's SHA-256 is recorded in the audit trail. Receiving coordinators only; 422
    `letter_data_missing` names what the case lacks (an estimate, a claim, a discharge)."""

    row = await document_service.generate_letter(
        uow,
        principal,
        _storage(request),
        case_id,
        document_service.LetterRequest(**body.model_dump()),
    )
    created(response, uow, "document", row.id, f"/v1/cases/{case_id}/documents/{row.id}")
    response.headers["ETag"] = f'"{row.sha256}"'
    return presenters.document(row)


@router.get(
    "/companions",
    name="list_companions",
    summary="List the patient's companions",
    response_model=schemas.CompanionList,
    responses=problem_responses(401, 404, 422),
)
async def list_companions(case_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """The people travelling with the patient. Only the referring and receiving
    hospitals' offices (referrers, coordinators) see them; others get 404."""

    rows = await document_service.list_companions(uow, principal, case_id)
    return {"items": [presenters.companion(row) for row in rows]}


@router.post(
    "/companions",
    status_code=201,
    name="add_companion",
    summary="Add a companion to a case",
    response_model=schemas.Companion,
    responses=problem_responses(400, 401, 404, 422),
)
async def add_companion(
    case_id: uuid.UUID,
    body: schemas.CompanionCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Someone travelling with the patient: name, relationship, passport number and
    nationality, as visa invitation letters name them."""

    row = await document_service.add_companion(uow, principal, case_id, body.model_dump())
    created(response, uow, "companion", row.id, f"/v1/cases/{case_id}/companions/{row.id}")
    return presenters.companion(row)


@router.delete(
    "/companions/{companion_id}",
    status_code=204,
    name="remove_companion",
    summary="Remove a companion",
    response_class=Response,
    responses=problem_responses(401, 404, 422),
)
async def remove_companion(
    case_id: uuid.UUID,
    companion_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
):
    """Remove someone who no longer travels with the patient."""

    await document_service.remove_companion(uow, principal, case_id, companion_id)
    return Response(status_code=204)
