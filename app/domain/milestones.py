"""The journey's milestones: the first time a case was submitted, accepted, decided, had
its funding approved, arrived. Statistics measure lead times between them
(`app/domain/statistics.py` `Stage`).

Which event reaches which milestone is decided here, once: the aggregate stamps the
milestones its events reach (`Case.milestones`, first time only) and the case row keeps
them (`cases.<milestone>_at`), so that statistics read the cases alone instead of
grouping every event at query time. Migration 0015 backfilled the rows with the same
definition in SQL (a test compares the two).
"""

from __future__ import annotations

from enum import StrEnum

from .vocabulary import Action, CaseStatus, event_type_for


class Milestone(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    DECIDED = "decided"  # accepted or declined
    FUNDING_APPROVED = "funding_approved"
    ARRIVED = "arrived"  # arrived, or admitted straight away

    @property
    def column(self) -> str:
        """The case row's column that keeps it."""
        return f"{self.value}_at"


# Reached by an action's event, whatever status it leads to.
BY_ACTION: dict[Milestone, Action] = {
    Milestone.SUBMITTED: Action.SUBMIT,
    Milestone.FUNDING_APPROVED: Action.APPROVE_FUNDING,
}

# Reached by a move into one of these statuses from another status; not by a case's
# creation (an emergency presentation is created `arrived`: it made no journey) and not
# by coming back from `on_hold` (a resume returns to a milestone already reached).
BY_STATUS: dict[Milestone, frozenset[CaseStatus]] = {
    Milestone.ACCEPTED: frozenset({CaseStatus.ACCEPTED}),
    Milestone.DECIDED: frozenset({CaseStatus.ACCEPTED, CaseStatus.DECLINED}),
    Milestone.ARRIVED: frozenset({CaseStatus.ARRIVED, CaseStatus.ADMITTED}),
}


def milestones_reached(
    event_type: str, from_status: CaseStatus | None, to_status: CaseStatus
) -> frozenset[Milestone]:
    """The milestones an event reaches (the case keeps only the first time of each)."""
    found = {
        milestone for milestone, action in BY_ACTION.items() if event_type_for(action) == event_type
    }
    moved = from_status is not None and from_status != to_status
    if moved and from_status != CaseStatus.ON_HOLD:
        found.update(m for m, statuses in BY_STATUS.items() if to_status in statuses)
    return frozenset(found)
