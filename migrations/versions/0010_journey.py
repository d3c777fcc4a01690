"""journey: care settings, origins, attendances, information requests, discharge letters,
follow-ups and join links, beds on movements, logistics for the whole stay, case assignee,
and the accent-insensitive patient-name search (unaccent + pg_trgm)

Revision ID: 0104_i13_journey
Revises: 0104_i12_regimes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0104_i13_journey"
down_revision: str | Sequence[str] | None = "0104_i12_regimes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# unaccent() is STABLE (it reads its dictionary), so an index cannot use it directly. This
# wrapper names the dictionary explicitly, which makes the result fixed for a given input:
# the documented way to index unaccented text. The name and given names are one string.
SEARCH_NAME_FUNCTION = """
CREATE FUNCTION corridor_search_name(family_name text, given_names text[])
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT lower(public.unaccent('public.unaccent'::regdictionary,
         family_name || ' ' || array_to_string(given_names, ' ')))
$$
"""

SEARCH_TEXT_FUNCTION = """
CREATE FUNCTION corridor_search_text(value text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT lower(public.unaccent('public.unaccent'::regdictionary, value))
$$
"""


def upgrade() -> None:
    op.add_column(
        "cases",
        sa.Column("origin", sa.String(length=30), server_default="referral", nullable=False),
    )
    op.add_column(
        "cases",
        sa.Column("care_setting", sa.String(length=20), server_default="inpatient", nullable=False),
    )
    op.add_column("cases", sa.Column("assignee", sa.String(length=200), nullable=True))
    op.add_column("cases", sa.Column("presented_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "cases",
        sa.Column(
            "information_requests",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "cases",
        sa.Column(
            "attendances",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "cases",
        sa.Column("discharge_letter", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column(
        "cases",
        sa.Column(
            "priority_rank",
            sa.SmallInteger(),
            sa.Computed(
                "CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 "
                "WHEN 'routine' THEN 2 ELSE 3 END",
                persisted=True,
            ),
            nullable=True,
        ),
    )
    op.create_index(
        "ix_cases_priority_rank_created_at_id", "cases", ["priority_rank", "created_at", "id"]
    )
    op.create_index("ix_cases_assignee", "cases", ["assignee"])
    op.create_index("ix_cases_care_setting", "cases", ["care_setting"])

    op.add_column(
        "teleconsultations",
        sa.Column("kind", sa.String(length=20), server_default="consultation", nullable=False),
    )
    op.add_column(
        "teleconsultations",
        sa.Column("virtual_service", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column("teleconsultations", sa.Column("time_zone", sa.String(64), nullable=True))

    op.add_column("unit_movements", sa.Column("bed", sa.String(length=60), nullable=True))

    op.add_column("logistics_tasks", sa.Column("language", sa.String(35), nullable=True))
    op.add_column("logistics_tasks", sa.Column("beneficiary", sa.String(20), nullable=True))
    op.create_index(
        "ix_logistics_tasks_open_due",
        "logistics_tasks",
        ["due_date"],
        postgresql_where=sa.text("status IN ('requested', 'in_progress')"),
    )

    # Trusted extensions: a database owner may create them (PostgreSQL 13+).
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    op.execute(SEARCH_NAME_FUNCTION)
    op.execute(SEARCH_TEXT_FUNCTION)
    op.execute(
        "CREATE INDEX ix_patients_search_name ON patients "
        "USING gin (corridor_search_name(family_name, given_names) public.gin_trgm_ops)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_patients_search_name")
    op.execute("DROP FUNCTION IF EXISTS corridor_search_text(text)")
    op.execute("DROP FUNCTION IF EXISTS corridor_search_name(text, text[])")
    op.drop_index("ix_logistics_tasks_open_due", table_name="logistics_tasks")
    op.drop_column("logistics_tasks", "beneficiary")
    op.drop_column("logistics_tasks", "language")
    op.drop_column("unit_movements", "bed")
    op.drop_column("teleconsultations", "time_zone")
    op.drop_column("teleconsultations", "virtual_service")
    op.drop_column("teleconsultations", "kind")
    op.drop_index("ix_cases_care_setting", table_name="cases")
    op.drop_index("ix_cases_assignee", table_name="cases")
    op.drop_index("ix_cases_priority_rank_created_at_id", table_name="cases")
    for column in (
        "discharge_letter",
        "attendances",
        "information_requests",
        "presented_at",
        "assignee",
        "priority_rank",
        "care_setting",
        "origin",
    ):
        op.drop_column("cases", column)
