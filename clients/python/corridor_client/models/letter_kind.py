from enum import StrEnum


class LetterKind(StrEnum):
    DISCHARGE_SUMMARY = "discharge_summary"
    ITEMISED_INVOICE = "itemised_invoice"
    QUOTE = "quote"
    VISA_INVITATION = "visa_invitation"

    def __str__(self) -> str:
        return str(self.value)
