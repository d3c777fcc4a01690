from enum import StrEnum


class ClaimPaymentKind(StrEnum):
    DEPOSIT_APPLIED = "deposit_applied"
    DOWN_PAYMENT = "down_payment"
    INSTALMENT = "instalment"

    def __str__(self) -> str:
        return str(self.value)
