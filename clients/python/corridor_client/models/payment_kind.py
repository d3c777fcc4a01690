from enum import StrEnum


class PaymentKind(StrEnum):
    BALANCE = "balance"
    DEPOSIT = "deposit"
    REFUND = "refund"

    def __str__(self) -> str:
        return str(self.value)
