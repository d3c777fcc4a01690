"""The public directory: services receiving organisations publish (issue 17).

Revision ID: 0006_i17_directory
Revises: 0114_i14_documents
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from app.db.row_security import CURRENT_ORG, IS_ADMIN, disable_rls, enable_rls

revision: str = "0006_i17_directory"
down_revision: str | Sequence[str] | None = "0114_i14_documents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "directory_services",
        sa.Column(
            "id",
            postgresql.UUID(as_uuid=True),
            server_default=sa.text("gen_random_uuid()"),
        ),
        sa.Column(
            "organization_id",
            postgresql.UUID(as_uuid=True),
            nullable=False,
        ),
        sa.Column("specialty", sa.String(100), nullable=False),
        sa.Column("care_setting", sa.String(20), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("contact", postgresql.JSONB(), server_default="{}", nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_directory_services"),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            ondelete="CASCADE",
            name="fk_directory_services_organization_id_organizations",
        ),
        sa.CheckConstraint(
            "care_setting IN ('inpatient', 'day_case', 'outpatient')",
            name="ck_directory_services_care_setting_known",
        ),
        sa.CheckConstraint(
            "lead_time_days >= 0", name="ck_directory_services_lead_time_not_negative"
        ),
    )
    op.create_index(
        "ix_directory_services_organization_id", "directory_services", ["organization_id"]
    )
    # Public entries, but only their organisation (or a platform admin) writes them; the
    # anonymous directory reads them in the system context.
    enable_rls(
        "directory_services",
        f"({IS_ADMIN}) OR organization_id = {CURRENT_ORG}",
        execute=op.execute,
    )


def downgrade() -> None:
    disable_rls("directory_services", execute=op.execute)
    op.drop_table("directory_services")
