"""Each case keeps the first time it reached each milestone of its journey (issue 17):
statistics' lead times read the case row instead of grouping every event at query time.

The aggregate decides from now on (app/domain/milestones.py); existing rows are backfilled
from their events with the same definition, in one set-based UPDATE.

Revision ID: 0009_i17_case_milestones
Revises: 0008_i17_corridors
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_i17_case_milestones"
down_revision: str | Sequence[str] | None = "0008_i17_corridors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("submitted_at", "accepted_at", "decided_at", "funding_approved_at", "arrived_at")

# app/domain/milestones.py as it stood at this revision, in SQL: submitted and funding
# approved by their action's event; accepted, decided and arrived by a move into the
# status from another one, not by a creation (from_status null) nor a return from on_hold.
BACKFILL = """
UPDATE cases AS c
SET submitted_at = m.submitted_at,
    accepted_at = m.accepted_at,
    decided_at = m.decided_at,
    funding_approved_at = m.funding_approved_at,
    arrived_at = m.arrived_at
FROM (
    SELECT
        case_id,
        min(occurred_at) FILTER (WHERE type = 'case.submitted') AS submitted_at,
        min(occurred_at) FILTER (WHERE moved AND to_status = 'accepted') AS accepted_at,
        min(occurred_at) FILTER (WHERE moved AND to_status IN ('accepted', 'declined'))
            AS decided_at,
        min(occurred_at) FILTER (WHERE type = 'case.funding_approved') AS funding_approved_at,
        min(occurred_at) FILTER (WHERE moved AND to_status IN ('arrived', 'admitted'))
            AS arrived_at
    FROM (
        SELECT
            case_id,
            type,
            to_status,
            occurred_at,
            from_status IS NOT NULL AND from_status <> to_status AND from_status <> 'on_hold'
                AS moved
        FROM case_events
    ) AS e
    GROUP BY case_id
) AS m
WHERE m.case_id = c.id
"""


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("cases", sa.Column(column, sa.DateTime(timezone=True), nullable=True))
    op.execute(BACKFILL)


def downgrade() -> None:
    for column in reversed(COLUMNS):
        op.drop_column("cases", column)
