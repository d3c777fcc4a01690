"""Security round two: idempotency keys scoped to their caller; organisations' own
administrators (org_admin) manage their API clients.

Revision ID: 0005_i11_access
Revises: 0004_i11_identifiers_events
"""

from collections.abc import Sequence

from alembic import op

from app.db.row_security import POLICY_NAME, access_policies, core_policies, enable_rls

revision: str = "0005_i11_access"
down_revision: str | Sequence[str] | None = "0004_i11_identifiers_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _replace(policies: dict[str, tuple[str, str | None]]) -> None:
    for table, (using_sql, check_sql) in policies.items():
        op.execute(f"DROP POLICY {POLICY_NAME} ON {table}")
        enable_rls(table, using_sql, check_sql, execute=op.execute)


def upgrade() -> None:
    _replace(access_policies())


def downgrade() -> None:
    _replace({table: core_policies()[table] for table in access_policies()})
