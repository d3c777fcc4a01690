"""cases and claims listed side by side: one (organisation, created_at, id) index per side

A case belongs to its referring, receiving OR payer organisation. A list ordered by
creation under that OR walked the whole (created_at, id) index and filtered other
organisations' rows out, or sorted every matching row under a status filter: the
cost grew with the table (benchmarks/RESULTS.md). Each side (and, under a status
filter, each side and status) is now paged on its own index and the page is the first
rows of their union (app.platform.paging.keyset_page). The single-column organisation
indexes are prefixes of the new ones; (status, created_at, id) served the old plan only.
Claims likewise, by creditor and by debtor.

Revision ID: 0010_i15_list_by_side
Revises: 0009_i17_case_milestones
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_i15_list_by_side"
down_revision: str | Sequence[str] | None = "0009_i17_case_milestones"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIDES = ("referring_organization_id", "receiving_organization_id", "payer_organization_id")
CLAIM_SIDES = ("creditor_organization_id", "debtor_organization_id")


def upgrade() -> None:
    for side in SIDES:
        op.create_index(f"ix_cases_{side}_created_at_id", "cases", [side, "created_at", "id"])
        op.create_index(
            f"ix_cases_{side}_status_created_at_id", "cases", [side, "status", "created_at", "id"]
        )
        op.drop_index(f"ix_cases_{side}", table_name="cases")
    op.drop_index("ix_cases_status_created_at_id", table_name="cases")
    # Claims: a creditor's or a debtor's.
    for side in CLAIM_SIDES:
        op.create_index(f"ix_claims_{side}_created_at_id", "claims", [side, "created_at", "id"])
    op.drop_index("ix_claims_debtor_organization_id", table_name="claims")


def downgrade() -> None:
    op.create_index("ix_claims_debtor_organization_id", "claims", ["debtor_organization_id"])
    for side in CLAIM_SIDES:
        op.drop_index(f"ix_claims_{side}_created_at_id", table_name="claims")
    op.create_index("ix_cases_status_created_at_id", "cases", ["status", "created_at", "id"])
    for side in SIDES:
        op.create_index(f"ix_cases_{side}", "cases", [side])
        op.drop_index(f"ix_cases_{side}_status_created_at_id", table_name="cases")
        op.drop_index(f"ix_cases_{side}_created_at_id", table_name="cases")
