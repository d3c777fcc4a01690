from enum import StrEnum


class PayerPaymentKind(StrEnum):
    DOWN_PAYMENT = "down_payment"
    INSTALMENT = "instalment"

    def __str__(self) -> str:
        return str(self.value)
