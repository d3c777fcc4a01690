"""The statistics as CSV (`format=csv`): a header row, one row per cell, spreadsheet-safe
cells (the billing export's rule, `spreadsheet_text`)."""

from __future__ import annotations

import csv
import io

from app.domain.statistics import Dimension, Stage
from app.finance.billing_export import spreadsheet_text
from app.reports.service import CENSUS_COUNTS, COUNTS, DIMENSION_FIELDS

MEDIA_TYPE = "text/csv; charset=utf-8"
MONEY_KINDS = ("quoted", "claimed", "paid")


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_text("" if v is None else v) for v in row] for row in rows)
    return buffer.getvalue()


def flows_csv(flows: dict) -> str:
    """Columns: the grouped dimensions, the counts, each lead time's median and p90, then
    quoted/claimed/paid per currency found (`quoted_EUR`, ...), and `suppressed`."""
    grouping = [DIMENSION_FIELDS[Dimension(name)] for name in flows["group_by"]]
    currencies = sorted(
        {amount["currency"] for item in flows["items"] for amount in item["amounts"] or ()}
    )
    header = [
        *grouping,
        *COUNTS,
        *(f"{stage.value}_{kind}_days" for stage in Stage for kind in ("median", "p90")),
        *(f"{kind}_{currency}" for currency in currencies for kind in MONEY_KINDS),
        "suppressed",
    ]
    rows = []
    for item in flows["items"]:
        by_currency = {amount["currency"]: amount for amount in item["amounts"] or ()}
        rows.append(
            [
                *(item[field] for field in grouping),
                *(item[name] for name in COUNTS),
                *(
                    item["lead_times"][stage.value][f"{kind}_days"]
                    for stage in Stage
                    for kind in ("median", "p90")
                ),
                *(
                    by_currency.get(currency, {}).get(kind)
                    for currency in currencies
                    for kind in MONEY_KINDS
                ),
                "true" if item["suppressed"] else "false",
            ]
        )
    return _csv(header, rows)


def census_csv(census: dict) -> str:
    """One row per receiving hospital."""
    header = ["receiving_organization_id", *CENSUS_COUNTS, "suppressed"]
    rows = [
        [
            hospital["receiving_organization_id"],
            *(hospital[name] for name in CENSUS_COUNTS),
            "true" if hospital["suppressed"] else "false",
        ]
        for hospital in census["hospitals"]
    ]
    return _csv(header, rows)
