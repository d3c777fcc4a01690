from enum import StrEnum


class OrganizationKind(StrEnum):
    COORDINATION_BODY = "coordination_body"
    LIAISON_BODY = "liaison_body"
    PAYER = "payer"
    RECEIVING_FACILITY = "receiving_facility"
    REFERRING_FACILITY = "referring_facility"

    def __str__(self) -> str:
        return str(self.value)
