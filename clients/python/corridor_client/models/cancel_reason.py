from enum import StrEnum


class CancelReason(StrEnum):
    DECEASED = "deceased"
    DUPLICATE = "duplicate"
    FUNDING_REFUSED = "funding_refused"
    OTHER = "other"
    PATIENT_WITHDREW = "patient_withdrew"
    TREATED_LOCALLY = "treated_locally"

    def __str__(self) -> str:
        return str(self.value)
