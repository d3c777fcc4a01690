"""documents: case documents, their bytes in PostgreSQL, companions

Revision ID: 0114_i14_documents
Revises: 0104_i13_journey
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.row_security import CURRENT_ORG, disable_rls, enable_rls, visible_case

revision: str = "0114_i14_documents"
down_revision: str | Sequence[str] | None = "0104_i13_journey"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A document and a companion follow their case. A chunk is readable when its document
# is; it is written in the upload's own transaction, before the document row exists,
# so writing needs only an organisation context.
POLICIES = {
    "documents": (visible_case("documents"), None),
    "document_chunks": (
        "EXISTS (SELECT 1 FROM documents AS d WHERE d.storage_key = document_chunks.storage_key)",
        f"{CURRENT_ORG} IS NOT NULL",
    ),
    "case_companions": (visible_case("case_companions"), None),
}


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("translation_of", sa.UUID(), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage", sa.String(length=20), nullable=False),
        sa.Column("storage_key", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="active", nullable=False),
        sa.Column("letter_kind", sa.String(length=40), nullable=True),
        sa.Column("created_by_sub", sa.String(length=200), nullable=False),
        sa.Column("created_by_organization_id", sa.UUID(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_sub", sa.String(length=200), nullable=True),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("ck_documents_size_not_negative")),
        sa.CheckConstraint(
            "status IN ('active', 'withdrawn')", name=op.f("ck_documents_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_documents_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["translation_of"],
            ["documents.id"],
            name=op.f("fk_documents_translation_of_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(
        "ix_documents_case_id_created_at", "documents", ["case_id", "created_at"], unique=False
    )
    op.create_table(
        "document_chunks",
        sa.Column("storage_key", sa.String(length=300), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("storage_key", "seq", name=op.f("pk_document_chunks")),
    )
    # Chunks are already compressed formats (PDF, images) mostly: no TOAST compression.
    op.execute("ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL")
    op.create_table(
        "case_companions",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("relationship", sa.String(length=40), nullable=False),
        sa.Column("passport_number", sa.String(length=40), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("created_by_sub", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_companions_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_companions")),
    )
    op.create_index(
        op.f("ix_case_companions_case_id"), "case_companions", ["case_id"], unique=False
    )
    for table, (using_sql, check_sql) in POLICIES.items():
        enable_rls(table, using_sql, check_sql, execute=op.execute)


def downgrade() -> None:
    for table in POLICIES:
        disable_rls(table, execute=op.execute)
    op.drop_index(op.f("ix_case_companions_case_id"), table_name="case_companions")
    op.drop_table("case_companions")
    op.drop_table("document_chunks")
    op.drop_index("ix_documents_case_id_created_at", table_name="documents")
    op.drop_table("documents")
