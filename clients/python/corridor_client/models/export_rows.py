from enum import StrEnum


class ExportRows(StrEnum):
    CLAIMS = "claims"
    LINES = "lines"

    def __str__(self) -> str:
        return str(self.value)
