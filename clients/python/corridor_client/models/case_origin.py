from enum import StrEnum


class CaseOrigin(StrEnum):
    EMERGENCY_PRESENTATION = "emergency_presentation"
    REFERRAL = "referral"

    def __str__(self) -> str:
        return str(self.value)
