"""Security round two: identifiers unique per registering organisation and normalised;
case_events append-only for the application role.

Revision ID: 0004_i11_identifiers_events
Revises: 0004_i9_feed_clock
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.row_security import app_role_credentials

revision: str = "0004_i11_identifiers_events"
# Main had two heads (0002 and 0003 both follow 0001): this revision joins them.
down_revision: str | Sequence[str] | None = "0004_i9_feed_clock"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The data already stored is normalised once here, in SQL, as
# app.domain.identifiers.normalise_identifier does for every new value: NFKC, without
# format characters (zero-width, direction marks, BOM, soft hyphen).
_INVISIBLE = (
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def _app_role() -> str | None:
    role, _ = app_role_credentials()
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar()
    return None if role == owner else role


def upgrade() -> None:
    op.add_column("patient_identifiers", sa.Column("organization_id", sa.UUID(), nullable=True))
    op.execute(
        "UPDATE patient_identifiers AS i SET organization_id = p.organization_id"
        " FROM patients AS p WHERE p.id = i.patient_id"
    )
    op.execute(
        sa.text(
            "UPDATE patient_identifiers SET"
            " value = btrim(regexp_replace(normalize(value, NFKC), :invisible, '', 'g')),"
            " system = btrim(regexp_replace(normalize(system, NFKC), :invisible, '', 'g'))"
        ).bindparams(invisible=_INVISIBLE)
    )
    op.alter_column("patient_identifiers", "organization_id", nullable=False)
    op.create_foreign_key(
        op.f("fk_patient_identifiers_organization_id_organizations"),
        "patient_identifiers",
        "organizations",
        ["organization_id"],
        ["id"],
    )
    op.drop_constraint(
        op.f("uq_patient_identifiers_system_value"), "patient_identifiers", type_="unique"
    )
    op.create_unique_constraint(
        op.f("uq_patient_identifiers_organization_id_system_value"),
        "patient_identifiers",
        ["organization_id", "system", "value"],
    )
    # It answered "which patient holds this identifier" across organisations: an oracle.
    op.execute("DROP FUNCTION corridor_patient_with_identifier(text, text)")

    role = _app_role()
    if role is not None:
        # The timeline is a record: the application appends to it, never rewrites it.
        op.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON case_events FROM "{role}"')


def downgrade() -> None:
    role = _app_role()
    if role is not None:
        op.execute(f'GRANT UPDATE, DELETE ON case_events TO "{role}"')
    op.execute(
        """
        CREATE FUNCTION corridor_patient_with_identifier(p_system text, p_value text)
        RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = public, pg_temp
        AS $$
            SELECT patient_id FROM patient_identifiers
            WHERE system = p_system AND value = p_value
        $$
        """
    )
    op.execute("REVOKE ALL ON FUNCTION corridor_patient_with_identifier(text, text) FROM PUBLIC")
    if role is not None:
        op.execute(
            f'GRANT EXECUTE ON FUNCTION corridor_patient_with_identifier(text, text) TO "{role}"'
        )
    op.drop_constraint(
        op.f("uq_patient_identifiers_organization_id_system_value"),
        "patient_identifiers",
        type_="unique",
    )
    op.create_unique_constraint(
        op.f("uq_patient_identifiers_system_value"), "patient_identifiers", ["system", "value"]
    )
    op.drop_constraint(
        op.f("fk_patient_identifiers_organization_id_organizations"),
        "patient_identifiers",
        type_="foreignkey",
    )
    op.drop_column("patient_identifiers", "organization_id")
