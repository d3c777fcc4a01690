"""feed positions that survive a restore into another server

The feed orders events by the writer's transaction id. Transaction ids belong to one
server: restored into a new one, the old events keep their ids while the new server
counts again from a few hundred, so the horizon (the oldest running transaction) sits
below every restored event (a reader sees almost none) and new events sort before old
ones (a consumer resuming from its cursor misses them).

A feed position is therefore the transaction id plus a per-database offset, kept in
`feed_clock`. `corridor_feed_rebase()` (run by `corridor migrate`, hence by `serve` and
`restore`) raises the offset whenever a stored position is at or above the present one,
which only happens after a restore: every later transaction, and the horizon, then lie
above every restored event. Within one server the offset never changes, so the
gap-free reasoning (transactions below the horizon have all ended) is untouched.

Revision ID: 0004_i9_feed_clock
Revises: 0002, 0003
"""

from collections.abc import Sequence

from alembic import op

from app.db.row_security import app_role_credentials

revision: str = "0004_i9_feed_clock"
down_revision: str | Sequence[str] | None = ("0002", "0003")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE feed_clock (
            id integer PRIMARY KEY CONSTRAINT feed_clock_id_check CHECK (id = 1),
            offset_ bigint NOT NULL DEFAULT 0
        )
        """
    )
    op.execute("INSERT INTO feed_clock (id, offset_) VALUES (1, 0)")
    op.execute(
        """
        CREATE FUNCTION corridor_feed_offset() RETURNS bigint
        LANGUAGE sql STABLE AS $$ SELECT offset_ FROM feed_clock WHERE id = 1 $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION corridor_feed_position() RETURNS bigint
        LANGUAGE sql VOLATILE AS $$
            SELECT (pg_current_xact_id()::text)::bigint + corridor_feed_offset()
        $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION corridor_feed_rebase() RETURNS bigint
        LANGUAGE plpgsql AS $$
        DECLARE
            present bigint := (pg_current_xact_id()::text)::bigint;
            highest bigint;
            current_offset bigint;
        BEGIN
            -- Every row counts, whatever the tenancy (the policies let the system through).
            PERFORM set_config('corridor.system', 'on', true);
            SELECT offset_ INTO current_offset FROM feed_clock WHERE id = 1 FOR UPDATE;
            SELECT coalesce(max(transaction_id), 0) INTO highest FROM case_events;
            SELECT greatest(highest, coalesce(max(cursor_transaction_id), 0)) INTO highest
              FROM webhook_endpoints;
            IF highest >= present + current_offset THEN
                current_offset := highest - present + 1;
                UPDATE feed_clock SET offset_ = current_offset WHERE id = 1;
            END IF;
            RETURN current_offset;
        END
        $$
        """
    )
    op.execute(
        "ALTER TABLE case_events ALTER COLUMN transaction_id SET DEFAULT corridor_feed_position()"
    )
    role, _ = app_role_credentials()
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar()
    if role != owner:
        # The application reads the offset (through the default and the horizon) and
        # never moves it.
        op.execute(f'REVOKE ALL ON feed_clock FROM "{role}"')
        op.execute(f'GRANT SELECT ON feed_clock TO "{role}"')
        op.execute(f'REVOKE ALL ON FUNCTION corridor_feed_rebase() FROM PUBLIC, "{role}"')


def downgrade() -> None:
    op.execute(
        "ALTER TABLE case_events ALTER COLUMN transaction_id"
        " SET DEFAULT (pg_current_xact_id()::text)::bigint"
    )
    op.execute("DROP FUNCTION corridor_feed_rebase()")
    op.execute("DROP FUNCTION corridor_feed_position()")
    op.execute("DROP FUNCTION corridor_feed_offset()")
    op.execute("DROP TABLE feed_clock")
