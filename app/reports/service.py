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

from app.db.repositories.reports import Period, Scope, StatsRepository
from app.db.unit_of_work import UnitOfWork
from app.domain import statistics
from app.domain.errors import MoneyError
from app.domain.money import minor_units
from app.domain.parties import CaseParties
from app.domain.principal import Principal
from app.domain.statistics import Dimension, Stage
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
    group_by: list[str] | None,
    since: date | None,
    until: date | None,
    threshold: int,
) -> dict:
    grouping = statistics.grouping(group_by)
    audience = await audience_of(uow, principal)
    if audience.aggregates_only:
        statistics.check_whole_months(since, until)
        grouping = statistics.aggregate_grouping(grouping, statistics.asked(group_by))
    stats = uow.repository(StatsRepository)
    period = Period(since, until)
    rows = await stats.flows(audience.scope, period, grouping)
    money_rows = await stats.flow_amounts(audience.scope, period, grouping)
    cells = {tuple(row[d.value] for d in grouping): row for row in rows}
    money: dict[tuple, list[dict]] = {}
    for row in money_rows:
        key = tuple(row[dimension.value] for dimension in grouping)
        money.setdefault(key, []).append(row)
    hidden: dict[tuple, set[str]] = {}
    if audience.aggregates_only:
        hidden = _hidden_measures(grouping, cells, money, threshold)
        for key in hidden:
            cells.setdefault(key, None)  # a zero hidden as a complement is shown as hidden
    items = []
    for key in sorted(cells, key=_order) if audience.aggregates_only else cells:
        items.append(_flow_item(grouping, key, cells[key], money.get(key, []), hidden.get(key)))
    return {
        "group_by": [dimension.value for dimension in grouping],
        "suppression_threshold": threshold if audience.aggregates_only else None,
        "items": items,
        "next_cursor": None,
    }


def _order(key: tuple) -> tuple:
    return tuple((value is None, str(value)) for value in key)


def _measures(row: dict | None, money: list[dict]) -> dict[str, int]:
    """A cell's additive counts, by measure: the counts, each stage's cases, and the cases
    with money in each currency."""
    if row is None:
        found: dict[str, int] = dict.fromkeys(COUNTS, 0)
        found |= {f"{stage}:count": 0 for stage in Stage}
    else:
        found = {name: row[name] for name in COUNTS}
        found |= {f"{stage}:count": row[f"{stage}:count"] for stage in Stage}
    found |= {f"money:{entry['currency']}": entry["cases"] for entry in money}
    return found


def _hidden_measures(
    grouping: tuple[Dimension, ...], cells: dict, money: dict, threshold: int
) -> dict[tuple, set[str]]:
    """Per cell, the measures an aggregates-only audience may not see: the small counts
    and their complements (`statistics.protect_line`/`protect_table`), month by month.
    `cases` hidden hides the whole cell."""
    month_at = grouping.index(Dimension.MONTH)
    others = [i for i in range(len(grouping)) if i != month_at]
    values = {key: _measures(row, money.get(key, [])) for key, row in cells.items()}
    names = list(dict.fromkeys(name for found in values.values() for name in found))
    hidden: dict[tuple, set[str]] = {}
    for month in {key[month_at] for key in values}:
        in_month = {key: found for key, found in values.items() if key[month_at] == month}
        layout = _MonthTables(others, in_month)
        shut: dict[str, dict] = {}
        for name in names:  # `cases` first: its hidden cells are hidden in every measure
            shut[name] = layout.protect(name, threshold, shut.get("cases"))
            for key in shut[name]["cells"]:
                hidden.setdefault(layout.key_of(key, month, month_at), set()).add(name)
    return hidden


class _MonthTables:
    """One month's cells as a table of 0, 1 or 2 dimensions with its totals."""

    def __init__(self, others: list[int], in_month: dict[tuple, dict[str, int]]) -> None:
        self.others = others
        self.cells = {tuple(key[i] for i in others): found for key, found in in_month.items()}

    def key_of(self, inner: tuple, month, month_at: int) -> tuple:
        key = list(inner)
        key.insert(month_at, month)
        return tuple(key)

    def protect(self, name: str, threshold: int, cases: dict | None) -> dict:
        values = {key: found.get(name, 0) for key, found in self.cells.items()}
        total = sum(values.values())
        total_hidden = statistics.suppressed(total, threshold) or bool(cases and cases["total"])
        forced = cases or {"cells": frozenset(), "rows": frozenset(), "columns": frozenset()}
        if len(self.others) == 0:
            cells = frozenset(values) if total_hidden else frozenset()
            return {"total": total_hidden, "cells": cells}
        if len(self.others) == 1:
            line = {key[0]: value for key, value in values.items()}
            hide = statistics.protect_line(
                line, not total_hidden, threshold, {key[0] for key in forced["cells"]}
            )
            return {"total": total_hidden, "cells": frozenset((key,) for key in hide)}
        rows: dict = {}
        columns: dict = {}
        for (row, column), value in values.items():
            rows[row] = rows.get(row, 0) + value
            columns[column] = columns.get(column, 0) + value
        # Each total is its own table's cell (`group_by` one dimension): protected as such.
        rows_hidden = statistics.protect_line(rows, not total_hidden, threshold, forced["rows"])
        columns_hidden = statistics.protect_line(
            columns, not total_hidden, threshold, forced["columns"]
        )
        hide = statistics.protect_table(
            {key: value for key, value in values.items() if value},
            {row: (value, row not in rows_hidden) for row, value in rows.items()},
            {column: (value, column not in columns_hidden) for column, value in columns.items()},
            not total_hidden,
            threshold,
            forced["cells"],
        )
        return {
            "total": total_hidden,
            "cells": hide,
            "rows": rows_hidden,
            "columns": columns_hidden,
        }


def _flow_item(
    grouping: tuple[Dimension, ...],
    key: tuple,
    row: dict | None,
    money: list[dict],
    hidden: set[str] | None,
) -> dict:
    hidden = hidden or set()
    small = row is None or "cases" in hidden
    item: dict = {field: None for field in DIMENSION_FIELDS.values()}
    for dimension, value in zip(grouping, key, strict=True):
        item[DIMENSION_FIELDS[dimension]] = str(value) if isinstance(value, uuid.UUID) else value
    item.update({name: None if small or name in hidden else row[name] for name in COUNTS})
    item["referrals"] = item["cases"]
    lead_times = {}
    for stage in Stage:
        shut = small or f"{stage}:count" in hidden
        lead_times[stage.value] = {
            "median_days": None if shut else _days(row[f"{stage}:median"]),
            "p90_days": None if shut else _days(row[f"{stage}:p90"]),
            "cases": None if shut else row[f"{stage}:count"],
        }
    item["lead_times"] = lead_times
    item["median_days_to_decision"] = lead_times[Stage.SUBMITTED_TO_DECISION]["median_days"]
    item["median_days_decision_to_admission"] = lead_times[Stage.DECISION_TO_ADMISSION][
        "median_days"
    ]
    item["median_length_of_stay_days"] = lead_times[Stage.LENGTH_OF_STAY]["median_days"]
    item["amounts"] = (
        None
        if small
        else [
            {
                "currency": entry["currency"],
                "quoted": _amount(entry["quoted"], entry["currency"]),
                "claimed": _amount(entry["claimed"], entry["currency"]),
                "paid": _amount(entry["paid"], entry["currency"]),
            }
            for entry in money
            if f"money:{entry['currency']}" not in hidden
        ]
    )
    item["suppressed"] = small
    return item


async def census(uow: UnitOfWork, principal: Principal, now: datetime, threshold: int) -> dict:
    """Who is in (admitted, by unit) and who is coming (transfers scheduled or arrived), per
    receiving hospital with the cases a suspension holds; the lists of patients only for
    callers who may see them."""
    audience = await audience_of(uow, principal)
    stats = uow.repository(StatsRepository)
    counted = {
        row["receiving_organization_id"]: row
        for row in await stats.census_by_hospital(audience.scope, now)
    }
    if audience.aggregates_only:
        # Every hospital of the scope, with a patient or not, and every count under the
        # threshold hidden, zero included: a row or a hidden count says nobody is there.
        for hospital in await stats.receiving_hospitals(audience.scope):
            counted.setdefault(hospital, dict.fromkeys(CENSUS_COUNTS, 0))
    hospitals = []
    for hospital_id in sorted(counted, key=str):
        row = counted[hospital_id]
        hidden = {
            name for name in CENSUS_COUNTS if audience.aggregates_only and row[name] < threshold
        }
        hospitals.append(
            {
                "receiving_organization_id": hospital_id,
                **{name: None if name in hidden else row[name] for name in CENSUS_COUNTS},
                "suppressed": bool(hidden),
            }
        )
    # A unit under the threshold is not named at all (its name with a hidden count would
    # say a patient is there now).
    units = [
        {"unit": row["unit"], "count": row["count"], "suppressed": False}
        for row in await stats.admitted_by_unit(
            audience.scope, None if audience.aggregates_only else principal.organization_id
        )
        if not audience.aggregates_only or row["count"] >= threshold
    ]
    admitted, expected = [], []
    if not audience.aggregates_only:
        admitted = [
            _admitted(row, principal.organization_id, now)
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


def _admitted(row: dict, reader: uuid.UUID | None, now: datetime) -> dict:
    """One admitted patient; a payer that is not a care party of the case sees that the
    patient is in and since when, not where (the unit says why)."""
    row = dict(row)
    parties = CaseParties.from_mapping(row)
    del row["referring_organization_id"], row["payer_organization_id"]
    if parties.pays_only(reader):
        row["unit"] = row["bed"] = None
    return {**row, "days_in": (now - row["admitted_at"]).days}


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
