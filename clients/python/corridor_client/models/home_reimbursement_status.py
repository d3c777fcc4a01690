from enum import StrEnum


class HomeReimbursementStatus(StrEnum):
    PARTIALLY_REIMBURSED = "partially_reimbursed"
    REFUSED = "refused"
    REIMBURSED = "reimbursed"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
