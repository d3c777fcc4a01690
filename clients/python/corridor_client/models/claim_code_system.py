from enum import StrEnum


class ClaimCodeSystem(StrEnum):
    CCAM = "ccam"
    GHS = "ghs"
    INAMI = "inami"
    LOCAL = "local"
    NGAP = "ngap"

    def __str__(self) -> str:
        return str(self.value)
