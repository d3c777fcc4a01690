"""The debtor of a claim reads the claimed case's row (row-level security only)

Issue 24: S2 and EHIC claims go to the institution of the place of stay (a
`liaison_body`), which is no party to the case. To answer a claim (its events carry the
case's version and status) and to export it with the stay's dates, the database lets a
claim's debtor read the case row; the services still show it no case
(app/db/case_tenancy.py), so it sees no clinical data. Writing a case stays with its
parties.

Revision ID: 0014_claim_debtor_reads_case
Revises: 0011_i15_event_audience
"""

from collections.abc import Sequence

from alembic import op

from app.db.row_security import (
    POLICY_NAME,
    claim_debtor_policies,
    core_policies,
    enable_rls,
)

revision: str = "0014_claim_debtor_reads_case"
down_revision: str | Sequence[str] | None = "0013_webhook_due_per_endpoint"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _replace(policies: dict[str, tuple[str, str | None]]) -> None:
    for table, (using_sql, check_sql) in policies.items():
        op.execute(f"DROP POLICY {POLICY_NAME} ON {table}")
        enable_rls(table, using_sql, check_sql, execute=op.execute)


def upgrade() -> None:
    _replace(claim_debtor_policies())


def downgrade() -> None:
    _replace({table: core_policies()[table] for table in claim_debtor_policies()})
