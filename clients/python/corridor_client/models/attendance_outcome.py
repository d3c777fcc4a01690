from enum import StrEnum


class AttendanceOutcome(StrEnum):
    COMPLETED = "completed"
    DID_NOT_ATTEND = "did_not_attend"

    def __str__(self) -> str:
        return str(self.value)
