from enum import StrEnum


class Stage(StrEnum):
    ACCEPTED_TO_FUNDING_APPROVED = "accepted_to_funding_approved"
    DECISION_TO_ADMISSION = "decision_to_admission"
    FUNDING_APPROVED_TO_ARRIVED = "funding_approved_to_arrived"
    LENGTH_OF_STAY = "length_of_stay"
    SUBMITTED_TO_ACCEPTED = "submitted_to_accepted"
    SUBMITTED_TO_DECISION = "submitted_to_decision"

    def __str__(self) -> str:
        return str(self.value)
