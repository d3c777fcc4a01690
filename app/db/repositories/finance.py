"""Money persistence: estimates, payments, claims, their payments and the billing export's
rows. Every query of the finance tables is here (`uow.repository(FinanceRepository)`);
the services say what they want, not how to ask for it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Date, Select, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.db.claim_tenancy import claim_sides, claim_visible_to
from app.db.models import (
    AgreementRow,
    CaseRow,
    ClaimPaymentRow,
    ClaimRow,
    EstimateRow,
    OrganizationRow,
    PatientIdentifierRow,
    PaymentRow,
    StayRow,
)
from app.domain.vocabulary import ClaimPaymentKind, ClaimStatus, OrganizationKind


class FinanceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *rows: object) -> None:
        """New rows (an estimate, a payment, a claim, their side event), written now so the
        same transaction reads them back."""
        self.session.add_all(rows)
        await self.session.flush()

    async def flush(self) -> None:
        await self.session.flush()

    async def case_row(self, case_id: uuid.UUID) -> CaseRow | None:
        """The case a claim bills (its events go on the case's timeline)."""
        return await self.session.get(CaseRow, case_id)

    # -- estimates -------------------------------------------------------------------------

    async def next_estimate_number(self, case_id: uuid.UUID) -> int:
        query = select(func.coalesce(func.max(EstimateRow.number), 0)).where(
            EstimateRow.case_id == case_id
        )
        return (await self.session.execute(query)).scalar_one() + 1

    async def latest_estimate(self, case_id: uuid.UUID) -> EstimateRow | None:
        query = (
            select(EstimateRow)
            .where(EstimateRow.case_id == case_id)
            .order_by(EstimateRow.number.desc())
            .limit(1)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def estimates_of(self, case_id: uuid.UUID) -> list[EstimateRow]:
        query = select(EstimateRow).where(EstimateRow.case_id == case_id)
        return list((await self.session.execute(query.order_by(EstimateRow.number))).scalars())

    async def estimate(self, estimate_id: uuid.UUID) -> EstimateRow | None:
        return await self.session.get(EstimateRow, estimate_id)

    # -- payments received -----------------------------------------------------------------

    async def payments_of(self, case_id: uuid.UUID, *, by_id: bool = False) -> list[PaymentRow]:
        """A case's payments in the order received (`by_id` breaks ties, for lists)."""
        order = [PaymentRow.received_at, PaymentRow.id] if by_id else [PaymentRow.received_at]
        query = select(PaymentRow).where(PaymentRow.case_id == case_id).order_by(*order)
        return list((await self.session.execute(query)).scalars())

    async def payment(self, payment_id: uuid.UUID) -> PaymentRow | None:
        return await self.session.get(PaymentRow, payment_id)

    # -- claims ----------------------------------------------------------------------------

    def visible_claims(self, organization_id: uuid.UUID | None) -> Select[tuple[ClaimRow]]:
        """The claims an organisation is creditor or debtor of (the list's query)."""
        return select(ClaimRow).where(claim_visible_to(organization_id))

    def claim_listing(
        self,
        organization_id: uuid.UUID | None,
        *,
        payer_organization_id: uuid.UUID | None,
        status: ClaimStatus | None,
        case_id: uuid.UUID | None,
    ) -> Select[tuple[ClaimRow]]:
        return self._claims_filtered(
            self.visible_claims(organization_id), payer_organization_id, status, case_id
        )

    def claim_listing_by_side(
        self,
        organization_id: uuid.UUID | None,
        *,
        payer_organization_id: uuid.UUID | None,
        status: ClaimStatus | None,
        case_id: uuid.UUID | None,
    ) -> list[Select[tuple[ClaimRow]]]:
        """The same list as one query per side (creditor, debtor), each served in order
        by its own index (migration 0016): their union is `claim_listing`."""
        return [
            self._claims_filtered(
                select(ClaimRow).where(side), payer_organization_id, status, case_id
            )
            for side in claim_sides(organization_id)
        ]

    @staticmethod
    def _claims_filtered(
        query: Select[tuple[ClaimRow]],
        payer_organization_id: uuid.UUID | None,
        status: ClaimStatus | None,
        case_id: uuid.UUID | None,
    ) -> Select[tuple[ClaimRow]]:
        if payer_organization_id is not None:
            query = query.where(ClaimRow.debtor_organization_id == payer_organization_id)
        if status is not None:
            query = query.where(ClaimRow.status == status)
        if case_id is not None:
            query = query.where(ClaimRow.case_id == case_id)
        return query

    async def visible_claim(
        self, organization_id: uuid.UUID | None, claim_id: uuid.UUID, *, for_update: bool = False
    ) -> ClaimRow | None:
        query = self.visible_claims(organization_id).where(ClaimRow.id == claim_id)
        if for_update:
            query = query.with_for_update()
        return (await self.session.execute(query)).scalar_one_or_none()

    async def claim(self, claim_id: uuid.UUID, *, for_update: bool = False) -> ClaimRow | None:
        return await self.session.get(ClaimRow, claim_id, with_for_update=for_update)

    async def claims_in_status(
        self, case_id: uuid.UUID, statuses: Iterable[ClaimStatus], *, for_update: bool = False
    ) -> list[ClaimRow]:
        """A case's claims in these statuses, oldest first (locked with `for_update`, in
        that order, so two writers never wait on each other crosswise)."""
        query = (
            select(ClaimRow)
            .where(ClaimRow.case_id == case_id, ClaimRow.status.in_(statuses))
            .order_by(ClaimRow.created_at, ClaimRow.id)
        )
        if for_update:
            query = query.with_for_update()
        return list((await self.session.execute(query)).scalars())

    async def advances_applied(
        self, case_id: uuid.UUID, currency: str, statuses: Iterable[ClaimStatus]
    ) -> Decimal:
        """The advances already deducted from a case's claims in these statuses."""
        query = (
            select(func.coalesce(func.sum(ClaimPaymentRow.amount), 0))
            .join(ClaimRow, ClaimRow.id == ClaimPaymentRow.claim_id)
            .where(
                ClaimRow.case_id == case_id,
                ClaimRow.currency == currency,
                ClaimRow.status.in_(statuses),
                ClaimPaymentRow.kind == ClaimPaymentKind.DEPOSIT_APPLIED,
            )
        )
        return Decimal((await self.session.execute(query)).scalar_one())

    # -- organisations a claim names -------------------------------------------------------

    async def organization(self, organization_id: uuid.UUID) -> OrganizationRow | None:
        return await self.session.get(OrganizationRow, organization_id)

    async def organizations_of_kind(
        self, kind: OrganizationKind, countries: Iterable[str]
    ) -> list[OrganizationRow]:
        query = select(OrganizationRow).where(
            OrganizationRow.kind == kind, OrganizationRow.country.in_(list(countries))
        )
        return list((await self.session.execute(query.order_by(OrganizationRow.id))).scalars())

    async def claim_number_taken(self, creditor_organization_id: uuid.UUID, number: str) -> bool:
        query = select(ClaimRow.id).where(
            ClaimRow.creditor_organization_id == creditor_organization_id,
            ClaimRow.number == number,
        )
        return (await self.session.execute(query)).scalar_one_or_none() is not None

    async def billed(
        self, case_id: uuid.UUID, currency: str, statuses: Iterable[ClaimStatus]
    ) -> Decimal:
        """The total of a case's claims in these statuses and this currency."""
        query = select(func.coalesce(func.sum(ClaimRow.total_amount), 0)).where(
            ClaimRow.case_id == case_id,
            ClaimRow.currency == currency,
            ClaimRow.status.in_(statuses),
        )
        return Decimal((await self.session.execute(query)).scalar_one())

    # -- a claim's payments ----------------------------------------------------------------

    async def paid_on(
        self, claim_id: uuid.UUID, *, except_kind: ClaimPaymentKind | None = None
    ) -> Decimal:
        query = select(func.coalesce(func.sum(ClaimPaymentRow.amount), 0)).where(
            ClaimPaymentRow.claim_id == claim_id
        )
        if except_kind is not None:
            query = query.where(ClaimPaymentRow.kind != except_kind)
        return Decimal((await self.session.execute(query)).scalar_one())

    async def claim_payments_of(self, claim_ids: list[uuid.UUID]) -> list[ClaimPaymentRow]:
        if not claim_ids:
            return []
        query = (
            select(ClaimPaymentRow)
            .where(ClaimPaymentRow.claim_id.in_(claim_ids))
            .order_by(ClaimPaymentRow.created_at, ClaimPaymentRow.id)
        )
        return list((await self.session.execute(query)).scalars())

    # -- the billing export ----------------------------------------------------------------

    async def export_rows(
        self,
        organization_id: uuid.UUID | None,
        *,
        insurance_systems: Iterable[str],
        payer_organization_id: uuid.UUID | None,
        submitted_from: date | None,
        submitted_until: date | None,
        batch_size: int,
    ) -> AsyncIterator[list]:
        """The export's rows in batches, read through a server-side cursor (the unit of
        work's transaction must stay open while they are read)."""
        query = _export_query(
            organization_id,
            insurance_systems=list(insurance_systems),
            payer_organization_id=payer_organization_id,
            submitted_from=submitted_from,
            submitted_until=submitted_until,
        )
        result = await self.session.stream(query.execution_options(yield_per=batch_size))
        async for partition in result.partitions():
            yield partition


def _export_query(
    organization_id: uuid.UUID | None,
    *,
    insurance_systems: list[str],
    payer_organization_id: uuid.UUID | None,
    submitted_from: date | None,
    submitted_until: date | None,
) -> Select:
    facility = aliased(OrganizationRow)
    # The patient's insurance identifiers, as one {system: value} object per case.
    identifiers = (
        select(func.jsonb_object_agg(PatientIdentifierRow.system, PatientIdentifierRow.value))
        .where(
            PatientIdentifierRow.patient_id == CaseRow.patient_id,
            PatientIdentifierRow.system.in_(insurance_systems),
        )
        .correlate(CaseRow)
        .scalar_subquery()
    )
    # The advances deducted from each claim (its `deposit_applied` payments).
    advances = (
        select(func.coalesce(func.sum(ClaimPaymentRow.amount), 0))
        .where(
            ClaimPaymentRow.claim_id == ClaimRow.id,
            ClaimPaymentRow.kind == ClaimPaymentKind.DEPOSIT_APPLIED,
        )
        .correlate(ClaimRow)
        .scalar_subquery()
    )
    query = (
        select(
            ClaimRow.id,
            ClaimRow.number,
            ClaimRow.kind,
            ClaimRow.status,
            ClaimRow.created_at,
            ClaimRow.replaces_claim_id,
            ClaimRow.case_id,
            CaseRow.reference,
            CaseRow.member_number,
            CaseRow.coverage_route,
            CaseRow.agreement_id,
            AgreementRow.name.label("agreement_name"),
            CaseRow.authorisation_reference,
            CaseRow.authorisation_valid_from,
            CaseRow.authorisation_valid_until,
            identifiers.label("identifiers"),
            facility.time_zone.label("facility_time_zone"),
            ClaimRow.debtor_kind,
            ClaimRow.lines,
            StayRow.admitted_at,
            StayRow.discharged_at,
            ClaimRow.total_amount,
            ClaimRow.paid_amount,
            advances.label("advances_amount"),
            ClaimRow.currency,
            ClaimRow.paid_at,
            ClaimRow.payment_reference,
            ClaimRow.creditor_organization_id,
            ClaimRow.debtor_organization_id,
            ClaimRow.care_from,
            ClaimRow.care_until,
            ClaimRow.introduction_deadline,
            ClaimRow.contest_deadline,
        )
        .join(CaseRow, CaseRow.id == ClaimRow.case_id)
        .join(facility, facility.id == ClaimRow.creditor_organization_id)
        .outerjoin(AgreementRow, AgreementRow.id == CaseRow.agreement_id)
        .outerjoin(StayRow, StayRow.case_id == ClaimRow.case_id)
        .where(claim_visible_to(organization_id))
    )
    if payer_organization_id is not None:
        query = query.where(ClaimRow.debtor_organization_id == payer_organization_id)
    # The period is in the facility's local dates, as the records' `submitted_on` is.
    submitted_on = cast(
        func.timezone(func.coalesce(facility.time_zone, "UTC"), ClaimRow.created_at), Date
    )
    # The UTC range a day wider on each side (no zone is a day away) lets the index on
    # created_at narrow the rows before the local day is computed.
    if submitted_from is not None:
        wider = datetime.combine(submitted_from - timedelta(days=1), time(), UTC)
        query = query.where(ClaimRow.created_at >= wider, submitted_on >= submitted_from)
    if submitted_until is not None:
        wider = datetime.combine(submitted_until + timedelta(days=2), time(), UTC)
        query = query.where(ClaimRow.created_at < wider, submitted_on <= submitted_until)
    return query.order_by(ClaimRow.created_at, ClaimRow.id)
