"""the event feed's index: one (organisation, transaction_id, seq) row per reader

An organisation's feed page walked the whole (transaction_id, seq) order of every
organisation's events and filtered on `visible_to` (27 rows read for each one kept in
the benchmark). `case_event_audience` holds, per event, one row per organisation that
may read it; the feed is an ordered scan of the reader's own rows. The database writes
it from `case_events.visible_to` (a statement trigger on insert, so COPY and multi-row
inserts pay one INSERT ... SELECT; a row trigger if `visible_to` is ever changed), and
the existing events are copied here.

Row-level security: an organisation reads its own rows; a row may be written only for
an event the writer can see (the trigger runs as the writer).

Revision ID: 0011_i15_event_audience
Revises: 0010_i15_list_by_side
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

from app.db.row_security import CURRENT_ORG, disable_rls, enable_rls

revision: str = "0011_i15_event_audience"
down_revision: str | Sequence[str] | None = "0010_i15_list_by_side"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_event_audience",
        sa.Column("organization_id", UUID(as_uuid=True), nullable=False),
        sa.Column("transaction_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "seq",
            sa.BigInteger(),
            sa.ForeignKey("case_events.seq", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("organization_id", "transaction_id", "seq"),
    )
    op.execute(
        """
        CREATE FUNCTION corridor_event_audience_added() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO case_event_audience (organization_id, transaction_id, seq)
            SELECT DISTINCT reader, added.transaction_id, added.seq
            FROM added CROSS JOIN LATERAL unnest(added.visible_to) AS reader;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER case_events_audience_added AFTER INSERT ON case_events"
        " REFERENCING NEW TABLE AS added FOR EACH STATEMENT"
        " EXECUTE FUNCTION corridor_event_audience_added()"
    )
    op.execute(
        """
        CREATE FUNCTION corridor_event_audience_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM case_event_audience WHERE seq = OLD.seq;
            INSERT INTO case_event_audience (organization_id, transaction_id, seq)
            SELECT DISTINCT reader, NEW.transaction_id, NEW.seq
            FROM unnest(NEW.visible_to) AS reader;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER case_events_audience_changed"
        " AFTER UPDATE OF visible_to, transaction_id ON case_events"
        " FOR EACH ROW EXECUTE FUNCTION corridor_event_audience_changed()"
    )
    op.execute(
        "INSERT INTO case_event_audience (organization_id, transaction_id, seq)"
        " SELECT DISTINCT reader, e.transaction_id, e.seq"
        " FROM case_events AS e CROSS JOIN LATERAL unnest(e.visible_to) AS reader"
    )
    # Statistics now: until autovacuum gets to it, the planner would guess an empty table.
    op.execute("ANALYZE case_event_audience")
    enable_rls(
        "case_event_audience",
        f"organization_id = {CURRENT_ORG}",
        "EXISTS (SELECT 1 FROM case_events AS e WHERE e.seq = case_event_audience.seq)",
        execute=op.execute,
    )


def downgrade() -> None:
    disable_rls("case_event_audience", execute=op.execute)
    op.execute("DROP TRIGGER case_events_audience_changed ON case_events")
    op.execute("DROP TRIGGER case_events_audience_added ON case_events")
    op.execute("DROP FUNCTION corridor_event_audience_changed()")
    op.execute("DROP FUNCTION corridor_event_audience_added()")
    op.drop_table("case_event_audience")
