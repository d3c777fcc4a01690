"""audit trail sealed in the background: no row locked by every request

Requests append audit rows with `seq` from a sequence and no hash; the sealer
(app.access.audit.seal) gives committed rows their place in the chain
(`chain_seq`, `prev_hash`, `hash`) in order, once. The append-only trigger now lets
exactly that one change through: an unsealed row gets its seal, nothing else moves.

Revision ID: 0004_i15_audit_sealer
Revises: 0005_i11_access
"""

from collections.abc import Sequence

from alembic import op

from app.db.row_security import app_role_credentials

revision: str = "0004_i15_audit_sealer"
down_revision: str | Sequence[str] | None = "0005_i11_access"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEAL_COLUMNS = "'chain_seq' - 'prev_hash' - 'hash'"


def upgrade() -> None:
    op.execute("ALTER TABLE audit_events ADD COLUMN chain_seq bigint")
    # Rows written before this revision are chained already, in seq order.
    # Forced row-level security applies to the owner too: work in the system context.
    op.execute("SELECT set_config('corridor.system', 'on', true)")
    op.execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
    op.execute("UPDATE audit_events SET chain_seq = seq")
    op.execute("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only")
    op.execute("ALTER TABLE audit_events ALTER COLUMN prev_hash DROP NOT NULL")
    op.execute("ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL")
    op.execute("CREATE SEQUENCE audit_events_seq OWNED BY audit_events.seq")
    op.execute(
        "SELECT setval('audit_events_seq', coalesce((SELECT max(seq) FROM audit_events), 0) + 1,"
        " false)"
    )
    op.execute("ALTER TABLE audit_events ALTER COLUMN seq SET DEFAULT nextval('audit_events_seq')")
    op.execute(
        "ALTER TABLE audit_events ADD CONSTRAINT uq_audit_events_chain_seq UNIQUE (chain_seq)"
    )
    # The sealer's work list stays small: only rows still waiting for their seal.
    op.execute(
        "CREATE INDEX ix_audit_events_unsealed ON audit_events (seq) WHERE chain_seq IS NULL"
    )
    op.execute(
        "ALTER TABLE audit_events ADD CONSTRAINT ck_audit_events_sealed_whole CHECK ("
        " (chain_seq IS NULL AND prev_hash IS NULL AND hash IS NULL)"
        " OR (chain_seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL))"
    )
    op.execute(
        f"""
        CREATE FUNCTION corridor_guard_audit_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            -- The one change allowed: an unsealed row receives its seal, nothing else.
            IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
               AND to_jsonb(NEW) - {SEAL_COLUMNS} = to_jsonb(OLD) - {SEAL_COLUMNS} THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    )
    op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
    op.execute(
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events"
        " FOR EACH ROW EXECUTE FUNCTION corridor_guard_audit_change()"
    )
    role, _ = app_role_credentials()
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar()
    if role != owner:
        op.execute(f'GRANT UPDATE (chain_seq, prev_hash, hash) ON audit_events TO "{role}"')
        op.execute(f'GRANT USAGE ON SEQUENCE audit_events_seq TO "{role}"')


def downgrade() -> None:
    role, _ = app_role_credentials()
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar()
    if role != owner:
        op.execute(f'REVOKE UPDATE (chain_seq, prev_hash, hash) ON audit_events FROM "{role}"')
    op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
    op.execute(
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events"
        " FOR EACH ROW EXECUTE FUNCTION corridor_refuse_audit_change()"
    )
    op.execute("DROP FUNCTION corridor_guard_audit_change()")
    op.execute("ALTER TABLE audit_events DROP CONSTRAINT ck_audit_events_sealed_whole")
    op.execute("DROP INDEX ix_audit_events_unsealed")
    op.execute("ALTER TABLE audit_events DROP CONSTRAINT uq_audit_events_chain_seq")
    op.execute("ALTER TABLE audit_events ALTER COLUMN seq DROP DEFAULT")
    op.execute("DROP SEQUENCE audit_events_seq")
    # Unsealed rows cannot go back to the old, always-chained shape.
    op.execute("ALTER TABLE audit_events DROP COLUMN chain_seq")
