from enum import StrEnum


class ClaimDebtor(StrEnum):
    PATIENT = "patient"
    PAYER = "payer"

    def __str__(self) -> str:
        return str(self.value)
