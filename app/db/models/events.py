import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models.base import Base
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import CaseStatus, Role


class CaseEventRow(Base):
    """Append-only: the timeline of a case and the source of the event feed.

    `transaction_id` is the writer's feed position, pg_current_xact_id() plus the
    database's feed offset (FeedClockRow): the feed orders by it and reads only below
    the oldest running transaction (plus the same offset), so an event committed late
    is never skipped. `visible_to` fixes, at write time, which
    organisations may read the event.
    """

    __tablename__ = "case_events"
    __table_args__ = (
        Index("ix_case_events_case_id_seq", "case_id", "seq"),
        Index("ix_case_events_transaction_id_seq", "transaction_id", "seq"),
        Index("ix_case_events_visible_to", "visible_to", postgresql_using="gin"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    transaction_id: Mapped[int] = mapped_column(
        BigInteger, server_default=text("corridor_feed_position()")
    )
    type: Mapped[str] = mapped_column(String(60))
    case_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    case_version: Mapped[int] = mapped_column(Integer)
    from_status: Mapped[CaseStatus | None] = mapped_column(StrEnumColumn(CaseStatus, 40))
    to_status: Mapped[CaseStatus] = mapped_column(StrEnumColumn(CaseStatus, 40))
    actor_sub: Mapped[str] = mapped_column(String(200))
    actor_organization_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    actor_role: Mapped[Role | None] = mapped_column(StrEnumColumn(Role, 20))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSONB, server_default="{}")
    visible_to: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CaseEventAudienceRow(Base):
    """Who may read an event, one row per organisation: the feed's index. An
    organisation's feed is an ordered scan of its own rows here (its events only,
    whatever the table's size) instead of the whole (transaction_id, seq) order filtered
    by `visible_to`. Written by the database from `case_events.visible_to` (triggers of
    migration 0011), never by the application."""

    __tablename__ = "case_event_audience"

    organization_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    transaction_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    seq: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("case_events.seq", ondelete="CASCADE"), primary_key=True
    )


class FeedClockRow(Base):
    """One row: the offset added to transaction ids to make feed positions. Raised by
    corridor_feed_rebase() after a restore into another server (migration 0004); and
    the feed's epoch (migration 0012_feed_epoch)."""

    __tablename__ = "feed_clock"
    __table_args__ = (CheckConstraint("id = 1", name="feed_clock_id_check"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    offset_: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    # The feed's epoch, which a restore replaces; the one before it, the position of the
    # restore, and the position noted by the last backup (migration 0012_feed_epoch).
    epoch: Mapped[int] = mapped_column(BigInteger, server_default=text("1"))
    previous_epoch: Mapped[int | None] = mapped_column(BigInteger)
    restore_position: Mapped[int | None] = mapped_column(BigInteger)
    backup_position: Mapped[int | None] = mapped_column(BigInteger)
