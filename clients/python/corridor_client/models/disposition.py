from enum import StrEnum


class Disposition(StrEnum):
    AADVICE = "aadvice"
    ALT_HOME = "alt-home"
    EXP = "exp"
    HOME = "home"
    HOSP = "hosp"
    LONG = "long"
    OTH = "oth"
    OTHER_HCF = "other-hcf"
    PSY = "psy"
    REHAB = "rehab"
    SNF = "snf"

    def __str__(self) -> str:
        return str(self.value)
