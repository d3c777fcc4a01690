from enum import StrEnum


class PaymentPayer(StrEnum):
    PATIENT = "patient"
    THIRD_PARTY = "third_party"

    def __str__(self) -> str:
        return str(self.value)
