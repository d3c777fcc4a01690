from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CLINICIAN = "clinician"
    COORDINATOR = "coordinator"
    ORG_ADMIN = "org_admin"
    PAYER = "payer"
    REFERRER = "referrer"

    def __str__(self) -> str:
        return str(self.value)
