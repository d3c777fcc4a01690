from enum import StrEnum


class CaseStatus(StrEnum):
    ACCEPTED = "accepted"
    ADMITTED = "admitted"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    CLOSED = "closed"
    DECLINED = "declined"
    DISCHARGED = "discharged"
    DRAFT = "draft"
    FUNDING_APPROVED = "funding_approved"
    INFORMATION_REQUESTED = "information_requested"
    ON_HOLD = "on_hold"
    SUBMITTED = "submitted"
    TELECONSULTATION_SCHEDULED = "teleconsultation_scheduled"
    TRANSFER_SCHEDULED = "transfer_scheduled"

    def __str__(self) -> str:
        return str(self.value)
