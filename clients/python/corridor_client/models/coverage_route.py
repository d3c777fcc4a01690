from enum import StrEnum


class CoverageRoute(StrEnum):
    EHIC = "ehic"
    EU_DIRECTIVE = "eu_directive"
    INSURER_GUARANTEE = "insurer_guarantee"
    S2 = "s2"
    SELF_PAY = "self_pay"
    THIRD_PARTY_GUARANTEE = "third_party_guarantee"
    ZOAST = "zoast"

    def __str__(self) -> str:
        return str(self.value)
