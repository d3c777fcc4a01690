"""The caller's own X-Request-Id beside ours in the audit trail (issue 9).

A caller's request id never replaces ours (it could be forged or collide), but an
integrator looks its requests up by the id it sent. Existing rows keep their hash:
the chain covers `caller_request_id` only on rows that have one.

Revision ID: 0007_i9_audit_caller_request_id
Revises: 0006_i17_directory
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_i9_audit_caller_request_id"
down_revision: str | Sequence[str] | None = "0006_i17_directory"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_events", sa.Column("caller_request_id", sa.String(64), nullable=True))
    op.create_index(
        "ix_audit_events_caller_request_id",
        "audit_events",
        ["caller_request_id"],
        postgresql_where=sa.text("caller_request_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_audit_events_caller_request_id", table_name="audit_events")
    op.drop_column("audit_events", "caller_request_id")
