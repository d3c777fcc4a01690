from enum import StrEnum


class AgreementKind(StrEnum):
    BILATERAL = "bilateral"
    EU_DIRECTIVE = "eu_directive"
    PRIVATE_CONTRACT = "private_contract"
    S2 = "s2"
    ZOAST = "zoast"

    def __str__(self) -> str:
        return str(self.value)
