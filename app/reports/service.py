"""Statistics over the caller's cases: flows and lead times, and the census."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.access.tokens import Principal
from app.cases.visibility import visible_to
from app.domain.vocabulary import Action, CaseStatus, event_type_for
from app.models import CaseEventRow, CaseRow, OrganizationRow, StayRow, TransferRow
from app.platform.unit_of_work import UnitOfWork

DAY_SECONDS = 86400.0


def _median_days(start, end):
    return func.percentile_cont(0.5).within_group(func.extract("epoch", end - start) / DAY_SECONDS)


async def flows(
    uow: UnitOfWork, principal: Principal, since: date | None, until: date | None
) -> list[dict]:
    """Cases by origin country, receiving organisation and specialty, with median lead times."""
    referring = aliased(OrganizationRow)
    first_submitted = (
        select(CaseEventRow.case_id, func.min(CaseEventRow.occurred_at).label("at"))
        .where(CaseEventRow.type == event_type_for(Action.SUBMIT))
        .group_by(CaseEventRow.case_id)
        .subquery()
    )
    decided = (
        select(CaseEventRow.case_id, func.min(CaseEventRow.occurred_at).label("at"))
        .where(
            CaseEventRow.from_status != CaseEventRow.to_status,
            CaseEventRow.to_status.in_([CaseStatus.ACCEPTED.value, CaseStatus.DECLINED.value]),
        )
        .group_by(CaseEventRow.case_id)
        .subquery()
    )
    query = (
        select(
            referring.country.label("origin_country"),
            CaseRow.receiving_organization_id,
            CaseRow.specialty,
            func.count().label("referrals"),
            func.count().filter(CaseRow.status == CaseStatus.DECLINED.value).label("declined"),
            func.count().filter(CaseRow.status == CaseStatus.CANCELLED.value).label("cancelled"),
            func.count(StayRow.case_id).label("admitted"),
            func.count(StayRow.discharged_at).label("discharged"),
            _median_days(first_submitted.c.at, decided.c.at).label("median_days_to_decision"),
            _median_days(decided.c.at, StayRow.admitted_at).label(
                "median_days_decision_to_admission"
            ),
            _median_days(StayRow.admitted_at, StayRow.discharged_at).label(
                "median_length_of_stay_days"
            ),
        )
        .select_from(CaseRow)
        .join(referring, referring.id == CaseRow.referring_organization_id)
        .outerjoin(first_submitted, first_submitted.c.case_id == CaseRow.id)
        .outerjoin(decided, decided.c.case_id == CaseRow.id)
        .outerjoin(StayRow, StayRow.case_id == CaseRow.id)
        .where(visible_to(principal.organization_id), CaseRow.status != CaseStatus.DRAFT.value)
        .group_by(referring.country, CaseRow.receiving_organization_id, CaseRow.specialty)
        .order_by(referring.country, CaseRow.receiving_organization_id, CaseRow.specialty)
    )
    if since is not None:
        query = query.where(CaseRow.created_at >= datetime.combine(since, time.min, UTC))
    if until is not None:
        query = query.where(CaseRow.created_at < datetime.combine(until, time.max, UTC))
    rows = (await uow.session.execute(query)).mappings()
    return [
        {
            **row,
            **{
                key: round(float(row[key]), 2) if row[key] is not None else None
                for key in (
                    "median_days_to_decision",
                    "median_days_decision_to_admission",
                    "median_length_of_stay_days",
                )
            },
        }
        for row in rows
    ]


async def census(uow: UnitOfWork, principal: Principal, now: datetime) -> dict:
    """Who is in (admitted, by unit) and who is coming (transfers scheduled or arrived)."""
    scope = visible_to(principal.organization_id)
    in_house = (
        await uow.session.execute(
            select(
                CaseRow.id,
                CaseRow.reference,
                CaseRow.receiving_organization_id,
                StayRow.unit,
                StayRow.bed,
                StayRow.admitted_at,
            )
            .join(StayRow, StayRow.case_id == CaseRow.id)
            .where(scope, CaseRow.status == CaseStatus.ADMITTED.value)
            .order_by(StayRow.admitted_at, CaseRow.id)
        )
    ).mappings()
    coming = (
        await uow.session.execute(
            select(
                CaseRow.id,
                CaseRow.reference,
                CaseRow.receiving_organization_id,
                CaseRow.status,
                CaseRow.priority,
                TransferRow.expected_arrival_at,
                TransferRow.transport,
                TransferRow.arrived_at,
            )
            .join(TransferRow, TransferRow.case_id == CaseRow.id)
            .where(
                scope,
                CaseRow.status.in_([CaseStatus.TRANSFER_SCHEDULED.value, CaseStatus.ARRIVED.value]),
            )
            .order_by(TransferRow.expected_arrival_at, CaseRow.id)
        )
    ).mappings()
    admitted = [
        {
            "case_id": row["id"],
            "reference": row["reference"],
            "receiving_organization_id": row["receiving_organization_id"],
            "unit": row["unit"],
            "bed": row["bed"],
            "admitted_at": row["admitted_at"],
            "days_in": (now - row["admitted_at"]).days,
        }
        for row in in_house
    ]
    by_unit: dict[str, int] = {}
    for patient in admitted:
        by_unit[patient["unit"]] = by_unit.get(patient["unit"], 0) + 1
    return {
        "as_of": now,
        "admitted": admitted,
        "admitted_by_unit": [
            {"unit": unit, "count": count} for unit, count in sorted(by_unit.items())
        ],
        "expected": [
            {
                "case_id": row["id"],
                "reference": row["reference"],
                "receiving_organization_id": row["receiving_organization_id"],
                "status": row["status"],
                "priority": row["priority"],
                "expected_arrival_at": row["expected_arrival_at"],
                "transport": row["transport"],
                "arrived_at": row["arrived_at"],
            }
            for row in coming
        ],
    }
