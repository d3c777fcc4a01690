"""the feed's epoch: cursors that a restore has made wrong are refused, never silently empty

A restore takes the database back to the backup's moment. A consumer whose cursor was
handed out after the backup (by the old server, or by this one before an older backup
was restored) holds a position that the restored feed may never have reached: new
events are written above the restored ones, possibly below that cursor, and it would
read empty pages while they pile up behind it.

`feed_clock` therefore also keeps
- `epoch`: 1 in a fresh database; `corridor_feed_new_epoch()`, run by `corridor
  restore` after pg_restore and the migrations, replaces it with a new value. Page
  cursors carry it.
- `previous_epoch`, `restore_position`: the epoch the restored backup was taken in, and
  the feed position of the restore. Every event written since lies above that
  position, so a cursor of the previous epoch at or below it misses nothing and
  resumes; one above it, or of any other epoch, is 410 `cursor_expired`
  (app/integrations/feed.py).

The new epoch is the restore's time in milliseconds (or the old epoch plus one, if
larger): restoring the same backup twice must not hand out the same epoch twice, or
cursors of the first restore would pass for cursors of the second.

Revision ID: 0012_feed_epoch
Revises: 0011_i15_event_audience
"""

from collections.abc import Sequence

from alembic import op

from app.platform.row_security import app_role_credentials

revision: str = "0012_feed_epoch"
down_revision: str | Sequence[str] | None = "0011_i15_event_audience"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE feed_clock"
        " ADD COLUMN epoch bigint NOT NULL DEFAULT 1,"
        " ADD COLUMN previous_epoch bigint,"
        " ADD COLUMN restore_position bigint"
    )
    op.execute(
        """
        CREATE FUNCTION corridor_feed_new_epoch() RETURNS bigint
        LANGUAGE plpgsql AS $$
        DECLARE
            fresh bigint;
        BEGIN
            UPDATE feed_clock
               SET previous_epoch = epoch,
                   epoch = greatest(
                       epoch + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint
                   ),
                   restore_position = corridor_feed_position()
             WHERE id = 1
            RETURNING epoch INTO fresh;
            RETURN fresh;
        END
        $$
        """
    )
    role, _ = app_role_credentials()
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar()
    if role != owner:
        # Only a restore (as the owner) starts an epoch.
        op.execute(f'REVOKE ALL ON FUNCTION corridor_feed_new_epoch() FROM PUBLIC, "{role}"')


def downgrade() -> None:
    op.execute("DROP FUNCTION corridor_feed_new_epoch()")
    op.execute(
        "ALTER TABLE feed_clock DROP COLUMN restore_position, DROP COLUMN previous_epoch,"
        " DROP COLUMN epoch"
    )
