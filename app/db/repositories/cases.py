"""Case queries: the worklist, the timeline, the checklist, and what the guards read.
The case itself is read whole and written by the case store (app/db/case_store.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Select,
    and_,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy import case as sql_case
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.db.case_tenancy import visibility_branches, visible_cases
from app.db.models import (
    AgreementRow,
    AgreementSuspensionRow,
    CaseEventRow,
    CaseRow,
    ClaimRow,
    DocumentRow,
    EstimateRow,
    LogisticsTaskRow,
    OrganizationRow,
    PatientIdentifierRow,
    PatientRow,
    PaymentRow,
    TransferRow,
)
from app.db.name_search import patient_name_matches
from app.domain.documents import DocumentStatus
from app.domain.logistics import OPEN_TASK_STATUSES
from app.domain.money import Money
from app.domain.vocabulary import (
    CareSetting,
    CaseOrigin,
    CaseStatus,
    ClaimKind,
    ClaimStatus,
    PaymentKind,
    Priority,
)


class CaseSort(StrEnum):
    CREATED = "created"
    PRIORITY = "priority"


@dataclass
class CaseFilters:
    """The worklist's filters; each list matches any of its values, filters combine."""

    statuses: list[CaseStatus] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    reference: str | None = None
    care_settings: list[CareSetting] = field(default_factory=list)
    origin: CaseOrigin | None = None
    assignee: str | None = None
    unassigned: bool = False
    arriving_from: datetime | None = None
    arriving_to: datetime | None = None
    overdue: bool | None = None
    name: str | None = None
    sort: CaseSort = CaseSort.CREATED
    receiving_organization_id: uuid.UUID | None = None
    referring_organization_id: uuid.UUID | None = None
    patient_id: uuid.UUID | None = None
    updated_since: datetime | None = None


class CaseRepository:
    """Every query a case use case makes, on the unit of work's session
    (`uow.repository(CaseRepository)`). What the guards need from other areas' tables
    (the latest estimate, the payments, a final claim) is read here too, as facts about
    the case; those areas write them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_visible(
        self, case_id: uuid.UUID, organization_id: uuid.UUID | None
    ) -> CaseRow | None:
        """The case, read (its writes go through `app.db.case_store.CaseStore`)."""
        query = visible_cases(organization_id).where(CaseRow.id == case_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def lock(self, row: CaseRow) -> None:
        await self.session.refresh(row, with_for_update=True)

    async def next_reference(self, prefix: str, now: datetime) -> str:
        number = (
            await self.session.execute(select(func.nextval("case_reference_seq")))
        ).scalar_one()
        return f"{prefix}-{now.year}-{number:06d}"

    def listing(
        self, organization_id: uuid.UUID | None, filters: CaseFilters, today: date
    ) -> Select[tuple[CaseRow]]:
        """The caller's cases, filtered (the worklist); the paging helper orders and pages it."""
        return self._filtered(visible_cases(organization_id), filters, today)

    def listing_by_side(
        self, organization_id: uuid.UUID | None, filters: CaseFilters, today: date
    ) -> list[Select[tuple[CaseRow]]]:
        """The same list as one query per organisation side (referring, receiving, payer)
        and, under a status filter, per status: each served in order by its own index
        (migration 0016), their union is `listing`."""
        statuses = [CaseRow.status == s for s in filters.statuses or ()] or [true()]
        return [
            self._filtered(select(CaseRow).where(side, status), filters, today)
            for side in visibility_branches(organization_id)
            for status in statuses
        ]

    def _filtered(
        self, query: Select[tuple[CaseRow]], filters: CaseFilters, today: date
    ) -> Select[tuple[CaseRow]]:
        if filters.statuses:
            query = query.where(CaseRow.status.in_(filters.statuses))
        if filters.priorities:
            query = query.where(CaseRow.priority.in_(filters.priorities))
        if filters.reference is not None:
            query = query.where(CaseRow.reference == filters.reference.strip().upper())
        if filters.care_settings:
            query = query.where(CaseRow.care_setting.in_(filters.care_settings))
        if filters.origin is not None:
            query = query.where(CaseRow.origin == filters.origin)
        if filters.unassigned:
            query = query.where(CaseRow.assignee.is_(None))
        elif filters.assignee is not None:
            query = query.where(CaseRow.assignee == filters.assignee)
        if filters.arriving_from is not None or filters.arriving_to is not None:
            arriving = select(TransferRow.case_id).where(TransferRow.case_id == CaseRow.id)
            if filters.arriving_from is not None:
                arriving = arriving.where(TransferRow.expected_arrival_at >= filters.arriving_from)
            if filters.arriving_to is not None:
                arriving = arriving.where(TransferRow.expected_arrival_at <= filters.arriving_to)
            query = query.where(arriving.exists())
        if filters.overdue is not None:
            late_task = (
                select(LogisticsTaskRow.id)
                .where(
                    LogisticsTaskRow.case_id == CaseRow.id,
                    LogisticsTaskRow.status.in_(list(OPEN_TASK_STATUSES)),
                    LogisticsTaskRow.due_date < today,
                )
                .exists()
            )
            # ISO dates compare as text: an unanswered request due before today.
            late_answer = func.jsonb_path_exists(
                CaseRow.information_requests,
                literal_column("'$[*] ? (@.answered_at == null && @.due_date < $today)'::jsonpath"),
                literal({"today": today.isoformat()}, type_=JSONB),
            )
            late = or_(late_task, late_answer)
            query = query.where(late if filters.overdue else ~late)
        if filters.name is not None:
            patient = select(PatientRow.id).where(
                PatientRow.id == CaseRow.patient_id, patient_name_matches(filters.name)
            )
            query = query.where(patient.exists())
        if filters.receiving_organization_id is not None:
            query = query.where(
                CaseRow.receiving_organization_id == filters.receiving_organization_id
            )
        if filters.referring_organization_id is not None:
            query = query.where(
                CaseRow.referring_organization_id == filters.referring_organization_id
            )
        if filters.patient_id is not None:
            query = query.where(CaseRow.patient_id == filters.patient_id)
        if filters.updated_since is not None:
            query = query.where(CaseRow.updated_at >= filters.updated_since)
        return query

    def earlier_cases(
        self, row: CaseRow, organization_id: uuid.UUID | None
    ) -> Select[tuple[CaseRow]]:
        """The same person's other cases at this hospital: the case's patient, or a patient
        registered by anyone with one of its identifiers (same system and value; identifiers
        are stored normalised, app/domain/identifiers.py). Only cases the hospital
        received: nothing of other organisations."""
        own = aliased(PatientIdentifierRow)
        other = aliased(PatientIdentifierRow)
        same_person = (
            select(other.patient_id)
            .join(own, and_(own.system == other.system, own.value == other.value))
            .where(own.patient_id == row.patient_id)
        )
        return select(CaseRow).where(
            CaseRow.receiving_organization_id == organization_id,
            CaseRow.id != row.id,
            CaseRow.created_at <= row.created_at,
            or_(CaseRow.patient_id == row.patient_id, CaseRow.patient_id.in_(same_person)),
        )

    async def checklist(self, case_id: uuid.UUID) -> list[tuple[str, str]]:
        """(kind, status) of each logistics task: what close checks."""
        rows = await self.session.execute(
            select(LogisticsTaskRow.kind, LogisticsTaskRow.status).where(
                LogisticsTaskRow.case_id == case_id
            )
        )
        return [(kind, status) for kind, status in rows]

    def timeline(
        self, case_id: uuid.UUID, organization_id: uuid.UUID | None
    ) -> Select[tuple[CaseEventRow]]:
        # Some events have a narrower audience than the case (a claim: creditor and debtor).
        return select(CaseEventRow).where(
            CaseEventRow.case_id == case_id,
            CaseEventRow.visible_to.contains([organization_id]),
        )

    # -- the transfer checklist --------------------------------------------------------------

    async def tasks_of(self, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[LogisticsTaskRow]]:
        grouped: dict[uuid.UUID, list[LogisticsTaskRow]] = {case_id: [] for case_id in case_ids}
        if not case_ids:
            return grouped
        rows = (
            await self.session.execute(
                select(LogisticsTaskRow)
                .where(LogisticsTaskRow.case_id.in_(case_ids))
                .order_by(LogisticsTaskRow.created_at, LogisticsTaskRow.id)
            )
        ).scalars()
        for task in rows:
            grouped[task.case_id].append(task)
        return grouped

    async def task_for_update(
        self, case_id: uuid.UUID, task_id: uuid.UUID
    ) -> LogisticsTaskRow | None:
        return (
            await self.session.execute(
                select(LogisticsTaskRow)
                .where(LogisticsTaskRow.id == task_id, LogisticsTaskRow.case_id == case_id)
                .with_for_update()
            )
        ).scalar_one_or_none()

    async def add_task(self, task: LogisticsTaskRow) -> None:
        self.session.add(task)
        await self.session.flush()

    async def flush(self) -> None:
        await self.session.flush()

    # -- what the guards read ----------------------------------------------------------------

    async def organization(self, organization_id: uuid.UUID) -> OrganizationRow | None:
        return await self.session.get(OrganizationRow, organization_id)

    async def agreement(self, agreement_id: uuid.UUID) -> AgreementRow | None:
        return await self.session.get(AgreementRow, agreement_id)

    async def agreement_suspended(self, agreement_id: uuid.UUID) -> bool:
        """Whether the corridor-wide suspension of the agreement is in force (no submission
        then)."""
        query = select(AgreementSuspensionRow.id).where(
            AgreementSuspensionRow.agreement_id == agreement_id,
            AgreementSuspensionRow.resumed_at.is_(None),
            AgreementSuspensionRow.receiving_organization_id.is_(None),
        )
        return (await self.session.execute(query)).first() is not None

    async def intake_paused(
        self, agreement_id: uuid.UUID, receiving_organization_id: uuid.UUID | None
    ) -> bool:
        """Whether the receiving hospital paused its intake on the agreement."""
        if receiving_organization_id is None:
            return False
        query = select(AgreementSuspensionRow.id).where(
            AgreementSuspensionRow.agreement_id == agreement_id,
            AgreementSuspensionRow.resumed_at.is_(None),
            AgreementSuspensionRow.receiving_organization_id == receiving_organization_id,
        )
        return (await self.session.execute(query)).first() is not None

    async def documents_on_case(
        self, case_id: uuid.UUID, document_ids: list[uuid.UUID]
    ) -> set[uuid.UUID]:
        """Which of these documents are on this case and not withdrawn."""
        found = await self.session.execute(
            select(DocumentRow.id).where(
                DocumentRow.case_id == case_id,
                DocumentRow.id.in_(document_ids),
                DocumentRow.status == DocumentStatus.ACTIVE,
            )
        )
        return set(found.scalars())

    async def has_final_claim(self, case_id: uuid.UUID) -> bool:
        found = await self.session.execute(
            select(ClaimRow.id)
            .where(
                ClaimRow.case_id == case_id,
                ClaimRow.kind == ClaimKind.FINAL,
                ClaimRow.status != ClaimStatus.REPLACED,
            )
            .limit(1)
        )
        return found.scalar_one_or_none() is not None

    async def latest_estimate_total(self, case_id: uuid.UUID) -> Money | None:
        estimate = (
            await self.session.execute(
                select(EstimateRow)
                .where(EstimateRow.case_id == case_id)
                .order_by(EstimateRow.number.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
        return Money(estimate.total_amount, estimate.currency) if estimate else None

    async def payments_received(self, case_id: uuid.UUID, currency: str) -> Money:
        """Deposits and balances counted in this currency, refunds deducted: a payment
        received in another currency counts at its recorded rate (`counted_amount`), the
        same rule as the balance (app/domain/balance.py)."""
        counted = func.coalesce(PaymentRow.counted_amount, PaymentRow.amount)
        signed = sql_case(
            (PaymentRow.kind == PaymentKind.REFUND, -counted),
            else_=counted,
        )
        in_currency = func.coalesce(PaymentRow.counted_currency, PaymentRow.currency)
        total = (
            await self.session.execute(
                select(func.coalesce(func.sum(signed), 0)).where(
                    PaymentRow.case_id == case_id, in_currency == currency
                )
            )
        ).scalar_one()
        return Money(Decimal(total), currency)
