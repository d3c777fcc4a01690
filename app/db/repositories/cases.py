"""Case persistence: rows <-> the domain aggregate, and the events it emits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from types import SimpleNamespace

from sqlalchemy import (
    Select,
    and_,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    true,
    update,
)
from sqlalchemy import case as sql_case
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from app.db.case_tenancy import visibility_branches, visible_cases
from app.db.engine import driver_connection
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
    StayRow,
    TeleconsultationRow,
    TransferRow,
    UnitMovementRow,
)
from app.db.name_search import patient_name_matches
from app.db.unit_of_work import disclose_read
from app.domain.case import (
    Attendance,
    Case,
    CaseEvent,
    CodedEntry,
    Coverage,
    DischargeLetter,
    FundingApproval,
    InformationRequest,
    Medication,
    Stay,
    Teleconsultation,
    TransferPlan,
    UnitMovement,
    VirtualService,
)
from app.domain.documents import DocumentStatus
from app.domain.exchange import ExchangeRate
from app.domain.funding import Authorisation, Guarantee, PriorAuthorisation
from app.domain.logistics import OPEN_TASK_STATUSES
from app.domain.milestones import Milestone
from app.domain.money import Money
from app.domain.vocabulary import (
    AttendanceOutcome,
    AuthorisationDecision,
    CancelReason,
    CareSetting,
    CaseOrigin,
    CaseStatus,
    ClaimKind,
    ClaimStatus,
    CoverageRoute,
    Disposition,
    FollowUpOutcome,
    PaymentKind,
    Priority,
    TeleconsultationKind,
    TeleconsultationMode,
    TeleconsultationOutcome,
    TeleconsultationStatus,
    Transport,
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
        self, case_id: uuid.UUID, organization_id: uuid.UUID | None, *, for_update: bool = False
    ) -> CaseRow | None:
        query = visible_cases(organization_id).where(CaseRow.id == case_id)
        if for_update:
            # Serialises concurrent actions on one case; the version check then sees the winner.
            # The one-to-one children come in the same statement (two round trips fewer
            # than their selectin loads on every action).
            query = query.options(
                joinedload(CaseRow.transfer), joinedload(CaseRow.stay)
            ).with_for_update(of=CaseRow)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def whole_for_update(
        self, case_id: uuid.UUID, organization_id: uuid.UUID | None
    ) -> LockedCase | None:
        """The whole case in one statement under its row lock (`FOR UPDATE OF cases`),
        for an action: see `write_changes`."""
        if organization_id is None:
            return None
        found = await (await driver_connection(self.session)).fetchrow(
            WHOLE_CASE_FOR_UPDATE, case_id, organization_id
        )
        if found is None:
            return None
        disclose_read(self.session, found["patient_id"])
        return _locked_from_record(dict(found.items()))

    async def write_changes(self, locked: LockedCase, case: Case, now: datetime) -> None:
        await write_changes(self.session, locked, case, now)

    async def whole_visible(
        self, case_id: uuid.UUID, organization_id: uuid.UUID | None
    ) -> tuple[SimpleNamespace, list[SimpleNamespace]] | None:
        """The case, its child tables and logistics tasks in one statement (read-only)."""
        found = await get_whole_visible(self.session, case_id, organization_id)
        if found is not None:
            disclose_read(self.session, found[0].patient_id)
        return found

    async def lock(self, row: CaseRow) -> None:
        await self.session.refresh(row, with_for_update=True)

    async def next_reference(self, prefix: str, now: datetime) -> str:
        number = (
            await self.session.execute(select(func.nextval("case_reference_seq")))
        ).scalar_one()
        return f"{prefix}-{now.year}-{number:06d}"

    async def add(self, row: CaseRow, case: Case) -> None:
        """A new case and the events of its creation."""
        self.session.add(row)
        await self.session.flush()
        await self.save(case, row, None)

    async def save(self, case: Case, row: CaseRow, now: datetime | None) -> None:
        """The aggregate's state back into its row (unless just created), and its new events."""
        if now is not None:
            write_back(case, row, now)
        self.session.add_all(event_rows(case, case.collect_events()))
        await self.session.flush()

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
        statuses = [CaseRow.status == s.value for s in filters.statuses or ()] or [true()]
        return [
            self._filtered(select(CaseRow).where(side, status), filters, today)
            for side in visibility_branches(organization_id)
            for status in statuses
        ]

    def _filtered(
        self, query: Select[tuple[CaseRow]], filters: CaseFilters, today: date
    ) -> Select[tuple[CaseRow]]:
        if filters.statuses:
            query = query.where(CaseRow.status.in_([s.value for s in filters.statuses]))
        if filters.priorities:
            query = query.where(CaseRow.priority.in_([p.value for p in filters.priorities]))
        if filters.reference is not None:
            query = query.where(CaseRow.reference == filters.reference.strip().upper())
        if filters.care_settings:
            query = query.where(CaseRow.care_setting.in_([c.value for c in filters.care_settings]))
        if filters.origin is not None:
            query = query.where(CaseRow.origin == filters.origin.value)
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
                    LogisticsTaskRow.status.in_([s.value for s in OPEN_TASK_STATUSES]),
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

    async def of_corridor_for_update(
        self,
        agreement_id: uuid.UUID,
        statuses: Iterable[CaseStatus],
        receiving_organization_id: uuid.UUID | None = None,
    ) -> list[CaseRow]:
        """Every case of the agreement in these statuses (those one receiving hospital
        receives, when given), locked, in a stable order (two suspensions never deadlock).
        Whoever may see them is the caller's business: the corridor's use cases run in the
        system context."""
        query = (
            select(CaseRow)
            .where(
                CaseRow.agreement_id == agreement_id,
                CaseRow.status.in_([status.value for status in statuses]),
            )
            .order_by(CaseRow.id)
            .with_for_update(of=CaseRow)
        )
        if receiving_organization_id is not None:
            query = query.where(CaseRow.receiving_organization_id == receiving_organization_id)
        return list((await self.session.execute(query)).scalars())

    async def held_by_for_update(self, suspension_id: uuid.UUID) -> list[CaseRow]:
        """The cases a suspension holds, locked, in a stable order."""
        query = (
            select(CaseRow)
            .where(
                CaseRow.held_by_suspension_id == suspension_id,
                CaseRow.status == CaseStatus.ON_HOLD.value,
            )
            .order_by(CaseRow.id)
            .with_for_update(of=CaseRow)
        )
        return list((await self.session.execute(query)).scalars())

    async def patient(self, patient_id: uuid.UUID) -> PatientRow | None:
        return await self.session.get(PatientRow, patient_id)

    async def documents_on_case(
        self, case_id: uuid.UUID, document_ids: list[uuid.UUID]
    ) -> set[uuid.UUID]:
        """Which of these documents are on this case and not withdrawn."""
        found = await self.session.execute(
            select(DocumentRow.id).where(
                DocumentRow.case_id == case_id,
                DocumentRow.id.in_(document_ids),
                DocumentRow.status == DocumentStatus.ACTIVE.value,
            )
        )
        return set(found.scalars())

    async def has_final_claim(self, case_id: uuid.UUID) -> bool:
        found = await self.session.execute(
            select(ClaimRow.id)
            .where(
                ClaimRow.case_id == case_id,
                ClaimRow.kind == ClaimKind.FINAL.value,
                ClaimRow.status != ClaimStatus.REPLACED.value,
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
            (PaymentRow.kind == PaymentKind.REFUND.value, -counted),
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


def _authorisation(row: CaseRow) -> Authorisation | None:
    if row.authorisation_reference is None:
        return None
    return Authorisation(
        reference=row.authorisation_reference,
        valid_from=row.authorisation_valid_from,
        valid_until=row.authorisation_valid_until,
    )


def _authorisation_from_json(data: dict | None) -> Authorisation | None:
    if not data:
        return None
    from datetime import date

    return Authorisation(
        reference=data["reference"],
        valid_from=date.fromisoformat(data["valid_from"]),
        valid_until=date.fromisoformat(data["valid_until"]),
    )


def authorisation_json(value: Authorisation | None) -> dict | None:
    if value is None:
        return None
    return {
        "reference": value.reference,
        "valid_from": value.valid_from.isoformat(),
        "valid_until": value.valid_until.isoformat(),
    }


def guarantee_json(guarantee: Guarantee | None) -> dict | None:
    """A letter of guarantee as stored on the case (and shown as `funding.guarantee`)."""
    if guarantee is None:
        return None
    stored: dict = {
        "reference": guarantee.reference,
        "amount": guarantee.amount.to_json(),
        "valid_from": guarantee.valid_from.isoformat() if guarantee.valid_from else None,
        "valid_until": guarantee.valid_until.isoformat() if guarantee.valid_until else None,
    }
    if guarantee.counted is not None and guarantee.rate is not None:
        rate = guarantee.rate
        stored["counted_amount"] = guarantee.counted.to_json()
        stored["exchange_rate"] = {
            "base": rate.base,
            "quote": rate.quote,
            "rate": str(rate.rate),
            "source": rate.source,
        }
    return stored


def guarantee_from_json(data: dict | None) -> Guarantee | None:
    if not data:
        return None
    counted, rate = data.get("counted_amount"), data.get("exchange_rate")
    return Guarantee(
        reference=data["reference"],
        amount=Money.parse(data["amount"]["amount"], data["amount"]["currency"]),
        counted=Money.parse(counted["amount"], counted["currency"]) if counted else None,
        valid_from=_date_or_none(data.get("valid_from")),
        valid_until=_date_or_none(data.get("valid_until")),
        rate=(
            ExchangeRate(rate["base"], rate["quote"], Decimal(rate["rate"]), rate["source"])
            if rate
            else None
        ),
    )


def prior_authorisation_json(record: PriorAuthorisation | None) -> dict | None:
    if record is None:
        return None
    return {
        "decision": record.decision.value,
        "reference": record.reference,
        "issuing_institution": record.issuing_institution,
        "decided_on": record.decided_on.isoformat(),
        "valid_from": record.valid_from.isoformat() if record.valid_from else None,
        "valid_until": record.valid_until.isoformat() if record.valid_until else None,
        "refusal_reason": record.refusal_reason,
    }


def prior_authorisation_from_json(data: dict | None) -> PriorAuthorisation | None:
    if not data:
        return None

    def day(name: str) -> date | None:
        return date.fromisoformat(data[name]) if data.get(name) else None

    return PriorAuthorisation(
        decision=AuthorisationDecision(data["decision"]),
        reference=data["reference"],
        issuing_institution=data["issuing_institution"],
        decided_on=day("decided_on"),
        valid_from=day("valid_from"),
        valid_until=day("valid_until"),
        refusal_reason=data.get("refusal_reason"),
    )


def _funding_json(funding: FundingApproval | None) -> dict | None:
    if funding is None:
        return None
    return {
        "route": funding.route.value,
        "authorisation": authorisation_json(funding.authorisation),
        "guarantee": guarantee_json(funding.guarantee),
        "note": funding.note,
        "approved_at": funding.approved_at.isoformat(),
        "approved_by_organization_id": (
            str(funding.approved_by_organization_id)
            if funding.approved_by_organization_id
            else None
        ),
    }


def _date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _funding_from_json(data: dict | None) -> FundingApproval | None:
    if not data:
        return None
    guarantee = data.get("guarantee")
    return FundingApproval(
        route=CoverageRoute(data["route"]),
        authorisation=_authorisation_from_json(data.get("authorisation")),
        guarantee=guarantee_from_json(guarantee),
        note=data.get("note"),
        approved_at=datetime.fromisoformat(data["approved_at"]),
        approved_by_organization_id=(
            uuid.UUID(data["approved_by_organization_id"])
            if data.get("approved_by_organization_id")
            else None
        ),
    )


# -- the journey's small lists, kept as JSON on the case row ---------------------------------


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def information_request_json(request: InformationRequest) -> dict:
    return {
        "id": str(request.id),
        "questions": request.questions,
        "due_date": request.due_date.isoformat(),
        "requested_at": request.requested_at.isoformat(),
        "requested_by": request.requested_by,
        "answer": request.answer,
        "document_ids": [str(d) for d in request.document_ids],
        "answered_at": request.answered_at.isoformat() if request.answered_at else None,
        "answered_by": request.answered_by,
    }


def _information_request(data: dict) -> InformationRequest:
    from datetime import date

    return InformationRequest(
        id=uuid.UUID(data["id"]),
        questions=data["questions"],
        due_date=date.fromisoformat(data["due_date"]),
        requested_at=datetime.fromisoformat(data["requested_at"]),
        requested_by=data["requested_by"],
        answer=data.get("answer"),
        document_ids=[uuid.UUID(d) for d in data.get("document_ids") or []],
        answered_at=_moment(data.get("answered_at")),
        answered_by=data.get("answered_by"),
    )


def attendance_json(attendance: Attendance) -> dict:
    return {
        "id": str(attendance.id),
        "attended_at": attendance.attended_at.isoformat(),
        "service": attendance.service,
        "outcome": attendance.outcome.value,
        "notes": attendance.notes,
    }


def _attendance(data: dict) -> Attendance:
    return Attendance(
        id=uuid.UUID(data["id"]),
        attended_at=datetime.fromisoformat(data["attended_at"]),
        service=data["service"],
        outcome=AttendanceOutcome(data["outcome"]),
        notes=data.get("notes"),
    )


def _coded_json(entry: CodedEntry) -> dict:
    return {"display": entry.display, "code": entry.code, "system": entry.system}


def discharge_letter_json(letter: DischargeLetter | None) -> dict | None:
    if letter is None:
        return None
    return {
        "discharged_at": letter.discharged_at.isoformat(),
        "disposition": letter.disposition.value,
        "summary": letter.summary,
        "diagnoses": [_coded_json(d) for d in letter.diagnoses],
        "procedures": [_coded_json(p) for p in letter.procedures],
        "medications": [
            {"name": m.name, "dosage": m.dosage, "instructions": m.instructions}
            for m in letter.medications
        ],
        "follow_up_instructions": letter.follow_up_instructions,
        "language": letter.language,
        "acknowledged_at": letter.acknowledged_at.isoformat() if letter.acknowledged_at else None,
        "acknowledged_by": letter.acknowledged_by,
    }


def _discharge_letter(data: dict | None) -> DischargeLetter | None:
    if not data:
        return None
    return DischargeLetter(
        discharged_at=datetime.fromisoformat(data["discharged_at"]),
        disposition=Disposition(data["disposition"]),
        summary=data.get("summary"),
        diagnoses=[CodedEntry(**d) for d in data.get("diagnoses") or []],
        procedures=[CodedEntry(**p) for p in data.get("procedures") or []],
        medications=[Medication(**m) for m in data.get("medications") or []],
        follow_up_instructions=data.get("follow_up_instructions"),
        language=data.get("language"),
        acknowledged_at=_moment(data.get("acknowledged_at")),
        acknowledged_by=data.get("acknowledged_by"),
    )


def virtual_service_json(service: VirtualService | None) -> dict | None:
    if service is None:
        return None
    return {
        "channel_type": service.channel_type,
        "address_url": service.address_url,
        "additional_info": list(service.additional_info),
        "max_participants": service.max_participants,
        "session_key": service.session_key,
    }


def _virtual_service(data: dict | None) -> VirtualService | None:
    if not data:
        return None
    return VirtualService(
        channel_type=data["channel_type"],
        address_url=data.get("address_url"),
        additional_info=tuple(data.get("additional_info") or ()),
        max_participants=data.get("max_participants"),
        session_key=data.get("session_key"),
    )


def _outcome(kind: TeleconsultationKind, value: str | None):
    if value is None:
        return None
    return (
        FollowUpOutcome(value)
        if kind == TeleconsultationKind.FOLLOW_UP
        else TeleconsultationOutcome(value)
    )


def to_domain(row: CaseRow) -> Case:
    stay = None
    if row.stay is not None:
        stay = Stay(
            admitted_at=row.stay.admitted_at,
            unit=row.stay.unit,
            bed=row.stay.bed,
            movements=[
                UnitMovement(from_unit=m.from_unit, to_unit=m.to_unit, at=m.at, bed=m.bed)
                for m in row.stay.movements
            ],
            discharged_at=row.stay.discharged_at,
            disposition=Disposition(row.stay.disposition) if row.stay.disposition else None,
            discharge_summary=row.stay.discharge_summary,
        )
    transfer = None
    if row.transfer is not None:
        transfer = TransferPlan(
            expected_arrival_at=row.transfer.expected_arrival_at,
            transport=Transport(row.transfer.transport),
            escorts=row.transfer.escorts,
            interpreter_language=row.transfer.interpreter_language,
            arrived_at=row.transfer.arrived_at,
        )
    return Case(
        id=row.id,
        reference=row.reference,
        referring_organization_id=row.referring_organization_id,
        priority=Priority(row.priority),
        coverage=Coverage(
            route=CoverageRoute(row.coverage_route) if row.coverage_route else None,
            payer_organization_id=row.payer_organization_id,
            member_number=row.member_number,
            agreement_id=row.agreement_id,
            authorisation=_authorisation(row),
            insurance_country=row.insurance_country,
            cross_border_worker=bool(row.cross_border_worker),
            agreement_inferred=bool(row.agreement_inferred),
        ),
        patient_id=row.patient_id,
        receiving_organization_id=row.receiving_organization_id,
        specialty=row.specialty,
        reason=row.reason,
        clinical_summary=row.clinical_summary,
        status=CaseStatus(row.status),
        version=row.version,
        held_from=CaseStatus(row.held_from) if row.held_from else None,
        held_by_suspension_id=row.held_by_suspension_id,
        teleconsultations=[
            Teleconsultation(
                id=t.id,
                scheduled_at=t.scheduled_at,
                mode=TeleconsultationMode(t.mode),
                consultant=t.consultant,
                status=TeleconsultationStatus(t.status),
                outcome=_outcome(TeleconsultationKind(t.kind), t.outcome),
                notes=t.notes,
                kind=TeleconsultationKind(t.kind),
                virtual_service=_virtual_service(t.virtual_service),
                time_zone=t.time_zone,
            )
            for t in row.teleconsultations
        ],
        origin=CaseOrigin(row.origin or CaseOrigin.REFERRAL),
        care_setting=CareSetting(row.care_setting or CareSetting.INPATIENT),
        assignee=row.assignee,
        presented_at=row.presented_at,
        information_requests=[_information_request(r) for r in row.information_requests or []],
        attendances=[_attendance(a) for a in row.attendances or []],
        discharge_letter=_discharge_letter(row.discharge_letter),
        transfer=transfer,
        stay=stay,
        funding=_funding_from_json(row.funding),
        prior_authorisation=prior_authorisation_from_json(row.prior_authorisation),
        cancel_reason_code=CancelReason(row.cancel_reason_code) if row.cancel_reason_code else None,
        cancel_reason=row.cancel_reason,
        milestones={
            milestone: getattr(row, milestone.column)
            for milestone in Milestone
            if getattr(row, milestone.column) is not None
        },
    )


def write_back(case: Case, row: CaseRow, now: datetime) -> None:
    """Copy the aggregate's state onto its row (and child rows)."""
    row.status = case.status.value
    row.version = case.version
    row.held_from = case.held_from.value if case.held_from else None
    row.held_by_suspension_id = case.held_by_suspension_id
    row.priority = case.priority.value
    row.patient_id = case.patient_id
    row.receiving_organization_id = case.receiving_organization_id
    row.specialty = case.specialty
    row.reason = case.reason
    row.clinical_summary = case.clinical_summary
    row.coverage_route = case.coverage.route.value if case.coverage.route else None
    row.payer_organization_id = case.coverage.payer_organization_id
    row.member_number = case.coverage.member_number
    row.agreement_id = case.coverage.agreement_id
    row.insurance_country = case.coverage.insurance_country
    row.cross_border_worker = case.coverage.cross_border_worker
    row.agreement_inferred = case.coverage.agreement_inferred
    authorisation = case.coverage.authorisation
    row.authorisation_reference = authorisation.reference if authorisation else None
    row.authorisation_valid_from = authorisation.valid_from if authorisation else None
    row.authorisation_valid_until = authorisation.valid_until if authorisation else None
    row.funding = _funding_json(case.funding)
    row.prior_authorisation = prior_authorisation_json(case.prior_authorisation)
    row.cancel_reason_code = case.cancel_reason_code.value if case.cancel_reason_code else None
    row.cancel_reason = case.cancel_reason
    row.origin = case.origin.value
    row.care_setting = case.care_setting.value
    row.assignee = case.assignee
    row.presented_at = case.presented_at
    row.information_requests = [information_request_json(r) for r in case.information_requests]
    row.attendances = [attendance_json(a) for a in case.attendances]
    row.discharge_letter = discharge_letter_json(case.discharge_letter)
    for milestone in Milestone:
        setattr(row, milestone.column, case.milestones.get(milestone))
    row.updated_at = now

    existing = {t.id: t for t in row.teleconsultations}
    for teleconsultation in case.teleconsultations:
        target = existing.get(teleconsultation.id)
        if target is None:
            target = TeleconsultationRow(id=teleconsultation.id, case_id=case.id, created_at=now)
            row.teleconsultations.append(target)
        target.scheduled_at = teleconsultation.scheduled_at
        target.mode = teleconsultation.mode.value
        target.consultant = teleconsultation.consultant
        target.status = teleconsultation.status.value
        target.outcome = teleconsultation.outcome.value if teleconsultation.outcome else None
        target.notes = teleconsultation.notes
        target.kind = teleconsultation.kind.value
        target.virtual_service = virtual_service_json(teleconsultation.virtual_service)
        target.time_zone = teleconsultation.time_zone

    if case.transfer is not None:
        if row.transfer is None:
            row.transfer = TransferRow(case_id=case.id)
        row.transfer.expected_arrival_at = case.transfer.expected_arrival_at
        row.transfer.transport = case.transfer.transport.value
        row.transfer.escorts = case.transfer.escorts
        row.transfer.interpreter_language = case.transfer.interpreter_language
        row.transfer.arrived_at = case.transfer.arrived_at

    if case.stay is not None:
        if row.stay is None:
            row.stay = StayRow(case_id=case.id, movements=[])
        stay = row.stay
        stay.admitted_at = case.stay.admitted_at
        stay.unit = case.stay.unit
        stay.bed = case.stay.bed
        stay.discharged_at = case.stay.discharged_at
        stay.disposition = case.stay.disposition.value if case.stay.disposition else None
        stay.discharge_summary = case.stay.discharge_summary
        # Movements are append-only: add the ones the row does not have yet.
        for movement in case.stay.movements[len(stay.movements) :]:
            stay.movements.append(
                UnitMovementRow(
                    case_id=case.id,
                    from_unit=movement.from_unit,
                    to_unit=movement.to_unit,
                    at=movement.at,
                    bed=movement.bed,
                )
            )


def new_row(case: Case, now: datetime) -> CaseRow:
    row = CaseRow(
        id=case.id,
        reference=case.reference,
        referring_organization_id=case.referring_organization_id,
        created_at=now,
        teleconsultations=[],
        transfer=None,
        stay=None,
    )
    write_back(case, row, now)
    return row


def event_rows(case: Case, events: list[CaseEvent]) -> list[CaseEventRow]:
    audience = [
        org
        for org in (
            case.referring_organization_id,
            case.receiving_organization_id,
            case.payer_organization_id,
        )
        if org is not None
    ]
    return [
        CaseEventRow(
            type=event.type,
            case_id=case.id,
            case_version=event.case_version,
            from_status=event.from_status.value if event.from_status else None,
            to_status=event.to_status.value,
            actor_sub=event.actor.sub,
            actor_organization_id=event.actor.organization_id,
            actor_role=event.actor_role.value if event.actor_role else None,
            reason=event.reason,
            data=event.data,
            visible_to=list(dict.fromkeys(audience)),
            occurred_at=event.occurred_at,
        )
        for event in events
    ]


# -- the whole case in one statement ---------------------------------------------------


@dataclass(frozen=True)
class _Child:
    """A child table read with the case: `attribute` of the case (or of its `parent`)."""

    attribute: str
    table: str
    many: bool
    order_by: tuple[str, ...]
    parent: str | None = None


def _child(relationship, parent: str | None) -> _Child:
    table = relationship.mapper.local_table
    if "case_id" not in table.c:
        raise TypeError(f"{table.name} is not keyed by case_id: read it with the ORM")
    order_by = tuple(column.name for column in relationship.order_by or ())
    return _Child(relationship.key, table.name, bool(relationship.uselist), order_by, parent)


def _case_children() -> list[_Child]:
    """Every relationship of CaseRow and of its children, from the mappers: a table added
    to the case is read here without a change."""
    children = []
    for relationship in sa_inspect(CaseRow).relationships:
        children.append(_child(relationship, None))
        children.extend(
            _child(nested, relationship.key) for nested in relationship.mapper.relationships
        )
    children.append(_Child("logistics_tasks", "logistics_tasks", True, ("created_at", "id")))
    return children


def _whole_case_statement(children: list[_Child], *, for_update: bool = False) -> str:
    columns = []
    for index, child in enumerate(children):
        alias = f"t{index}"
        where = f"FROM {child.table} AS {alias} WHERE {alias}.case_id = c.id"
        if child.many:
            order = ", ".join(f"{alias}.{name}" for name in child.order_by)
            columns.append(
                f"ARRAY(SELECT {alias} {where}{' ORDER BY ' + order if order else ''})"
                f" AS child_{index}"
            )
        else:
            columns.append(f"(SELECT {alias} {where}) AS child_{index}")
    if for_update:
        # An action also needs the receiving facility's time zone (its local dates).
        columns.append(
            "(SELECT o.time_zone FROM organizations AS o"
            " WHERE o.id = c.receiving_organization_id) AS receiving_time_zone"
        )
    # $1 the case, $2 the caller's organisation (run on the driver's connection).
    return (
        f"SELECT c.*, {', '.join(columns)} FROM cases AS c"  # noqa: S608 (names from the mappers)
        " WHERE c.id = $1 AND $2 IN"
        " (c.referring_organization_id, c.receiving_organization_id, c.payer_organization_id)"
        + (" FOR UPDATE OF c" if for_update else "")
    )


WHOLE_CASE_CHILDREN = _case_children()
WHOLE_CASE = _whole_case_statement(WHOLE_CASE_CHILDREN)
WHOLE_CASE_FOR_UPDATE = _whole_case_statement(WHOLE_CASE_CHILDREN, for_update=True)


def _plain_row(record) -> SimpleNamespace | None:
    return None if record is None else SimpleNamespace(**dict(record.items()))


async def get_whole_visible(
    session: AsyncSession, case_id: uuid.UUID, organization_id: uuid.UUID | None
) -> tuple[SimpleNamespace, list[SimpleNamespace]] | None:
    """A read-only case with every child table and its logistics tasks, in ONE statement
    (each child an array of rows from a correlated subquery) instead of one selectin load
    per table: plain objects shaped like CaseRow for the presenters and `to_domain`."""
    if organization_id is None:
        return None
    # The hottest read: prepared once per connection by the driver, no result layer.
    found = await (await driver_connection(session)).fetchrow(WHOLE_CASE, case_id, organization_id)
    if found is None:
        return None
    return _whole_from_record(dict(found.items()))


def _whole_from_record(values: dict) -> tuple[SimpleNamespace, list[SimpleNamespace]]:
    children = {
        child: values.pop(f"child_{index}") for index, child in enumerate(WHOLE_CASE_CHILDREN)
    }
    case = SimpleNamespace(**values)
    tasks: list[SimpleNamespace] = []
    for child, value in children.items():
        if child.parent is not None:
            continue
        rows = [_plain_row(r) for r in value or ()] if child.many else _plain_row(value)
        if child.attribute == "logistics_tasks":
            tasks = rows
        else:
            setattr(case, child.attribute, rows)
    for child, value in children.items():
        holder = getattr(case, child.parent) if child.parent else None
        if holder is not None:
            setattr(holder, child.attribute, [_plain_row(record) for record in value or ()])
    return case, tasks


# -- a case locked for an action, and its changes written back --------------------------


@dataclass
class LockedCase:
    """A case read whole under its row lock for an action: plain rows shaped like CaseRow,
    its logistics tasks, the receiving facility's time zone, and the columns as read
    (what `write_changes` compares the aggregate's state with)."""

    row: SimpleNamespace
    tasks: list[SimpleNamespace]
    receiving_time_zone: str | None
    as_read: dict[str, dict[tuple, dict]]


def _table(name: str):
    return CaseRow.metadata.tables[name]


def _stored_children(row) -> list[tuple[_Child, list]]:
    """Each child table of the case with its objects (plain rows or new ORM rows)."""
    found = []
    for child in WHOLE_CASE_CHILDREN:
        if child.attribute == "logistics_tasks":
            continue
        holder = getattr(row, child.parent) if child.parent else row
        value = getattr(holder, child.attribute, None) if holder is not None else None
        found.append((child, list(value or ()) if child.many else ([value] if value else [])))
    return found


def _key(table, item) -> tuple:
    return tuple(getattr(item, column.name) for column in table.primary_key.columns)


def _columns_of(table, item) -> dict:
    """The stored columns of an object: a plain row has them all; a new ORM row only the
    ones it was given (the others take their defaults)."""
    given = vars(item)
    return {name: given[name] for name in _stored_columns(table) if name in given}


_STORED_COLUMNS: dict[str, tuple[str, ...]] = {}


def _stored_columns(table) -> tuple[str, ...]:
    """The columns written by the application (generated ones are the database's)."""
    names = _STORED_COLUMNS.get(table.name)
    if names is None:
        names = tuple(c.name for c in table.columns if c.computed is None)
        _STORED_COLUMNS[table.name] = names
    return names


def _as_read(row) -> dict[str, dict[tuple, dict]]:
    cases = _table("cases")
    read = {"cases": {(row.id,): _columns_of(cases, row)}}
    for child, items in _stored_children(row):
        table = _table(child.table)
        read[child.table] = {_key(table, item): _columns_of(table, item) for item in items}
    return read


def _locked_from_record(values: dict) -> LockedCase:
    time_zone = values.pop("receiving_time_zone")
    row, tasks = _whole_from_record(values)
    return LockedCase(row, tasks, time_zone, _as_read(row))


async def write_changes(session: AsyncSession, locked: LockedCase, case: Case, now) -> None:
    """The aggregate's state onto the plain rows (`write_back`, the one mapping), then
    only what changed as Core statements: the case's changed columns, new or changed
    child rows (a stay before its movements), and the new events. No ORM unit of work:
    an action is a handful of statements, not a flush of an object graph."""
    row = locked.row
    write_back(case, row, now)
    for name, items in [("cases", [row])] + [
        (child.table, items) for child, items in _stored_children(row)
    ]:
        table = _table(name)
        read = locked.as_read[name]
        new_rows = []
        for item in items:
            values = _columns_of(table, item)
            before = read.get(_key(table, item))
            if before is None:
                new_rows.append(values)
                continue
            changed = {k: v for k, v in values.items() if k not in before or before[k] != v}
            if changed:
                where = [column == before[column.name] for column in table.primary_key.columns]
                await session.execute(update(table).where(*where).values(changed))
        if new_rows:
            await session.execute(insert(table), new_rows)
    events = [
        {k: v for k, v in vars(event).items() if k in _EVENT_COLUMNS}
        for event in event_rows(case, case.collect_events())
    ]
    if events:
        await session.execute(insert(CaseEventRow.__table__), events)


_EVENT_COLUMNS = frozenset(column.name for column in CaseEventRow.__table__.columns)
