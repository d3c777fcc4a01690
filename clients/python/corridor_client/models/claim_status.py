from enum import StrEnum


class ClaimStatus(StrEnum):
    ACCEPTED = "accepted"
    CONTESTED = "contested"
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"
    REPLACED = "replaced"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
