"""Documents of a case, their bytes when PostgreSQL stores them, and the companions."""

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models.base import Base
from app.db.models.columns import Created, UuidPk
from app.db.models.types import StrEnumColumn
from app.domain.documents import DocumentKind, DocumentStatus


class DocumentRow(Base):
    """A document's metadata; its bytes live in the storage named by `storage`."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_case_id_created_at", "case_id", "created_at"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
        CheckConstraint("status IN ('active', 'withdrawn')", name="status_known"),
    )

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE")
    )
    kind: Mapped[DocumentKind] = mapped_column(StrEnumColumn(DocumentKind, 40))
    language: Mapped[str] = mapped_column(String(35))
    title: Mapped[str] = mapped_column(String(300))
    filename: Mapped[str | None] = mapped_column(String(255))
    translation_of: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("documents.id")
    )
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage: Mapped[str] = mapped_column(String(20))
    storage_key: Mapped[str] = mapped_column(String(300))
    status: Mapped[DocumentStatus] = mapped_column(
        StrEnumColumn(DocumentStatus, 20), server_default="active"
    )
    # A generated letter names its kind; an upload has none.
    letter_kind: Mapped[str | None] = mapped_column(String(40))
    created_by_sub: Mapped[str] = mapped_column(String(200))
    created_by_organization_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[Created]
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by_sub: Mapped[str | None] = mapped_column(String(200))


class DocumentChunkRow(Base):
    """The bytes of a document stored in PostgreSQL, in chunks, so neither the upload nor
    the download ever holds a whole document in memory."""

    __tablename__ = "document_chunks"

    storage_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class CompanionRow(Base):
    """Someone travelling with the patient (visa invitation letters name them)."""

    __tablename__ = "case_companions"

    id: Mapped[UuidPk]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(200))
    relationship: Mapped[str] = mapped_column(String(40))
    passport_number: Mapped[str] = mapped_column(String(40))
    nationality: Mapped[str] = mapped_column(String(2))
    created_by_sub: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[Created]
