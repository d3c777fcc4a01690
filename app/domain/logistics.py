"""The transfer checklist: each logistics task moves forward only."""

from .errors import DomainError
from .vocabulary import CaseStatus, LogisticsTaskStatus

T = LogisticsTaskStatus

TASK_TRANSITIONS: dict[LogisticsTaskStatus, frozenset[LogisticsTaskStatus]] = {
    T.REQUESTED: frozenset({T.IN_PROGRESS, T.COMPLETED, T.CANCELLED}),
    T.IN_PROGRESS: frozenset({T.COMPLETED, T.CANCELLED}),
    T.COMPLETED: frozenset(),
    T.CANCELLED: frozenset(),
}

# The checklist is worked on between acceptance and arrival (and while held).
PLANNING_STATUSES = frozenset(
    {
        CaseStatus.ACCEPTED,
        CaseStatus.FUNDING_APPROVED,
        CaseStatus.TRANSFER_SCHEDULED,
        CaseStatus.ARRIVED,
        CaseStatus.ON_HOLD,
    }
)


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
            f"logistics tasks are planned between acceptance and arrival, not in {case_status}",
        )
        self.current_status = str(case_status)


def check_checklist_open(case_status: CaseStatus) -> None:
    if case_status not in PLANNING_STATUSES:
        raise ChecklistClosed(case_status)
