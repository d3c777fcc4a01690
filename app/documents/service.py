"""Documents of a case: upload (spooled outside any transaction, sniffed, capped, hashed,
then recorded in a short one), list, read, withdraw;
companions; generated letters. Who sees what is app.domain.documents' rule."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import ValidationError

from app.access import audit
from app.access.authorization import authorize, may
from app.cases.events import side_event_row
from app.cases.service import get_case
from app.db.keyset import SortKey, keyset_page
from app.db.models import CaseRow, CompanionRow, DocumentRow
from app.db.repositories.documents import DocumentRepository
from app.db.unit_of_work import UnitOfWork
from app.documents import letters, multipart
from app.documents.naming import stored_name, visible_name
from app.documents.schemas import UploadFields
from app.documents.sniffing import SNIFF_BYTES, sniff
from app.documents.storage import DocumentStorage, S3Storage, Spool
from app.domain.claims import ClaimDebtor
from app.domain.documents import (
    DocumentStatus,
    Side,
    may_see,
    may_upload,
    sees_companions,
    sees_kinds,
)
from app.domain.identifiers import INSURANCE_IDENTIFIER_SYSTEMS
from app.domain.local_time import local_date
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.regimes import REGIMES
from app.domain.vocabulary import (
    DOCUMENT_ADDED,
    DOCUMENT_WITHDRAWN,
    LETTER_GENERATED,
    CoverageRoute,
    Role,
)
from app.platform.clock import now_utc
from app.platform.errors import (
    Conflict,
    Forbidden,
    Gone,
    InvalidRequest,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)


@dataclass(frozen=True)
class Standing:
    """A caller's position on one case: its row, the sides it stands on, its roles."""

    case: CaseRow
    sides: frozenset[Side]
    roles: frozenset[str]

    def sees(self, kind: str) -> bool:
        return may_see(kind, set(self.sides), set(self.roles))


def sides_of(row: CaseRow, principal: Principal) -> frozenset[Side]:
    org = principal.organization_id
    sides = set()
    if org is not None:
        if org == row.referring_organization_id:
            sides.add(Side.REFERRING)
        if org == row.receiving_organization_id:
            sides.add(Side.RECEIVING)
        if org == row.payer_organization_id:
            sides.add(Side.PAYER)
    return frozenset(sides)


async def standing(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> Standing:
    row = await get_case(uow, principal, case_id)
    return Standing(row, sides_of(row, principal), frozenset(str(r) for r in principal.roles))


def _actor_role(principal: Principal) -> Role | None:
    for role in (Role.COORDINATOR, Role.CLINICIAN, Role.REFERRER, Role.PAYER):
        if role in principal.roles:
            return role
    return None


def _audience(row: CaseRow, kind: str) -> list[uuid.UUID]:
    """The organisations an event about a document of `kind` reaches: those that see it."""
    parties = [
        (row.referring_organization_id, {Side.REFERRING}),
        (row.receiving_organization_id, {Side.RECEIVING}),
        (row.payer_organization_id, {Side.PAYER}),
    ]
    # An organisation's best-placed member: the receiving coordinator for identity papers.
    office = {"coordinator", "referrer", "clinician", "payer"}
    return [org for org, sides in parties if org is not None and may_see(kind, sides, office)]


def _event(row: CaseRow, principal: Principal, type_: str, document: DocumentRow, **data):
    return side_event_row(
        row,
        type_,
        actor_sub=principal.sub,
        actor_organization_id=principal.organization_id,
        actor_role=_actor_role(principal),
        occurred_at=now_utc(),
        data={"document_id": str(document.id), "kind": document.kind, **data},
        # The actor's organisation too: it knows of what it did (and writes the row).
        audience=[*_audience(row, document.kind), principal.organization_id],
    )


# -- upload -------------------------------------------------------------------------------


def clean_filename(name: str | None) -> str | None:
    """The uploader's name as read (its extension is settled once the type is known)."""
    if not name:
        return None
    return visible_name(name)[:255] or None


def _field_errors(error: ValidationError) -> list[dict]:
    return [
        {"pointer": "/body/" + "/".join(str(part) for part in item["loc"]), "detail": item["msg"]}
        for item in error.errors()
    ]


class _Upload:
    """The file part as it streams: size cap, SHA-256, sniffing on the first bytes."""

    def __init__(self, spool: Spool, limit: int) -> None:
        self.spool = spool
        self.limit = limit
        self.size = 0
        self.hash = hashlib.sha256()
        self.head = bytearray()
        self.content_type: str | None = None
        self.complete = False

    async def _decide(self) -> None:
        self.content_type = sniff(bytes(self.head))
        if self.content_type is None:
            raise UnsupportedMediaType(
                "The file is not one of PDF, PNG, JPEG, TIFF, DICOM or plain text"
                " (judged by its content).",
                code="unsupported_content_type",
            )
        await self.spool.write(bytes(self.head))
        self.head.clear()

    async def feed(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise PayloadTooLarge(
                f"The file exceeds {self.limit} bytes.",
                code="document_too_large",
                max_bytes=self.limit,
            )
        self.hash.update(data)
        if self.content_type is None:
            self.head += data
            if len(self.head) >= SNIFF_BYTES:
                await self._decide()
        else:
            await self.spool.write(data)

    async def end(self) -> None:
        if self.size == 0:
            raise InvalidRequest("The file is empty.", code="file_empty")
        if self.content_type is None:
            await self._decide()
        await self.spool.finish()
        self.complete = True


@dataclass
class Spooled:
    """An upload received in full, outside any transaction: its bytes in the storage's
    spool, its form checked against the schema. Nothing recorded yet."""

    document_id: uuid.UUID
    key: str
    values: UploadFields
    filename: str | None
    content_type: str
    size: int
    sha256: str
    spool: Spool

    def fingerprint(self) -> bytes:
        """What makes a repeat the same request (for Idempotency-Key), without the body."""
        form = self.values.model_dump(mode="json")
        return repr((sorted(form.items()), self.filename, self.size, self.sha256)).encode()


async def check_upload_target(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> None:
    """Before a byte of the body is read: the case must be one the caller stands on."""
    position = await standing(uow, principal, case_id)
    if not position.sides:
        raise NotFound("case")


async def spool_upload(
    storage: DocumentStorage,
    limit: int,
    content_type: str | None,
    body: AsyncIterator[bytes],
) -> Spooled:
    """Stream the multipart body into the storage's spool and check the form. No
    transaction is open meanwhile: a slow sender holds no database connection."""
    document_id = uuid.uuid4()
    key = str(document_id)
    fields: dict[str, str] = {}
    upload_: _Upload | None = None
    filename = None
    current: str | None = None
    buffer = bytearray()
    try:
        async for event in multipart.parts(content_type, body):
            if isinstance(event, multipart.PartStart):
                if event.name == "file" and event.filename is None:
                    # Without a filename it would be a text field: refuse it as what it is.
                    raise InvalidRequest(
                        "The `file` part needs a filename in its Content-Disposition"
                        ' (form-data; name="file"; filename="...").',
                        code="file_filename_missing",
                    )
                if event.filename is not None:
                    if event.name != "file" or upload_ is not None:
                        raise InvalidRequest(
                            "Send exactly one file, in the part named `file`.",
                            code="invalid_multipart",
                        )
                    upload_ = _Upload(storage.spool(key), limit)
                    filename = clean_filename(event.filename)
                    current = "file"
                else:
                    current, buffer = event.name, bytearray()
            elif isinstance(event, multipart.PartData):
                if current == "file" and upload_ is not None:
                    await upload_.feed(event.data)
                else:
                    buffer += event.data
                    if len(buffer) > multipart.MAX_FIELD_BYTES:
                        raise InvalidRequest("A form field is too long.", code="invalid_multipart")
            elif isinstance(event, multipart.PartEnd):
                if current == "file" and upload_ is not None:
                    await upload_.end()
                elif current is not None:
                    fields[current] = buffer.decode("utf-8", "replace")
                current = None
        if upload_ is None or not upload_.complete or upload_.content_type is None:
            raise InvalidRequest("The request has no complete `file` part.", code="file_missing")
        try:
            values = UploadFields.model_validate(fields)
        except ValidationError as error:
            raise InvalidRequest(
                "The form fields do not match the schema; see errors.",
                code="validation_failed",
                errors=_field_errors(error),
            ) from None
    except BaseException:
        if upload_ is not None:
            if upload_.complete:
                await upload_.spool.discard()
            else:
                await upload_.spool.abort()
        raise
    return Spooled(
        document_id=document_id,
        key=key,
        values=values,
        filename=filename,
        content_type=upload_.content_type,
        size=upload_.size,
        sha256=upload_.hash.hexdigest(),
        spool=upload_.spool,
    )


async def record(
    uow: UnitOfWork,
    principal: Principal,
    storage: DocumentStorage,
    case_id: uuid.UUID,
    spooled: Spooled,
) -> DocumentRow:
    """The spooled upload becomes a document of its case, with its event, in the short
    transaction of `uow` (the caller's standing is read again: it may have changed while
    the body streamed)."""
    position = await standing(uow, principal, case_id)
    if not position.sides:
        raise NotFound("case")
    values = spooled.values
    if not may_upload(values.kind, set(position.sides), set(position.roles)):
        raise Forbidden(
            "Your organisation's role on this case may not add this kind of document.",
            code="document_kind_forbidden",
        )
    records = uow.repository(DocumentRepository)
    if values.translation_of is not None:
        original = await records.get(case_id, values.translation_of)
        if original is None or not position.sees(original.kind):
            raise InvalidRequest(
                "translation_of names no document of this case.",
                code="translation_of_unknown",
            )
    await spooled.spool.keep(uow.session)
    row = DocumentRow(
        id=spooled.document_id,
        case_id=position.case.id,
        kind=values.kind,
        language=values.language,
        title=values.title,
        # The name says what the bytes are (app.documents.naming).
        filename=stored_name(spooled.filename, spooled.content_type),
        translation_of=values.translation_of,
        content_type=spooled.content_type,
        size_bytes=spooled.size,
        sha256=spooled.sha256,
        storage=storage.name,
        storage_key=spooled.key,
        status=DocumentStatus.ACTIVE,
        created_by_sub=principal.sub,
        created_by_organization_id=principal.organization_id,
    )
    await records.add(row)
    await records.add(_event(position.case, principal, DOCUMENT_ADDED, row))
    audit.note(uow, patient_ids=[position.case.patient_id])
    await records.refresh(row)
    return row


# -- reading ------------------------------------------------------------------------------


async def list_documents(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[DocumentRow], str | None]:
    position = await standing(uow, principal, case_id)
    kinds = list(sees_kinds(set(position.sides), set(position.roles)))
    return await keyset_page(
        uow,
        uow.repository(DocumentRepository).active_of_kinds(case_id, kinds),
        kind="documents",
        order=[SortKey(DocumentRow.created_at), SortKey(DocumentRow.id)],
        limit=limit,
        cursor=cursor,
    )


async def get_document(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    document_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> tuple[Standing, DocumentRow]:
    position = await standing(uow, principal, case_id)
    row = await uow.repository(DocumentRepository).get(case_id, document_id, for_update=for_update)
    # A document the caller may not see is answered like a missing one.
    if row is None or not position.sees(row.kind):
        raise NotFound("document")
    return position, row


async def document_for_download(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, document_id: uuid.UUID
) -> DocumentRow:
    position, row = await get_document(uow, principal, case_id, document_id)
    if row.status == DocumentStatus.WITHDRAWN:
        raise Gone("The document was withdrawn.", code="document_withdrawn")
    audit.note(uow, patient_ids=[position.case.patient_id])
    return row


async def withdraw(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, document_id: uuid.UUID
) -> DocumentRow:
    position, row = await get_document(uow, principal, case_id, document_id, for_update=True)
    if row.created_by_organization_id != principal.organization_id and not may(
        principal, Operation.WITHDRAW_ANY_DOCUMENT, position.case.receiving_organization_id
    ):
        raise Forbidden(
            "Only the organisation that added a document, or the receiving coordinators,"
            " withdraw it.",
            code="forbidden_role",
        )
    if row.status == DocumentStatus.WITHDRAWN:
        raise Conflict("The document is already withdrawn.", code="document_already_withdrawn")
    row.status = DocumentStatus.WITHDRAWN
    row.withdrawn_at = now_utc()
    row.withdrawn_by_sub = principal.sub
    await uow.repository(DocumentRepository).add(
        _event(position.case, principal, DOCUMENT_WITHDRAWN, row)
    )
    return row


# -- companions ---------------------------------------------------------------------------


async def _office(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> Standing:
    position = await standing(uow, principal, case_id)
    if not sees_companions(set(position.sides), set(position.roles)):
        # Companions are not disclosed at all to others: as if there were none to find.
        raise NotFound("case")
    return position


async def list_companions(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID
) -> list[CompanionRow]:
    await _office(uow, principal, case_id)
    return await uow.repository(DocumentRepository).companions(case_id)


async def add_companion(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, values: dict
) -> CompanionRow:
    await _office(uow, principal, case_id)
    row = CompanionRow(case_id=case_id, created_by_sub=principal.sub, **values)
    records = uow.repository(DocumentRepository)
    await records.add(row)
    await records.refresh(row)
    return row


async def remove_companion(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, companion_id: uuid.UUID
) -> None:
    await _office(uow, principal, case_id)
    records = uow.repository(DocumentRepository)
    row = await records.companion(case_id, companion_id)
    if row is None:
        raise NotFound("companion")
    await records.remove(row)


# -- letters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterRequest:
    kind: letters.LetterKind
    language: letters.LetterLanguage
    treatment: str | None = None
    planned_from: date | None = None
    planned_until: date | None = None
    expected_days: int | None = None


def _name(patient) -> str:
    return " ".join([*(patient.given_names or []), patient.family_name]).strip()


def _passport(patient) -> str | None:
    return next((i.value for i in patient.identifiers if i.system == "passport"), None)


async def _patient_invoice(documents, row: CaseRow, claim, patient, insurer, hospital) -> dict:
    """What a patient's invoice adds: paid and due, the dates of care at the facility, and
    under Directive 2011/24 what the home insurer needs to reimburse it (Art. 7(4))."""
    time_zone = hospital.time_zone if hospital else None
    moments = [datetime.fromisoformat(a["attended_at"]) for a in row.attendances or []]
    if row.stay is not None:
        moments += [m for m in (row.stay.admitted_at, row.stay.discharged_at) if m]
    days = sorted(local_date(moment, time_zone) for moment in moments)
    facts: dict = {
        "debtor_is_patient": True,
        "paid": await documents.paid_on_claim(claim.id),
        "care_from": days[0] if days else None,
        "care_until": days[-1] if days else None,
    }
    if row.coverage_route == CoverageRoute.EU_DIRECTIVE:
        identifiers = [
            (i.system.upper(), i.value)
            for i in (patient.identifiers if patient else [])
            if i.system in INSURANCE_IDENTIFIER_SYSTEMS
        ]
        if row.member_number:
            identifiers.append(("member", row.member_number))
        facts |= {
            "insurer": insurer.name if insurer else None,
            "insurance_ids": identifiers,
            "authorisation_reference": row.authorisation_reference,
            "reimbursement_basis": REGIMES[CoverageRoute.EU_DIRECTIVE].legal_basis,
        }
    return facts


async def _facts(uow: UnitOfWork, row: CaseRow, request: LetterRequest) -> letters.LetterFacts:
    documents = uow.repository(DocumentRepository)
    missing: list[str] = []
    patient = await documents.patient(row.patient_id)
    hospital = await documents.organization(row.receiving_organization_id)
    payer = await documents.organization(row.payer_organization_id)
    if patient is None:
        missing.append("patient")
    values: dict = {}
    kind = request.kind
    if kind in (letters.LetterKind.VISA_INVITATION, letters.LetterKind.QUOTE):
        estimate = await documents.latest_estimate(row.id)
        if estimate is not None:
            values.update(
                currency=estimate.currency,
                total=estimate.total_amount,
                valid_until=estimate.valid_until,
                document_number=f"{row.reference}-Q{estimate.number}",
                lines=[
                    letters.Line(line["description"], Decimal(str(line["amount"]["amount"])))
                    for line in estimate.lines or []
                ],
            )
        elif kind == letters.LetterKind.QUOTE:
            missing.append("estimate")
    if kind == letters.LetterKind.ITEMISED_INVOICE:
        claim = await documents.latest_claim(row.id)
        if claim is None:
            missing.append("claim")
        else:
            values.update(
                currency=claim.currency,
                total=claim.total_amount,
                document_number=claim.number,
                lines=[
                    letters.Line(line["description"], Decimal(str(line["amount"]["amount"])))
                    for line in claim.lines or []
                ],
            )
            if claim.debtor_kind == ClaimDebtor.PATIENT:
                values.update(
                    await _patient_invoice(documents, row, claim, patient, payer, hospital)
                )
    stay = row.stay
    if kind == letters.LetterKind.DISCHARGE_SUMMARY:
        if stay is None or stay.discharged_at is None:
            missing.append("discharge")
        else:
            values.update(
                admitted_on=stay.admitted_at.date(),
                discharged_on=stay.discharged_at.date(),
                disposition=stay.disposition,
                summary=stay.discharge_summary,
            )
    if missing:
        raise InvalidRequest(
            "The case lacks what this letter states.", code="letter_data_missing", missing=missing
        )
    planned_from = request.planned_from
    if planned_from is None and row.transfer is not None:
        planned_from = row.transfer.expected_arrival_at.date()
    if planned_from is None and stay is not None:
        planned_from = stay.admitted_at.date()
    planned_until, days = request.planned_until, request.expected_days
    if planned_until is None and planned_from is not None and days:
        planned_until = planned_from + timedelta(days=days)
    if days is None and planned_from is not None and planned_until is not None:
        days = (planned_until - planned_from).days
    companions = await documents.companions(row.id)
    return letters.LetterFacts(
        reference=row.reference,
        issued_on=now_utc().date(),
        hospital=hospital.name if hospital else "",
        hospital_country=hospital.country if hospital else "",
        patient=letters.Person(
            name=_name(patient),
            passport_number=_passport(patient),
            nationality=patient.nationality,
            birth_date=patient.birth_date,
        ),
        companions=[
            letters.Person(c.full_name, c.passport_number, c.nationality, c.relationship)
            for c in companions
        ],
        treatment=request.treatment or (row.specialty or "").replace("_", " ") or None,
        planned_from=planned_from,
        planned_until=planned_until,
        expected_days=days,
        payer=payer.name if payer else None,
        **values,
    )


async def generate_letter(
    uow: UnitOfWork,
    principal: Principal,
    storage: DocumentStorage,
    case_id: uuid.UUID,
    request: LetterRequest,
) -> DocumentRow:
    position = await standing(uow, principal, case_id)
    authorize(principal, Operation.WRITE_LETTERS, position.case.receiving_organization_id)
    facts = await _facts(uow, position.case, request)
    # fpdf2 is CPU work: off the event loop.
    pdf = await asyncio.to_thread(letters.render, request.kind, request.language, facts)
    document_id = uuid.uuid4()
    key = str(document_id)
    writer = storage.writer(uow.session, key)
    try:
        for start in range(0, len(pdf), 256 * 1024):
            await writer.write(pdf[start : start + 256 * 1024])
        await writer.finish()
    except BaseException:
        await writer.abort()
        raise
    digest = hashlib.sha256(pdf).hexdigest()
    row = DocumentRow(
        id=document_id,
        case_id=case_id,
        kind=letters.DOCUMENT_KIND[request.kind],
        language=request.language.value,
        title=letters.title_of(request.kind, request.language),
        filename=f"{position.case.reference}-{request.kind.value}-{request.language.value}.pdf",
        content_type="application/pdf",
        size_bytes=len(pdf),
        sha256=digest,
        storage=storage.name,
        storage_key=key,
        status=DocumentStatus.ACTIVE,
        letter_kind=request.kind.value,
        created_by_sub=principal.sub,
        created_by_organization_id=principal.organization_id,
    )
    records = uow.repository(DocumentRepository)
    await records.add(row)
    await records.add(
        _event(position.case, principal, LETTER_GENERATED, row, letter_kind=request.kind.value)
    )
    # The letter's hash goes into the hash-chained audit row of this request.
    request_audit = getattr(uow, "audit", None)
    if request_audit is not None:
        request_audit.object_ids["sha256"] = digest
        request_audit.object_ids["document_id"] = str(document_id)
    audit.note(uow, patient_ids=[position.case.patient_id])
    await records.refresh(row)
    return row


@dataclass
class Sweep:
    checked: int = 0
    orphans: list[str] = field(default_factory=list)


async def sweep_orphaned_objects(
    sessionmaker, storage: S3Storage, *, older_than: timedelta, delete: bool
) -> Sweep:
    """Objects in the bucket that no document row points at: an upload whose transaction
    failed after its bytes went up (the bucket is not in the database's transaction).
    Only objects older than `older_than` are considered, so an upload still in flight
    (bytes written, row not yet committed) is never taken for an orphan."""
    result = Sweep()
    async for keys in storage.older_keys(now_utc() - older_than):
        if not keys:
            continue
        async with UnitOfWork.system(sessionmaker) as uow:
            known = await uow.repository(DocumentRepository).recorded_keys(storage.name, keys)
        orphans = [key for key in keys if key not in known]
        result.checked += len(keys)
        result.orphans += orphans
        if delete and orphans:
            await storage.delete(orphans)
    return result
