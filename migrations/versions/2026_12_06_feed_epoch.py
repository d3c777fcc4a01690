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
- `backup_position`: `corridor backup` notes the present feed position just before it
  dumps. A cursor handed out before then lies at or below it (a page's cursor may sit
  at the head of the feed, above the last event), and the restore puts every new
  event above it: such cursors resume after a restore.

The new epoch is the restore's time in milliseconds (or the old epoch plus one, if
larger): restoring the same backup twice must not hand out the same epoch twice, or
cursors of the first restore would pass for cursors of the second.

Revision ID: 0012_feed_epoch
Revises: 0011_i15_event_audience
"""

from collections.abc import Sequence

from alembic import op

from app.db.row_security import app_role_credentials

revision: str = "0012_feed_epoch"
down_revision: str | Sequence[str] | None = "0011_i15_event_audience"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE feed_clock"
        " ADD COLUMN epoch bigint NOT NULL DEFAULT 1,"
        " ADD COLUMN previous_epoch bigint,"
        " ADD COLUMN restore_position bigint,"
        " ADD COLUMN backup_position bigint"
    )
    op.execute(
        """
        CREATE FUNCTION corridor_feed_new_epoch() RETURNS bigint
        LANGUAGE plpgsql AS $$
        DECLARE
            present bigint := (pg_current_xact_id()::text)::bigint;
            clock feed_clock%ROWTYPE;
            fresh bigint;
        BEGIN
            SELECT * INTO clock FROM feed_clock WHERE id = 1 FOR UPDATE;
            -- Above every position handed out before the backup (`corridor backup`
            -- notes it first), so that no cursor of then has a new event below it.
            IF clock.backup_position IS NOT NULL
               AND clock.backup_position >= present + clock.offset_ THEN
                clock.offset_ := clock.backup_position - present + 1;
            END IF;
            fresh := greatest(
                clock.epoch + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint
            );
            UPDATE feed_clock
               SET offset_ = clock.offset_,
                   previous_epoch = clock.epoch,
                   epoch = fresh,
                   restore_position = present + clock.offset_,
                   backup_position = NULL
             WHERE id = 1;
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
        " DROP COLUMN epoch, DROP COLUMN backup_position"
    )
