from enum import StrEnum


class Beneficiary(StrEnum):
    COMPANION = "companion"
    PATIENT = "patient"

    def __str__(self) -> str:
        return str(self.value)
