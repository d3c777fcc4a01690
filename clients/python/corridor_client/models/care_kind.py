from enum import StrEnum


class CareKind(StrEnum):
    PLANNED = "planned"
    UNPLANNED = "unplanned"

    def __str__(self) -> str:
        return str(self.value)
