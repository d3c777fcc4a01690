"""What the statistics count, and what they may show: the words of `/v1/stats/*`.

The queries live in `app/db/repositories/reports.py`; the rules they share are here.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from .errors import DomainError


class Dimension(StrEnum):
    """What `group_by` may name."""

    ORIGIN_COUNTRY = "origin_country"  # the referrer's country; a walk-in's: its residence
    RECEIVING_ORGANIZATION = "receiving_organization"
    SPECIALTY = "specialty"
    CARE_SETTING = "care_setting"
    ROUTE = "route"  # the coverage route
    AGREEMENT = "agreement"
    STATUS = "status"  # the case's status now
    MONTH = "month"  # the month the case was created (UTC), YYYY-MM


# The grouping of `/v1/stats/flows` when none is asked (what it always was).
DEFAULT_GROUPING = (
    Dimension.ORIGIN_COUNTRY,
    Dimension.RECEIVING_ORGANIZATION,
    Dimension.SPECIALTY,
)


class Stage(StrEnum):
    """A lead time: from one milestone of the journey to the next, in days."""

    SUBMITTED_TO_DECISION = "submitted_to_decision"  # accepted or declined
    SUBMITTED_TO_ACCEPTED = "submitted_to_accepted"
    ACCEPTED_TO_FUNDING_APPROVED = "accepted_to_funding_approved"
    FUNDING_APPROVED_TO_ARRIVED = "funding_approved_to_arrived"
    DECISION_TO_ADMISSION = "decision_to_admission"
    LENGTH_OF_STAY = "length_of_stay"  # admission to discharge


# Lead times that run while the case waits on the referrer (an information request):
# that wait is the referrer's, not the receiving side's, and is left out.
STAGES_WITHOUT_REFERRER_WAIT = frozenset({Stage.SUBMITTED_TO_DECISION, Stage.SUBMITTED_TO_ACCEPTED})


class UnknownDimension(DomainError):
    def __init__(self, unknown: list[str]) -> None:
        super().__init__(
            "unknown_group_by",
            f"group_by may name {', '.join(d.value for d in Dimension)}; not {', '.join(unknown)}",
        )
        self.unknown = unknown


def grouping(values: Iterable[str] | None) -> tuple[Dimension, ...]:
    """`group_by=a,b&group_by=c` as dimensions, in the order given, each once."""
    names = [name.strip() for value in values or () for name in value.split(",")]
    names = [name for name in names if name]
    if not names:
        return DEFAULT_GROUPING
    known = {d.value for d in Dimension}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UnknownDimension(unknown)
    return tuple(Dimension(name) for name in dict.fromkeys(names))


def suppressed(count: int | None, threshold: int) -> bool:
    """A count that could single out a patient: at least one case, fewer than the
    threshold. Zero says nothing about anyone and is shown."""
    return count is not None and 0 < count < threshold
