from enum import StrEnum


class LogisticsTaskStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_NEEDED = "not_needed"
    REQUESTED = "requested"

    def __str__(self) -> str:
        return str(self.value)
