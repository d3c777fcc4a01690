from enum import StrEnum


class LetterLanguage(StrEnum):
    EN = "en"
    ES = "es"
    FR = "fr"
    NL = "nl"

    def __str__(self) -> str:
        return str(self.value)
