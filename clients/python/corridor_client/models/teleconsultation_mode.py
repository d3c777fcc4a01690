from enum import StrEnum


class TeleconsultationMode(StrEnum):
    PHONE = "phone"
    STORE_AND_FORWARD = "store_and_forward"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
