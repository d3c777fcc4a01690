"""The logistics checklist: each task moves forward only, from acceptance to close.

Tasks cover the whole stay, not only the journey in: a visa, travel and lodging for the
patient and companions, an interpreter during the stay, an escort, and the way home
(return transport or repatriation), which `close` needs settled.
"""

from collections.abc import Iterable

from .errors import DomainError
from .vocabulary import CaseStatus, LogisticsTaskKind, LogisticsTaskStatus

T = LogisticsTaskStatus
K = LogisticsTaskKind

TASK_TRANSITIONS: dict[LogisticsTaskStatus, frozenset[LogisticsTaskStatus]] = {
    T.REQUESTED: frozenset({T.IN_PROGRESS, T.COMPLETED, T.NOT_NEEDED, T.CANCELLED}),
    T.IN_PROGRESS: frozenset({T.COMPLETED, T.NOT_NEEDED, T.CANCELLED}),
    T.COMPLETED: frozenset(),
    T.NOT_NEEDED: frozenset(),
    T.CANCELLED: frozenset(),
}

OPEN_TASK_STATUSES = frozenset({T.REQUESTED, T.IN_PROGRESS})

# The checklist is worked on from acceptance to close (and while held).
PLANNING_STATUSES = frozenset(
    {
        CaseStatus.ACCEPTED,
        CaseStatus.FUNDING_APPROVED,
        CaseStatus.TRANSFER_SCHEDULED,
        CaseStatus.ARRIVED,
        CaseStatus.ADMITTED,
        CaseStatus.DISCHARGED,
        CaseStatus.ON_HOLD,
    }
)

# The way home: one of these, done or marked not needed, lets a case close.
RETURN_KINDS = frozenset({K.RETURN_TRANSPORT, K.REPATRIATION})
RETURN_SETTLED = frozenset({T.COMPLETED, T.NOT_NEEDED})

# Only these kinds carry a language (an IETF BCP 47 tag) or a beneficiary.
LANGUAGE_KINDS = frozenset({K.INTERPRETER})
BENEFICIARY_KINDS = frozenset({K.TRAVEL, K.ACCOMMODATION, K.VISA, K.GROUND_TRANSPORT})


class InvalidTaskTransition(DomainError):
    def __init__(self, current: LogisticsTaskStatus, wanted: LogisticsTaskStatus) -> None:
        super().__init__(
            "invalid_task_transition", f"a logistics task cannot go from {current} to {wanted}"
        )
        self.current_status = str(current)
        self.allowed_actions = sorted(str(status) for status in TASK_TRANSITIONS[current])


def check_task_transition(current: LogisticsTaskStatus, wanted: LogisticsTaskStatus) -> None:
    if wanted != current and wanted not in TASK_TRANSITIONS[current]:
        raise InvalidTaskTransition(current, wanted)


class ChecklistClosed(DomainError):
    def __init__(self, case_status: CaseStatus) -> None:
        super().__init__(
            "checklist_closed",
            f"logistics tasks are worked on from acceptance to close, not in {case_status}",
        )
        self.current_status = str(case_status)


def check_checklist_open(case_status: CaseStatus) -> None:
    if case_status not in PLANNING_STATUSES:
        raise ChecklistClosed(case_status)


def return_settled(tasks: Iterable[tuple[LogisticsTaskKind, LogisticsTaskStatus]]) -> bool:
    """Whether the way home is settled: a return task done or not needed, none still open."""
    returns = [(kind, status) for kind, status in tasks if kind in RETURN_KINDS]
    return any(status in RETURN_SETTLED for _, status in returns) and not any(
        status in OPEN_TASK_STATUSES for _, status in returns
    )


def is_overdue(status: LogisticsTaskStatus, due_date, today) -> bool:
    return status in OPEN_TASK_STATUSES and due_date is not None and due_date < today
