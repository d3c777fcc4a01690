"""Local dates at the receiving facility: a stay, a bill and an authorisation are counted in
the facility's calendar, not in UTC (a Martinique discharge at 21:00 -04:00 on 30 November
is on 30 November, though it is 1 December in UTC)."""

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .errors import ValidationFailed


def zone(name: str | None) -> ZoneInfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(
            "unknown_time_zone", "the time zone is not an IANA time zone name"
        ) from None


@cache
def _zone_names() -> frozenset[str]:
    # available_timezones() walks the zone database on disk: ~40 ms a call, once is enough
    # (a process does not see zones installed after it started; a restart does).
    return frozenset(available_timezones())


def check_time_zone(name: str) -> str:
    # ZoneInfo accepts some file names that are not zone names ("Factory", "posixrules").
    if name not in _zone_names():
        raise ValidationFailed("unknown_time_zone", "the time zone is not an IANA time zone name")
    zone(name)
    return name


def local_date(moment: datetime, time_zone: str | None) -> date:
    """The calendar date of `moment` where the facility is (UTC when it has no zone)."""
    tz = zone(time_zone) or UTC
    return moment.astimezone(tz).date()


def stay_days(admitted: date | None, discharged: date | None) -> int | None:
    """Days billed for a stay: nights between the local admission and discharge dates, a day
    case (same local date) counting one."""
    if admitted is None or discharged is None:
        return None
    return max((discharged - admitted).days, 1)


# The zone of a country or territory that has only one (IANA zone.tab), for the countries
# of the corridors; a facility elsewhere states its zone.
SINGLE_ZONE_COUNTRIES: dict[str, str] = {
    "MQ": "America/Martinique",
    "GP": "America/Guadeloupe",
    "GF": "America/Cayenne",
    "MF": "America/Marigot",
    "BL": "America/St_Barthelemy",
    "RE": "Indian/Reunion",
    "YT": "Indian/Mayotte",
    "FR": "Europe/Paris",
    "BE": "Europe/Brussels",
    "LU": "Europe/Luxembourg",
    "NL": "Europe/Amsterdam",
    "DE": "Europe/Berlin",
    "CH": "Europe/Zurich",
    "IT": "Europe/Rome",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "LC": "America/St_Lucia",
    "DM": "America/Dominica",
    "GD": "America/Grenada",
    "VC": "America/St_Vincent",
    "AG": "America/Antigua",
    "KN": "America/St_Kitts",
    "MS": "America/Montserrat",
    "AI": "America/Anguilla",
    "BB": "America/Barbados",
    "TT": "America/Port_of_Spain",
    "HT": "America/Port-au-Prince",
    "DO": "America/Santo_Domingo",
    "JM": "America/Jamaica",
    "SR": "America/Paramaribo",
    "GY": "America/Guyana",
    "CW": "America/Curacao",
    "AW": "America/Aruba",
    "SX": "America/Lower_Princes",
}


def default_time_zone(country: str) -> str | None:
    return SINGLE_ZONE_COUNTRIES.get(country.strip().upper())
