from enum import StrEnum


class LogisticsTaskKind(StrEnum):
    ACCOMMODATION = "accommodation"
    GROUND_TRANSPORT = "ground_transport"
    INTERPRETER = "interpreter"
    INVITATION_LETTER = "invitation_letter"
    TRAVEL = "travel"
    VISA = "visa"

    def __str__(self) -> str:
        return str(self.value)
