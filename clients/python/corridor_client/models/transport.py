from enum import StrEnum


class Transport(StrEnum):
    AIR_AMBULANCE = "air_ambulance"
    COMMERCIAL_FLIGHT = "commercial_flight"
    GROUND_AMBULANCE = "ground_ambulance"
    OTHER = "other"
    SEA = "sea"

    def __str__(self) -> str:
        return str(self.value)
