from enum import StrEnum


class RouteVerdict(StrEnum):
    APPLICABLE = "applicable"
    NOT_APPLICABLE = "not_applicable"
    UNDETERMINED = "undetermined"

    def __str__(self) -> str:
        return str(self.value)
