"""Rows to response bodies."""

from __future__ import annotations

from app.db.models import CompanionRow, DocumentRow


def document(row: DocumentRow) -> dict:
    return {
        "id": str(row.id),
        "case_id": str(row.case_id),
        "kind": row.kind,
        "language": row.language,
        "title": row.title,
        "filename": row.filename,
        "translation_of": str(row.translation_of) if row.translation_of else None,
        "content_type": row.content_type,
        "size_bytes": row.size_bytes,
        "sha256": row.sha256,
        "status": row.status,
        "letter_kind": row.letter_kind,
        "created_by_organization_id": (
            str(row.created_by_organization_id) if row.created_by_organization_id else None
        ),
        "created_at": row.created_at.isoformat(),
        "withdrawn_at": row.withdrawn_at.isoformat() if row.withdrawn_at else None,
    }


def companion(row: CompanionRow) -> dict:
    return {
        "id": str(row.id),
        "case_id": str(row.case_id),
        "full_name": row.full_name,
        "relationship": row.relationship,
        "passport_number": row.passport_number,
        "nationality": row.nationality,
        "created_at": row.created_at.isoformat(),
    }
