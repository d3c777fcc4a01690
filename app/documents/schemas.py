"""Request and response bodies of documents, companions and letters."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.db.models.documents import CompanionRow, DocumentRow
from app.documents.letters import LetterKind, LetterLanguage
from app.domain.documents import DocumentKind, DocumentStatus
from app.platform.schemas import (
    VISIBLE_CHARACTER,
    CountryCode,
    RequestBody,
    ShortText,
    VisibleText,
    column_length,
    stored_in,
)

# An IETF BCP 47 tag: a primary language subtag and optional subtags (fr, en-GB, pt-BR).
LanguageTag = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$", max_length=35),
    Field(description="IETF BCP 47 language tag", examples=["fr", "en-GB"]),
]


class UploadFields(BaseModel):
    """The form fields that come with the file (multipart/form-data)."""

    model_config = ConfigDict(extra="forbid")

    kind: DocumentKind
    language: stored_in(LanguageTag, DocumentRow.language)
    title: stored_in(VisibleText, DocumentRow.title)
    translation_of: uuid.UUID | None = None


UPLOAD_EXAMPLE = {
    "kind": "medical_report",
    "language": "en",
    "title": "Cardiology report, translated",
    "file": "(the file's bytes)",
}

# The multipart request body as published (the route reads the stream itself).
UPLOAD_SCHEMA = {
    "type": "object",
    "title": "DocumentUpload",
    "required": ["kind", "language", "title", "file"],
    "additionalProperties": False,
    "properties": {
        "kind": {"$ref": "#/components/schemas/DocumentKind"},
        "language": {
            "type": "string",
            "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$",
            "maxLength": 35,
            "description": "IETF BCP 47 language tag of the document",
        },
        # The same constraints as ShortText's: a visible character, trimmed.
        "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": column_length(DocumentRow.title),
            "pattern": VISIBLE_CHARACTER,
        },
        "translation_of": {
            "type": "string",
            "format": "uuid",
            "description": "The document of this case that this one translates",
        },
        "file": {
            "type": "string",
            "format": "binary",
            "description": "PDF, PNG, JPEG, TIFF, DICOM or plain text, judged by content",
        },
    },
}


class Document(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: DocumentKind
    language: str
    title: str
    filename: str | None
    translation_of: uuid.UUID | None
    content_type: str = Field(description="Decided from the file's own bytes")
    size_bytes: int
    sha256: str = Field(description="SHA-256 of the content, hex; also the download's ETag")
    status: DocumentStatus
    letter_kind: LetterKind | None = Field(description="Set on generated letters")
    created_by_organization_id: uuid.UUID | None
    created_at: datetime
    withdrawn_at: datetime | None


class DocumentList(BaseModel):
    items: list[Document] = Field(description="Active documents you may see, oldest first")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class CompanionCreate(RequestBody):
    full_name: stored_in(VisibleText, CompanionRow.full_name)
    relationship: Annotated[
        stored_in(
            Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")], CompanionRow.relationship
        ),
        Field(examples=["spouse", "parent", "child", "carer"]),
    ]
    passport_number: Annotated[
        stored_in(
            Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9<\- ]{3,40}$")],
            CompanionRow.passport_number,
        ),
        Field(examples=["P1234567"]),
    ]
    nationality: stored_in(CountryCode, CompanionRow.nationality)

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "full_name": "Jean Joseph",
                    "relationship": "spouse",
                    "passport_number": "LC1234567",
                    "nationality": "LC",
                }
            ]
        }
    )


class Companion(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    full_name: str
    relationship: str
    passport_number: str
    nationality: str
    created_at: datetime


class CompanionList(BaseModel):
    items: list[Companion]


class LetterCreate(RequestBody):
    kind: LetterKind
    language: LetterLanguage
    treatment: ShortText | None = Field(
        default=None, description="The treatment in plain words (default: the specialty)"
    )
    planned_from: date | None = Field(
        default=None, description="Default: the transfer's expected arrival, else the admission"
    )
    planned_until: date | None = None
    expected_days: int | None = Field(default=None, ge=1, le=365)

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "visa_invitation",
                    "language": "fr",
                    "treatment": "Pose d'un stimulateur cardiaque",
                    "expected_days": 14,
                }
            ]
        }
    )
