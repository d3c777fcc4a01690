"""indexes for the keyset lists under a filter: cases by status, claims by creation

`GET /v1/cases?status=...` and `GET /v1/claims` page by (created_at, id). Without these
the planner walks the whole (created_at, id) index filtering on status, or sorts every
claim: at 1,000,000 cases a status filter took seconds (benchmarks/RESULTS.md).

Revision ID: 0005_i15_list_indexes
Revises: 0004_i15_audit_sealer
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_i15_list_indexes"
down_revision: str | Sequence[str] | None = "0004_i15_audit_sealer"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_cases_status_created_at_id", "cases", ["status", "created_at", "id"])
    op.create_index("ix_claims_created_at_id", "claims", ["created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_claims_created_at_id", table_name="claims")
    op.drop_index("ix_cases_status_created_at_id", table_name="cases")
