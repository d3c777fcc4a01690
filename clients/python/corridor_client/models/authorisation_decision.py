from enum import StrEnum


class AuthorisationDecision(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
