"""Billing export: one row per claim, for a payer's billing system, streamed.

The rows come from a server-side cursor in batches and leave as text chunks, so a
million claims take the memory of one batch, not of the file.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from app.access.authorization import authorize
from app.db.repositories.finance import FinanceRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.identifiers import INSURANCE_IDENTIFIER_SYSTEMS
from app.domain.local_time import local_date, stay_days
from app.domain.money import Money
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.finance.presenters import claim_deadlines
from app.platform.errors import InvalidRequest

BATCH_SIZE = 1000

COLUMNS: tuple[str, ...] = (
    "claim_id",
    "claim_number",
    "claim_kind",
    "claim_status",
    "submitted_on",
    "replaces_claim_id",
    "case_id",
    "case_reference",
    "member_number",
    "route",
    "agreement_id",
    "agreement_name",
    "authorisation_reference",
    "authorisation_valid_from",
    "authorisation_valid_until",
    "niss",
    "nir",
    "ehic_number",
    "facility_time_zone",
    "admission_date",
    "discharge_date",
    "admitted_at_utc",
    "discharged_at_utc",
    "days",
    "total_amount",
    "paid_amount",
    "advances_received",
    "net_amount_due",
    "currency",
    "paid_at",
    "payment_reference",
    "creditor_organization_id",
    "debtor_organization_id",
    "debtor",
    "submitted_at_utc",
    "claim_lines",
    # What a mutuality's file reads beside the amounts: the care billed and the EU
    # coordination's deadlines (Reg. 987/2009 Art. 67; empty off the coordination routes).
    "care_from",
    "care_until",
    "introduction_deadline",
    "introduction_overdue",
    "contest_deadline",
    "contest_overdue",
)

# `rows=lines`: one row per claim line, the claim's columns repeated (a mutuality's file
# is read line by line: the act's code in its nomenclature, quantity, unit price, amount).
LINE_COLUMNS: tuple[str, ...] = (
    "line_number",
    "line_code_system",
    "line_code",
    "line_description",
    "line_quantity",
    "line_unit_price",
    "line_amount",
)


class ExportRows(StrEnum):
    CLAIMS = "claims"
    LINES = "lines"


def columns_for(rows: ExportRows) -> tuple[str, ...]:
    if rows is ExportRows.LINES:
        return tuple(column for column in COLUMNS if column != "claim_lines") + LINE_COLUMNS
    return COLUMNS


# Patient identifier systems the payers' billing systems match on.
INSURANCE_IDENTIFIERS = {
    system: "ehic_number" if system == "ehic" else system for system in INSURANCE_IDENTIFIER_SYSTEMS
}


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSONL: "application/x-ndjson",
}


@dataclass(frozen=True)
class ExportFilters:
    payer_organization_id: uuid.UUID | None = None
    since: date | None = None  # claims submitted on or after (the creditor's local day)
    until: date | None = None  # claims submitted on or before (the creditor's local day)
    rows: ExportRows = ExportRows.CLAIMS


def check_export(principal: Principal, filters: ExportFilters) -> None:
    """Payers export what they owe, coordinators what their organisation claimed."""
    authorize(principal, Operation.EXPORT_BILLING)
    if filters.since and filters.until and filters.since > filters.until:
        raise InvalidRequest("`from` is after `to`.", code="invalid_period")


def _amount(value, currency: str) -> str | None:
    return None if value is None else Money(value, currency).to_json()["amount"]


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def record(row, today: date | None = None) -> dict:
    """One claim as an export record. Dates are the receiving facility's local dates (its
    IANA time zone), with the UTC instants beside them."""
    deadlines = claim_deadlines(row, today)
    zone = row.facility_time_zone
    admitted = local_date(row.admitted_at, zone) if row.admitted_at else None
    discharged = local_date(row.discharged_at, zone) if row.discharged_at else None
    identifiers = row.identifiers or {}
    return {
        "claim_id": str(row.id),
        "claim_number": row.number,
        "claim_kind": row.kind,
        "claim_status": row.status,
        "submitted_on": local_date(row.created_at, zone).isoformat(),
        "replaces_claim_id": str(row.replaces_claim_id) if row.replaces_claim_id else None,
        "case_id": str(row.case_id),
        "case_reference": row.reference,
        "member_number": row.member_number,
        "route": row.coverage_route,
        "agreement_id": str(row.agreement_id) if row.agreement_id else None,
        "agreement_name": row.agreement_name,
        "authorisation_reference": row.authorisation_reference,
        "authorisation_valid_from": _iso(row.authorisation_valid_from),
        "authorisation_valid_until": _iso(row.authorisation_valid_until),
        **{column: identifiers.get(system) for system, column in INSURANCE_IDENTIFIERS.items()},
        "facility_time_zone": zone,
        "admission_date": _iso(admitted),
        "discharge_date": _iso(discharged),
        "admitted_at_utc": _utc(row.admitted_at),
        "discharged_at_utc": _utc(row.discharged_at),
        "days": stay_days(admitted, discharged),
        "total_amount": _amount(row.total_amount, row.currency),
        "paid_amount": _amount(row.paid_amount, row.currency),
        # A final claim's advances deducted, and what its debtor pays to settle it.
        "advances_received": _amount(row.advances_amount, row.currency),
        "net_amount_due": _amount(row.total_amount - row.advances_amount, row.currency),
        "currency": row.currency,
        "paid_at": _iso(row.paid_at),
        "payment_reference": row.payment_reference,
        "creditor_organization_id": str(row.creditor_organization_id),
        "debtor_organization_id": (
            str(row.debtor_organization_id) if row.debtor_organization_id else None
        ),
        "debtor": row.debtor_kind,
        "submitted_at_utc": _utc(row.created_at),
        "claim_lines": json.dumps(
            [_line_json(line) for line in row.lines or []], separators=(",", ":")
        ),
        "care_from": _iso(row.care_from),
        "care_until": _iso(row.care_until),
        "introduction_deadline": _iso(deadlines.introduction_deadline),
        "introduction_overdue": deadlines.introduction_overdue,
        "contest_deadline": _iso(deadlines.contest_deadline),
        "contest_overdue": deadlines.contest_overdue,
    }


def _line_json(line: dict) -> dict:
    """A line in `claim_lines`: its description and amount, and its code, quantity and
    unit price where it has them."""
    found = {"description": line["description"], "amount": line["amount"]["amount"]}
    if line.get("code_system"):
        found |= {"code_system": line["code_system"], "code": line["code"]}
    if line.get("quantity") is not None:
        found |= {"quantity": line["quantity"], "unit_price": line["unit_price"]["amount"]}
    return found


def line_records(row, claim: dict) -> list[dict]:
    """The claim's record once per line (one row with empty line columns for a claim
    without lines, so that every claim appears)."""
    base = {name: value for name, value in claim.items() if name != "claim_lines"}
    lines = row.lines or []
    if not lines:
        return [base | dict.fromkeys(LINE_COLUMNS)]
    return [
        base
        | {
            "line_number": position + 1,
            "line_code_system": line.get("code_system"),
            "line_code": line.get("code"),
            "line_description": line["description"],
            "line_quantity": line.get("quantity"),
            "line_unit_price": (line.get("unit_price") or {}).get("amount"),
            "line_amount": line["amount"]["amount"],
        }
        for position, line in enumerate(lines)
    ]


def _utc(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def records(
    uow: UnitOfWork, principal: Principal, filters: ExportFilters, batch_size: int = BATCH_SIZE
) -> AsyncIterator[list[dict]]:
    """Export records in batches, read through a server-side cursor. The unit of work
    must be open (the rows are read inside its transaction)."""
    batches = uow.repository(FinanceRepository).export_rows(
        principal.organization_id,
        insurance_systems=INSURANCE_IDENTIFIERS,
        payer_organization_id=filters.payer_organization_id,
        submitted_from=filters.since,
        submitted_until=filters.until,
        batch_size=batch_size,
    )
    async for partition in batches:
        if filters.rows is ExportRows.LINES:
            yield [item for row in partition for item in line_records(row, record(row))]
        else:
            yield [record(row) for row in partition]


# OWASP CSV injection: a spreadsheet reads a cell that starts with one of these (after
# spaces) as a formula. Claim numbers, member numbers and payment references are typed
# by other organisations, so every text cell that would start one is prefixed with an
# apostrophe, which makes it text. Full-width forms are included: some spreadsheets
# fold them. JSON Lines is for programs and carries the values as they are.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_text(value: object) -> object:
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"  # as JSON Lines spell them
    return spreadsheet_text(value)


def _csv_text(rows: Iterable[dict], header: bool, columns: tuple[str, ...] = COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    if header:
        writer.writeheader()
    writer.writerows({name: _cell(value) for name, value in row.items()} for row in rows)
    return buffer.getvalue()


def _jsonl_text(rows: Iterable[dict]) -> str:
    return "".join(json.dumps(row, separators=(",", ":")) + "\n" for row in rows)


async def export_chunks(
    uow: UnitOfWork, principal: Principal, filters: ExportFilters, export_format: ExportFormat
) -> AsyncIterator[bytes]:
    """The export as encoded chunks, one per batch; opens and closes its own transaction,
    since a streamed body is produced after the handler has returned."""
    columns = columns_for(filters.rows)
    async with uow:
        if export_format is ExportFormat.CSV:
            yield _csv_text((), header=True, columns=columns).encode()
        async for batch in records(uow, principal, filters):
            text = (
                _csv_text(batch, header=False, columns=columns)
                if export_format is ExportFormat.CSV
                else _jsonl_text(batch)
            )
            yield text.encode()
