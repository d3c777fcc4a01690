"""A receiving hospital pauses its own intake on a corridor (issue 23): a suspension row
scoped to one receiving organisation. A row without one is the corridor-wide suspension
(coordination bodies and platform admins); at most one of each in force.

Revision ID: 0017_intake_pauses
Revises: 0011_i15_event_audience
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017_intake_pauses"
down_revision: str | Sequence[str] | None = "0016_case_agreement"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "agreement_suspensions",
        sa.Column("receiving_organization_id", postgresql.UUID(as_uuid=True), nullable=True),
    )
    op.create_foreign_key(
        "fk_agreement_suspensions_receiving_organization_id_orga_06eb",
        "agreement_suspensions",
        "organizations",
        ["receiving_organization_id"],
        ["id"],
    )
    op.drop_index("uq_agreement_suspensions_in_force", table_name="agreement_suspensions")
    op.create_index(
        "uq_agreement_suspensions_in_force",
        "agreement_suspensions",
        ["agreement_id"],
        unique=True,
        postgresql_where=sa.text("resumed_at IS NULL AND receiving_organization_id IS NULL"),
    )
    op.create_index(
        "uq_agreement_suspensions_pause_in_force",
        "agreement_suspensions",
        ["agreement_id", "receiving_organization_id"],
        unique=True,
        postgresql_where=sa.text("resumed_at IS NULL AND receiving_organization_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_agreement_suspensions_pause_in_force", table_name="agreement_suspensions")
    op.drop_index("uq_agreement_suspensions_in_force", table_name="agreement_suspensions")
    # Lossy: the pauses go (their cases stay on hold, as held by hand).
    op.execute(
        "UPDATE cases SET held_by_suspension_id = NULL WHERE held_by_suspension_id IN"
        " (SELECT id FROM agreement_suspensions WHERE receiving_organization_id IS NOT NULL)"
    )
    op.execute("DELETE FROM agreement_suspensions WHERE receiving_organization_id IS NOT NULL")
    op.create_index(
        "uq_agreement_suspensions_in_force",
        "agreement_suspensions",
        ["agreement_id"],
        unique=True,
        postgresql_where=sa.text("resumed_at IS NULL"),
    )
    op.drop_constraint(
        "fk_agreement_suspensions_receiving_organization_id_orga_06eb",
        "agreement_suspensions",
        type_="foreignkey",
    )
    op.drop_column("agreement_suspensions", "receiving_organization_id")
