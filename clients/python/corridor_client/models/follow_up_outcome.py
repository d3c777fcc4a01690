from enum import StrEnum


class FollowUpOutcome(StrEnum):
    COMPLETED = "completed"
    FURTHER_FOLLOW_UP_NEEDED = "further_follow_up_needed"
    NO_SHOW = "no_show"

    def __str__(self) -> str:
        return str(self.value)
