"""The event feed's page: like every list, but its cursor is never null."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.cases.schemas import CaseEvent


class EventPage(BaseModel):
    items: list[CaseEvent] = Field(
        description="Events oldest first; each `id` is itself a cursor to resume after it."
    )
    next_cursor: str = Field(
        description=(
            "Always present, even on an empty page: store it and pass it as `after` next time."
        )
    )
