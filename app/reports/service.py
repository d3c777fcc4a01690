"""Statistics: flows with lead times and money, and the census.

Who counts what: a hospital, referrer or payer counts the cases it can see, in full. A
coordination body counts the cases of the agreements it coordinates, and the platform
admin every case, but neither may see those cases one by one: their cells under the
suppression threshold are null with `suppressed: true`, and they get no case list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.access.tokens import Principal
from app.db.repositories.reports import Period, Scope, StatsRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.errors import MoneyError
from app.domain.money import minor_units
from app.domain.statistics import Dimension, Stage, suppressed
from app.domain.vocabulary import OrganizationKind
from app.registry import agreement_service
from app.reports import charts

# Each dimension's field in a flow.
DIMENSION_FIELDS: dict[Dimension, str] = {
    Dimension.ORIGIN_COUNTRY: "origin_country",
    Dimension.RECEIVING_ORGANIZATION: "receiving_organization_id",
    Dimension.SPECIALTY: "specialty",
    Dimension.CARE_SETTING: "care_setting",
    Dimension.ROUTE: "route",
    Dimension.AGREEMENT: "agreement_id",
    Dimension.STATUS: "status",
    Dimension.MONTH: "month",
}
COUNTS = ("cases", "declined", "cancelled", "on_hold", "admitted", "discharged")
CENSUS_COUNTS = ("admitted", "expected_next_7_days", "held_by_suspension")


@dataclass(frozen=True)
class Audience:
    scope: Scope
    # Cannot see the cases themselves: small cells suppressed, no case lists.
    aggregates_only: bool


async def audience_of(uow: UnitOfWork, principal: Principal) -> Audience:
    organization_id = principal.organization_id
    if organization_id is None:
        if principal.is_admin:
            await uow.widen_to_system()
            return Audience(Scope(everything=True), aggregates_only=True)
        return Audience(Scope(organization_id=None), aggregates_only=True)
    kind = await uow.repository(StatsRepository).organization_kind(organization_id)
    if kind == OrganizationKind.COORDINATION_BODY:
        coordinated = await agreement_service.coordinated_by(uow, organization_id)
        # The corridors' cases are other organisations': the filter is the agreements.
        await uow.widen_to_system()
        return Audience(Scope(agreement_ids=tuple(coordinated)), aggregates_only=True)
    return Audience(Scope(organization_id=organization_id), aggregates_only=False)


def _days(value) -> float | None:
    return round(float(value), 2) if value is not None else None


def _amount(value: Decimal | None, currency: str) -> str | None:
    if value is None:
        return None
    try:
        digits = minor_units(currency)
    except MoneyError:
        digits = 2
    return f"{(value if value != 0 else Decimal(0)):.{digits}f}"


async def flows(
    uow: UnitOfWork,
    principal: Principal,
    grouping: tuple[Dimension, ...],
    since: date | None,
    until: date | None,
    threshold: int,
) -> dict:
    audience = await audience_of(uow, principal)
    stats = uow.repository(StatsRepository)
    period = Period(since, until)
    rows = await stats.flows(audience.scope, period, grouping)
    money: dict[tuple, list[dict]] = {}
    for row in await stats.flow_amounts(audience.scope, period, grouping):
        key = tuple(row[dimension.value] for dimension in grouping)
        money.setdefault(key, []).append(
            {
                "currency": row["currency"],
                "quoted": _amount(row["quoted"], row["currency"]),
                "claimed": _amount(row["claimed"], row["currency"]),
                "paid": _amount(row["paid"], row["currency"]),
            }
        )
    items = []
    for row in rows:
        key = tuple(row[dimension.value] for dimension in grouping)
        small = audience.aggregates_only and suppressed(row["cases"], threshold)
        item: dict = {field: None for field in DIMENSION_FIELDS.values()}
        for dimension in grouping:
            value = row[dimension.value]
            item[DIMENSION_FIELDS[dimension]] = (
                str(value) if isinstance(value, uuid.UUID) else value
            )
        item.update({name: None if small else row[name] for name in COUNTS})
        item["referrals"] = item["cases"]
        lead_times = {}
        for stage in Stage:
            counted = row[f"{stage}:count"]
            hidden = small or (audience.aggregates_only and suppressed(counted, threshold))
            lead_times[stage.value] = {
                "median_days": None if hidden else _days(row[f"{stage}:median"]),
                "p90_days": None if hidden else _days(row[f"{stage}:p90"]),
                "cases": None if small else counted,
            }
        item["lead_times"] = lead_times
        item["median_days_to_decision"] = lead_times[Stage.SUBMITTED_TO_DECISION]["median_days"]
        item["median_days_decision_to_admission"] = lead_times[Stage.DECISION_TO_ADMISSION][
            "median_days"
        ]
        item["median_length_of_stay_days"] = lead_times[Stage.LENGTH_OF_STAY]["median_days"]
        item["amounts"] = None if small else money.get(key, [])
        item["suppressed"] = small
        items.append(item)
    return {
        "group_by": [dimension.value for dimension in grouping],
        "suppression_threshold": threshold if audience.aggregates_only else None,
        "items": items,
        "next_cursor": None,
    }


async def census(uow: UnitOfWork, principal: Principal, now: datetime, threshold: int) -> dict:
    """Who is in (admitted, by unit) and who is coming (transfers scheduled or arrived), per
    receiving hospital with the cases a suspension holds; the lists of patients only for
    callers who may see them."""
    audience = await audience_of(uow, principal)
    stats = uow.repository(StatsRepository)
    hospitals = []
    for row in await stats.census_by_hospital(audience.scope, now):
        hidden = {
            name
            for name in CENSUS_COUNTS
            if audience.aggregates_only and suppressed(row[name], threshold)
        }
        hospitals.append(
            {
                "receiving_organization_id": row["receiving_organization_id"],
                **{name: None if name in hidden else row[name] for name in CENSUS_COUNTS},
                "suppressed": bool(hidden),
            }
        )
    units = []
    for row in await stats.admitted_by_unit(audience.scope):
        small = audience.aggregates_only and suppressed(row["count"], threshold)
        units.append(
            {"unit": row["unit"], "count": None if small else row["count"], "suppressed": small}
        )
    admitted, expected = [], []
    if not audience.aggregates_only:
        admitted = [
            {**row, "days_in": (now - row["admitted_at"]).days}
            for row in await stats.admitted_patients(audience.scope)
        ]
        expected = await stats.expected_arrivals(audience.scope)
    return {
        "as_of": now,
        "suppression_threshold": threshold if audience.aggregates_only else None,
        "hospitals": hospitals,
        "admitted": admitted,
        "admitted_by_unit": units,
        "expected": expected,
    }


# -- charts ---------------------------------------------------------------------------------

DIMENSION_TITLES: dict[Dimension, str] = {
    Dimension.ORIGIN_COUNTRY: "origin country",
    Dimension.RECEIVING_ORGANIZATION: "receiving organisation",
    Dimension.SPECIALTY: "specialty",
    Dimension.CARE_SETTING: "care setting",
    Dimension.ROUTE: "route",
    Dimension.AGREEMENT: "agreement",
    Dimension.STATUS: "status",
    Dimension.MONTH: "month",
}


async def _names(uow: UnitOfWork, values) -> dict[str, str]:
    ids = set()
    for value in values:
        try:
            ids.add(uuid.UUID(str(value)))
        except ValueError:
            continue
    names = await uow.repository(StatsRepository).names(ids)
    return {str(key): name for key, name in names.items()}


async def flows_chart(uow: UnitOfWork, flows: dict, measure: str) -> bytes:
    """One bar per cell (a line when grouped by month alone) of `measure`."""
    grouping = [Dimension(name) for name in flows["group_by"]]
    fields = [DIMENSION_FIELDS[dimension] for dimension in grouping]
    names = await _names(uow, [item[field] for item in flows["items"] for field in fields])
    labels = [
        " · ".join(
            names.get(str(item[field]), "—" if item[field] is None else str(item[field]))
            for field in fields
        )
        or "all cases"
        for item in flows["items"]
    ]
    series = charts.Series(measure, [item[measure] for item in flows["items"]])
    title = f"{measure.replace('_', ' ').capitalize()} by " + (
        ", ".join(DIMENSION_TITLES[dimension] for dimension in grouping) or "nothing"
    )
    return charts.chart(title, labels, [series], line=grouping == [Dimension.MONTH])


async def census_chart(uow: UnitOfWork, census: dict) -> bytes:
    """Per receiving hospital, three bars: admitted, expected within 7 days, held."""
    hospitals = census["hospitals"]
    names = await _names(uow, [h["receiving_organization_id"] for h in hospitals])
    labels = [
        names.get(str(h["receiving_organization_id"]), str(h["receiving_organization_id"]))
        for h in hospitals
    ]
    series = [
        charts.Series(name, [hospital[name] for hospital in hospitals]) for name in CENSUS_COUNTS
    ]
    return charts.chart(f"Census on {census['as_of']:%Y-%m-%d %H:%M} UTC", labels, series)
