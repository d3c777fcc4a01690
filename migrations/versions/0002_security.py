"""security: application role, row-level security, audit trail, API clients

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from app.db.row_security import app_role_credentials, core_policies, disable_rls, enable_rls

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _create_app_role(role: str, password: str | None) -> None:
    # Roles are cluster-wide: another database (a parallel test run) may create it
    # at the same moment, hence both exceptions.
    op.execute(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END
        $$
        """
    )
    # Whatever it was before: it must not escape row-level security.
    op.execute(f'ALTER ROLE "{role}" NOSUPERUSER NOBYPASSRLS')
    if password:
        op.execute(f'ALTER ROLE "{role}" PASSWORD {_quote_literal(password)}')


def _grant(role: str) -> None:
    op.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
    op.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
    op.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    # Tables later migrations create (as this owner) are granted the same way.
    op.execute(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public"
        f' GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{role}"'
    )
    op.execute(
        f'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "{role}"'
    )
    op.execute(f'REVOKE ALL ON alembic_version FROM "{role}"')
    # The trail is appended to, never changed; the chain head is only moved forward.
    op.execute(f'REVOKE UPDATE, DELETE ON audit_events FROM "{role}"')
    op.execute(f'REVOKE INSERT, DELETE ON audit_chain_head FROM "{role}"')


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("actor_sub", sa.String(length=200), nullable=True),
        sa.Column("organization_id", sa.UUID(), nullable=True),
        sa.Column(
            "roles", postgresql.ARRAY(sa.String(length=20)), server_default="{}", nullable=False
        ),
        sa.Column("client_id", sa.String(length=80), nullable=True),
        sa.Column("operation", sa.String(length=120), nullable=False),
        sa.Column("object_type", sa.String(length=60), nullable=True),
        sa.Column("object_id", sa.String(length=80), nullable=True),
        sa.Column(
            "object_ids",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="{}",
            nullable=False,
        ),
        sa.Column("patient_ids", postgresql.ARRAY(sa.UUID()), server_default="{}", nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
    )
    op.create_index("ix_audit_events_object_id", "audit_events", ["object_id"], unique=False)
    op.create_index(
        "ix_audit_events_organization_id_seq",
        "audit_events",
        ["organization_id", "seq"],
        unique=False,
    )
    op.create_index(
        "ix_audit_events_patient_ids",
        "audit_events",
        ["patient_ids"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.execute(
        f"INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '{GENESIS_HASH}')"  # noqa: S608
    )
    op.create_table(
        "api_clients",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("client_id", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=True),
        sa.Column("roles", postgresql.ARRAY(sa.String(length=20)), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_api_clients_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_clients")),
        sa.UniqueConstraint("client_id", name=op.f("uq_api_clients_client_id")),
    )
    op.create_index(
        op.f("ix_api_clients_organization_id"), "api_clients", ["organization_id"], unique=False
    )

    # Append-only, even for the owner: only a superuser disabling triggers gets past this.
    op.execute(
        """
        CREATE FUNCTION corridor_refuse_audit_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events"
        " FOR EACH ROW EXECUTE FUNCTION corridor_refuse_audit_change()"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events"
        " FOR EACH STATEMENT EXECUTE FUNCTION corridor_refuse_audit_change()"
    )

    # (system, value) is unique across every organisation, but RLS hides other
    # organisations' patients: this answers only "which patient id holds it", so the
    # registry can refuse a duplicate with 409 instead of failing on the constraint.
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

    role, password = app_role_credentials()
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar()
    if role == owner:
        # CORRIDOR_APP_DATABASE_URL names the owner itself: nothing to create or grant,
        # and the owner must not be altered (RLS, forced, still applies to it).
        role = None
    if role is not None:
        _create_app_role(role, password)
        _grant(role)
        op.execute(
            f'GRANT EXECUTE ON FUNCTION corridor_patient_with_identifier(text, text) TO "{role}"'
        )

    for table, (using_sql, check_sql) in core_policies().items():
        enable_rls(table, using_sql, check_sql, execute=op.execute)


def downgrade() -> None:
    for table in core_policies():
        disable_rls(table, execute=op.execute)
    role, _ = app_role_credentials()
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar()
    if role != owner:
        op.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
        op.execute(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{role}"')
        op.execute(f'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM "{role}"')
        op.execute(
            f'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM "{role}"'
        )
        op.execute(f'REVOKE ALL ON SCHEMA public FROM "{role}"')
    # The role itself is cluster-wide and may serve other databases: it stays.
    op.execute("DROP FUNCTION corridor_patient_with_identifier(text, text)")
    op.drop_index(op.f("ix_api_clients_organization_id"), table_name="api_clients")
    op.drop_table("api_clients")
    op.drop_table("audit_chain_head")
    op.drop_index("ix_audit_events_patient_ids", table_name="audit_events", postgresql_using="gin")
    op.drop_index("ix_audit_events_organization_id_seq", table_name="audit_events")
    op.drop_index("ix_audit_events_object_id", table_name="audit_events")
    op.drop_table("audit_events")
    op.execute("DROP FUNCTION corridor_refuse_audit_change()")
