from enum import StrEnum


class CaseSort(StrEnum):
    CREATED = "created"
    PRIORITY = "priority"

    def __str__(self) -> str:
        return str(self.value)
