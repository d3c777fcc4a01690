from enum import StrEnum


class FlowMeasure(StrEnum):
    ADMITTED = "admitted"
    CANCELLED = "cancelled"
    CASES = "cases"
    DECLINED = "declined"
    DISCHARGED = "discharged"
    ON_HOLD = "on_hold"

    def __str__(self) -> str:
        return str(self.value)
