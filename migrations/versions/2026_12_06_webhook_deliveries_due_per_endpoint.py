"""webhook deliveries: the worker's queue indexed by endpoint

The worker now claims each endpoint's due deliveries on their own, up to the
endpoint's in-flight limit (a slow receiver holds its own attempts, no one else's):
it asks, per active endpoint, for its pending deliveries due now and counts those
leased. `(endpoint_id, next_attempt_at) WHERE status = 'pending'` answers both from
the endpoint's own pending rows, however long its delivered history. It replaces the
queue's index by due time alone, which nothing reads any more.

Revision ID: 0013_webhook_due_per_endpoint
Revises: 0011_i15_event_audience
Create Date: 2026-12-06 19:59:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_webhook_due_per_endpoint"
down_revision: str | Sequence[str] | None = "0012_feed_epoch"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_endpoint_due",
        "webhook_deliveries",
        ["endpoint_id", "next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index("ix_webhook_deliveries_due", table_name="webhook_deliveries")


def downgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index("ix_webhook_deliveries_endpoint_due", table_name="webhook_deliveries")
