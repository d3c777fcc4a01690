from enum import StrEnum


class SuspensionReason(StrEnum):
    BORDER_CLOSURE = "border_closure"
    CAPACITY = "capacity"
    OTHER = "other"
    TRANSPORT_DISRUPTION = "transport_disruption"

    def __str__(self) -> str:
        return str(self.value)
