"""Corridors as a whole (issue 17): suspensions that hold every open case of an agreement,
and the coordination bodies an agreement names (they see its aggregates, never a case).

Revision ID: 0008_i17_corridors
Revises: 0007_i9_audit_caller_request_id
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008_i17_corridors"
down_revision: str | Sequence[str] | None = "0007_i9_audit_caller_request_id"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "agreements",
        sa.Column(
            "coordinating_organization_ids",
            postgresql.ARRAY(postgresql.UUID(as_uuid=True)),
            server_default="{}",
            nullable=False,
        ),
    )
    op.create_table(
        "agreement_suspensions",
        sa.Column("id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()")),
        sa.Column("agreement_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("suspended_by", sa.String(200), nullable=False),
        sa.Column("held_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("resumed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resumed_by", sa.String(200), nullable=True),
        sa.Column("resumed_count", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_agreement_suspensions"),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name="fk_agreement_suspensions_agreement_id_agreements",
        ),
        sa.CheckConstraint(
            "reason IN ('border_closure', 'transport_disruption', 'capacity', 'other')",
            name="ck_agreement_suspensions_reason_known",
        ),
    )
    op.create_index(
        "ix_agreement_suspensions_agreement_id", "agreement_suspensions", ["agreement_id"]
    )
    op.create_index(
        "uq_agreement_suspensions_in_force",
        "agreement_suspensions",
        ["agreement_id"],
        unique=True,
        postgresql_where=sa.text("resumed_at IS NULL"),
    )
    op.add_column(
        "cases",
        sa.Column("held_by_suspension_id", postgresql.UUID(as_uuid=True), nullable=True),
    )
    op.create_foreign_key(
        "fk_cases_held_by_suspension_id_agreement_suspensions",
        "cases",
        "agreement_suspensions",
        ["held_by_suspension_id"],
        ["id"],
    )
    op.create_index(
        "ix_cases_held_by_suspension_id",
        "cases",
        ["held_by_suspension_id"],
        postgresql_where=sa.text("held_by_suspension_id IS NOT NULL"),
    )
    op.create_index("ix_cases_agreement_id_status", "cases", ["agreement_id", "status"])
    # Reference data like agreements (no row-level security): the application role's
    # grants come from 0002's default privileges.


def downgrade() -> None:
    op.drop_index("ix_cases_agreement_id_status", table_name="cases")
    op.drop_index("ix_cases_held_by_suspension_id", table_name="cases")
    op.drop_constraint(
        "fk_cases_held_by_suspension_id_agreement_suspensions", "cases", type_="foreignkey"
    )
    op.drop_column("cases", "held_by_suspension_id")
    op.drop_index("uq_agreement_suspensions_in_force", table_name="agreement_suspensions")
    op.drop_index("ix_agreement_suspensions_agreement_id", table_name="agreement_suspensions")
    op.drop_table("agreement_suspensions")
    op.drop_column("agreements", "coordinating_organization_ids")
