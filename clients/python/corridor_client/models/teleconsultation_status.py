from enum import StrEnum


class TeleconsultationStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    FULFILLED = "fulfilled"
    NOSHOW = "noshow"

    def __str__(self) -> str:
        return str(self.value)
