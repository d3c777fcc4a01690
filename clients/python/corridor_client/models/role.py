from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CLINICIAN = "clinician"
    COORDINATOR = "coordinator"
    PAYER = "payer"
    REFERRER = "referrer"

    def __str__(self) -> str:
        return str(self.value)
