from enum import StrEnum


class LogisticsTaskKind(StrEnum):
    ACCOMMODATION = "accommodation"
    ESCORT = "escort"
    GROUND_TRANSPORT = "ground_transport"
    INTERPRETER = "interpreter"
    INVITATION_LETTER = "invitation_letter"
    REPATRIATION = "repatriation"
    RETURN_TRANSPORT = "return_transport"
    TRAVEL = "travel"
    VISA = "visa"

    def __str__(self) -> str:
        return str(self.value)
