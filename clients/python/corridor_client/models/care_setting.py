from enum import StrEnum


class CareSetting(StrEnum):
    DAY_CASE = "day_case"
    INPATIENT = "inpatient"
    OUTPATIENT = "outpatient"

    def __str__(self) -> str:
        return str(self.value)
