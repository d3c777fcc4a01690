from enum import StrEnum


class DocumentKind(StrEnum):
    AUTHORISATION = "authorisation"
    DISCHARGE_LETTER = "discharge_letter"
    GUARANTEE_LETTER = "guarantee_letter"
    IDENTITY_DOCUMENT = "identity_document"
    IMAGING_REPORT = "imaging_report"
    INVITATION_LETTER = "invitation_letter"
    INVOICE = "invoice"
    LAB_RESULT = "lab_result"
    MEDICAL_REPORT = "medical_report"
    OTHER = "other"
    PRESCRIPTION = "prescription"
    QUOTE = "quote"

    def __str__(self) -> str:
        return str(self.value)
