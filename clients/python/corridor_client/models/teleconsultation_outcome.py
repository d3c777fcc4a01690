from enum import StrEnum


class TeleconsultationOutcome(StrEnum):
    MORE_INFORMATION_NEEDED = "more_information_needed"
    NOT_ELIGIBLE = "not_eligible"
    NO_SHOW = "no_show"
    TRANSFER_RECOMMENDED = "transfer_recommended"
    TREAT_LOCALLY = "treat_locally"

    def __str__(self) -> str:
        return str(self.value)
