"""Every statistics query: aggregates computed by PostgreSQL (GROUP BY, percentile_cont),
never a loop over cases in Python. `uow.repository(StatsRepository)`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import (
    DateTime,
    Numeric,
    and_,
    case,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.db.case_tenancy import visible_to
from app.db.models import (
    AgreementRow,
    CaseRow,
    ClaimPaymentRow,
    ClaimRow,
    EstimateRow,
    OrganizationRow,
    PatientRow,
    StayRow,
    TransferRow,
)
from app.domain.parties import CaseParties
from app.domain.statistics import STAGES_WITHOUT_REFERRER_WAIT, Dimension, Stage
from app.domain.vocabulary import CaseStatus, ClaimStatus, OrganizationKind

DAY_SECONDS = 86400.0
PERCENTILES = {"median": 0.5, "p90": 0.9}


@dataclass(frozen=True)
class Scope:
    """Whose cases a statistic counts: the caller's own (the tenancy filter), the cases of
    the agreements a coordination body coordinates, or every case (the platform admin)."""

    organization_id: uuid.UUID | None = None
    agreement_ids: tuple[uuid.UUID, ...] | None = None
    everything: bool = False

    def condition(self):
        if self.everything:
            return true()
        if self.agreement_ids is not None:
            if not self.agreement_ids:
                return false()
            return CaseRow.agreement_id.in_(self.agreement_ids)
        return visible_to(self.organization_id)


@dataclass(frozen=True)
class Period:
    since: date | None = None
    until: date | None = None

    def condition(self):
        conditions = []
        if self.since is not None:
            conditions.append(CaseRow.created_at >= datetime.combine(self.since, time.min, UTC))
        if self.until is not None:
            conditions.append(CaseRow.created_at < datetime.combine(self.until, time.max, UTC))
        return and_(true(), *conditions)


def _days(start, end):
    return func.extract("epoch", end - start) / DAY_SECONDS


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def organization_kind(self, organization_id: uuid.UUID) -> str | None:
        return await self.session.scalar(
            select(OrganizationRow.kind).where(OrganizationRow.id == organization_id)
        )

    async def names(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Organisations' and agreements' names (public reference data), for chart labels."""
        if not ids:
            return {}
        organizations = select(OrganizationRow.id, OrganizationRow.name).where(
            OrganizationRow.id.in_(ids)
        )
        agreements = select(AgreementRow.id, AgreementRow.name).where(AgreementRow.id.in_(ids))
        rows = await self.session.execute(union_all(organizations, agreements))
        return {row.id: row.name for row in rows}

    # -- flows --------------------------------------------------------------------------

    def _dimensions(self, grouping: tuple[Dimension, ...], referring, patient) -> list:
        # A walk-in (emergency presentation) comes from where the patient lives, not from
        # the hospital that stands as its referrer (constants as SQL text: GROUP BY repeats
        # the expression).
        walk_in = CaseRow.origin == literal_column("'emergency_presentation'")
        residence = patient.residence.op("->>")(literal_column("'country'"))
        origin_country = case(
            (walk_in, func.coalesce(residence, referring.country)), else_=referring.country
        )
        columns = {
            Dimension.ORIGIN_COUNTRY: origin_country,
            Dimension.RECEIVING_ORGANIZATION: CaseRow.receiving_organization_id,
            Dimension.SPECIALTY: CaseRow.specialty,
            Dimension.CARE_SETTING: CaseRow.care_setting,
            Dimension.ROUTE: CaseRow.coverage_route,
            Dimension.AGREEMENT: CaseRow.agreement_id,
            Dimension.STATUS: CaseRow.status,
            # Constants as SQL text, not parameters: GROUP BY must repeat the same expression.
            Dimension.MONTH: func.to_char(
                func.date_trunc(
                    literal_column("'month'"),
                    func.timezone(literal_column("'UTC'"), CaseRow.created_at),
                ),
                literal_column("'YYYY-MM'"),
            ),
        }
        return [columns[dimension].label(dimension.value) for dimension in grouping]

    async def flows(
        self, scope: Scope, period: Period, grouping: tuple[Dimension, ...]
    ) -> list[dict]:
        """One row per cell: counts, and each stage's lead time (median, p90, how many
        cases have it) in days. Drafts are not flows."""
        referring = aliased(OrganizationRow)
        patient = aliased(PatientRow)
        dimensions = self._dimensions(grouping, referring, patient)
        # Time spent waiting on the referrer (information requested, until answered or
        # until the decision) is not the receiving side's lead time: once per case.
        request = (
            func.jsonb_array_elements(CaseRow.information_requests).table_valued("value").alias("r")
        )
        requested_at = request.c.value.op("->>")("requested_at").cast(DateTime(timezone=True))
        answered_at = request.c.value.op("->>")("answered_at").cast(DateTime(timezone=True))
        decided = CaseRow.decided_at
        waited = (
            select(
                (
                    func.coalesce(
                        func.sum(
                            func.extract(
                                "epoch",
                                func.least(func.coalesce(answered_at, decided), decided)
                                - requested_at,
                            )
                        ),
                        0,
                    )
                    / DAY_SECONDS
                ).label("days")
            )
            .select_from(request)
            .where(requested_at < decided)
            .lateral("waited")
        )
        # The journey's milestones are kept on the case row (app/domain/milestones.py):
        # no pass over the events per request.
        durations = {
            Stage.SUBMITTED_TO_DECISION: (CaseRow.submitted_at, CaseRow.decided_at),
            Stage.SUBMITTED_TO_ACCEPTED: (CaseRow.submitted_at, CaseRow.accepted_at),
            Stage.ACCEPTED_TO_FUNDING_APPROVED: (CaseRow.accepted_at, CaseRow.funding_approved_at),
            Stage.FUNDING_APPROVED_TO_ARRIVED: (CaseRow.funding_approved_at, CaseRow.arrived_at),
            Stage.DECISION_TO_ADMISSION: (CaseRow.decided_at, StayRow.admitted_at),
            Stage.LENGTH_OF_STAY: (StayRow.admitted_at, StayRow.discharged_at),
        }
        stage_days = []
        for stage, (start, end) in durations.items():
            days = _days(start, end)
            if stage in STAGES_WITHOUT_REFERRER_WAIT:
                days = days - waited.c.days
            stage_days.append(days.label(f"days:{stage}"))
        # Each case once, with its cell and its stages in days; then the cells.
        per_case = (
            select(
                *dimensions,
                CaseRow.status.label("case_status"),
                StayRow.case_id.label("stay"),
                StayRow.discharged_at.label("discharged_at"),
                *stage_days,
            )
            .select_from(CaseRow)
            .join(referring, referring.id == CaseRow.referring_organization_id)
            .outerjoin(patient, patient.id == CaseRow.patient_id)
            .outerjoin(StayRow, StayRow.case_id == CaseRow.id)
            .outerjoin(waited, true())
            .where(scope.condition(), period.condition(), CaseRow.status != CaseStatus.DRAFT)
            .subquery("per_case")
        )
        lead_times = []
        for stage in durations:
            days = per_case.c[f"days:{stage}"]
            for name, fraction in PERCENTILES.items():
                lead_times.append(
                    func.percentile_cont(fraction).within_group(days).label(f"{stage}:{name}")
                )
            lead_times.append(func.count(days).label(f"{stage}:count"))
        cell = [per_case.c[dimension.value] for dimension in grouping]
        status = per_case.c.case_status
        query = select(
            *cell,
            func.count().label("cases"),
            func.count().filter(status == CaseStatus.DECLINED).label("declined"),
            func.count().filter(status == CaseStatus.CANCELLED).label("cancelled"),
            func.count().filter(status == CaseStatus.ON_HOLD).label("on_hold"),
            func.count(per_case.c.stay).label("admitted"),
            func.count(per_case.c.discharged_at).label("discharged"),
            *lead_times,
        ).select_from(per_case)
        if cell:
            query = query.group_by(*cell).order_by(*cell)
        return [dict(row) for row in (await self.session.execute(query)).mappings()]

    async def flow_amounts(
        self, scope: Scope, period: Period, grouping: tuple[Dimension, ...]
    ) -> list[dict]:
        """Per cell and currency: the latest estimate of each case (quoted), its claims but
        the replaced ones (claimed), and what payers paid on them (paid)."""
        referring = aliased(OrganizationRow)
        patient = aliased(PatientRow)
        dimensions = self._dimensions(grouping, referring, patient)
        zero = literal(0, Numeric(19, 4))
        ranked = select(
            EstimateRow.case_id,
            EstimateRow.currency,
            EstimateRow.total_amount,
            func.row_number()
            .over(partition_by=EstimateRow.case_id, order_by=EstimateRow.number.desc())
            .label("rank"),
        ).subquery()
        latest_estimate = (
            select(ranked.c.case_id, ranked.c.currency, ranked.c.total_amount)
            .where(ranked.c.rank == 1)
            .subquery()
        )
        live_claim = ClaimRow.status != ClaimStatus.REPLACED
        money = union_all(
            select(
                latest_estimate.c.case_id,
                latest_estimate.c.currency,
                latest_estimate.c.total_amount.label("quoted"),
                zero.label("claimed"),
                zero.label("paid"),
            ),
            select(ClaimRow.case_id, ClaimRow.currency, zero, ClaimRow.total_amount, zero).where(
                live_claim
            ),
            select(ClaimRow.case_id, ClaimPaymentRow.currency, zero, zero, ClaimPaymentRow.amount)
            .join(ClaimRow, ClaimRow.id == ClaimPaymentRow.claim_id)
            .where(live_claim),
        ).subquery("money")
        query = (
            select(
                *dimensions,
                money.c.currency,
                func.sum(money.c.quoted).label("quoted"),
                func.sum(money.c.claimed).label("claimed"),
                func.sum(money.c.paid).label("paid"),
                # How many cases the sums are of: a sum of one case is that case's money.
                func.count(func.distinct(money.c.case_id)).label("cases"),
            )
            .select_from(CaseRow)
            .join(referring, referring.id == CaseRow.referring_organization_id)
            .outerjoin(patient, patient.id == CaseRow.patient_id)
            .join(money, money.c.case_id == CaseRow.id)
            .where(scope.condition(), period.condition(), CaseRow.status != CaseStatus.DRAFT)
        )
        query = query.group_by(*dimensions, money.c.currency).order_by(
            *dimensions, money.c.currency
        )
        return [dict(row) for row in (await self.session.execute(query)).mappings()]

    # -- census -------------------------------------------------------------------------

    async def census_by_hospital(self, scope: Scope, now: datetime) -> list[dict]:
        """Per receiving hospital: patients admitted now, arrivals expected within 7 days,
        cases a corridor's suspension holds."""
        status = CaseRow.status
        expected = and_(
            status == CaseStatus.TRANSFER_SCHEDULED,
            TransferRow.expected_arrival_at >= now,
            TransferRow.expected_arrival_at < now + timedelta(days=7),
        )
        query = (
            select(
                CaseRow.receiving_organization_id,
                func.count().filter(status == CaseStatus.ADMITTED).label("admitted"),
                func.count().filter(expected).label("expected_next_7_days"),
                func.count()
                .filter(
                    status == CaseStatus.ON_HOLD,
                    CaseRow.held_by_suspension_id.is_not(None),
                )
                .label("held_by_suspension"),
            )
            .select_from(CaseRow)
            .outerjoin(TransferRow, TransferRow.case_id == CaseRow.id)
            .where(
                scope.condition(),
                CaseRow.receiving_organization_id.is_not(None),
                or_(
                    status.in_([CaseStatus.ADMITTED, CaseStatus.TRANSFER_SCHEDULED]),
                    CaseRow.held_by_suspension_id.is_not(None),
                ),
            )
            .group_by(CaseRow.receiving_organization_id)
            .order_by(CaseRow.receiving_organization_id)
        )
        return [dict(row) for row in (await self.session.execute(query)).mappings()]

    async def receiving_hospitals(self, scope: Scope) -> list[uuid.UUID]:
        """Every hospital the scope could count, whether it has a patient now or not: the
        receiving organisations of the coordinated agreements, or every receiving
        facility (the platform admin)."""
        if scope.everything:
            query = select(OrganizationRow.id).where(
                OrganizationRow.kind == OrganizationKind.RECEIVING_FACILITY
            )
        elif scope.agreement_ids:
            query = select(func.unnest(AgreementRow.receiving_organization_ids).label("id")).where(
                AgreementRow.id.in_(scope.agreement_ids)
            )
        else:
            return []
        return sorted(set((await self.session.execute(query)).scalars()), key=str)

    async def admitted_by_unit(
        self, scope: Scope, care_party: uuid.UUID | None = None
    ) -> list[dict]:
        """Admitted patients per unit; only of the cases `care_party` refers or receives,
        when given (a payer learns where none of its patients lies)."""
        query = (
            select(StayRow.unit, func.count().label("count"))
            .join(CaseRow, CaseRow.id == StayRow.case_id)
            .where(scope.condition(), CaseRow.status == CaseStatus.ADMITTED)
            .group_by(StayRow.unit)
            .order_by(StayRow.unit)
        )
        if care_party is not None:
            query = query.where(
                or_(
                    CaseRow.referring_organization_id == care_party,
                    CaseRow.receiving_organization_id == care_party,
                )
            )
        return [dict(row) for row in (await self.session.execute(query)).mappings()]

    async def admitted_patients(self, scope: Scope) -> list[dict]:
        """The caller's own admitted patients, one by one (never for a coordination body)."""
        query = (
            select(
                CaseRow.id.label("case_id"),
                CaseRow.reference,
                *(getattr(CaseRow, party) for party in CaseParties.ATTRIBUTES),
                StayRow.unit,
                StayRow.bed,
                StayRow.admitted_at,
            )
            .join(StayRow, StayRow.case_id == CaseRow.id)
            .where(scope.condition(), CaseRow.status == CaseStatus.ADMITTED)
            .order_by(StayRow.admitted_at, CaseRow.id)
        )
        return [dict(row) for row in (await self.session.execute(query)).mappings()]

    async def expected_arrivals(self, scope: Scope) -> list[dict]:
        """The caller's own transfers scheduled or arrived, one by one."""
        query = (
            select(
                CaseRow.id.label("case_id"),
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
                scope.condition(),
                CaseRow.status.in_([CaseStatus.TRANSFER_SCHEDULED, CaseStatus.ARRIVED]),
            )
            .order_by(TransferRow.expected_arrival_at, CaseRow.id)
        )
        return [dict(row) for row in (await self.session.execute(query)).mappings()]
