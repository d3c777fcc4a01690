from enum import StrEnum


class TeleconsultationKind(StrEnum):
    CONSULTATION = "consultation"
    FOLLOW_UP = "follow_up"

    def __str__(self) -> str:
        return str(self.value)
