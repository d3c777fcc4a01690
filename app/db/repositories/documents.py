"""Document and companion queries, and what a letter reads from the case
(`uow.repository(DocumentRepository)`)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import (
    ClaimPaymentRow,
    ClaimRow,
    CompanionRow,
    DocumentRow,
    EstimateRow,
    OrganizationRow,
    PatientRow,
)
from app.domain.documents import DocumentKind, DocumentStatus


class DocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *rows: object) -> None:
        """New rows (a document, a companion, their side event), written now."""
        self.session.add_all(rows)
        await self.session.flush()

    async def refresh(self, row: object) -> None:
        """Write what is pending and read the row back (server defaults filled in)."""
        await self.session.flush()
        await self.session.refresh(row)

    async def flush(self) -> None:
        await self.session.flush()

    async def remove(self, row: object) -> None:
        await self.session.delete(row)
        await self.session.flush()

    def active_of_kinds(self, case_id: uuid.UUID, kinds: list[DocumentKind]) -> Select:
        """The case's documents not withdrawn, of these kinds (paged by the caller)."""
        return select(DocumentRow).where(
            DocumentRow.case_id == case_id,
            DocumentRow.status == DocumentStatus.ACTIVE,
            DocumentRow.kind.in_(kinds),
        )

    async def get(
        self, case_id: uuid.UUID, document_id: uuid.UUID, *, for_update=False
    ) -> DocumentRow | None:
        query = select(DocumentRow).where(
            DocumentRow.case_id == case_id, DocumentRow.id == document_id
        )
        if for_update:
            query = query.with_for_update()
        return (await self.session.execute(query)).scalar_one_or_none()

    async def companions(self, case_id: uuid.UUID) -> list[CompanionRow]:
        query = (
            select(CompanionRow)
            .where(CompanionRow.case_id == case_id)
            .order_by(CompanionRow.created_at, CompanionRow.id)
        )
        return list((await self.session.execute(query)).scalars())

    async def companion(self, case_id: uuid.UUID, companion_id: uuid.UUID) -> CompanionRow | None:
        query = select(CompanionRow).where(
            CompanionRow.case_id == case_id, CompanionRow.id == companion_id
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def organization(self, organization_id) -> OrganizationRow | None:
        if organization_id is None:
            return None
        return await self.session.get(OrganizationRow, organization_id)

    async def patient(self, patient_id) -> PatientRow | None:
        if patient_id is None:
            return None
        return await self.session.get(PatientRow, patient_id)

    async def latest_estimate(self, case_id: uuid.UUID) -> EstimateRow | None:
        query = (
            select(EstimateRow)
            .where(EstimateRow.case_id == case_id)
            .order_by(EstimateRow.number.desc())
            .limit(1)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def latest_claim(self, case_id: uuid.UUID) -> ClaimRow | None:
        query = (
            select(ClaimRow)
            .where(ClaimRow.case_id == case_id)
            .order_by(ClaimRow.created_at.desc(), ClaimRow.id)
            .limit(1)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def paid_on_claim(self, claim_id: uuid.UUID) -> Decimal:
        """Everything paid on a claim so far, deposits applied to it included."""
        query = select(func.coalesce(func.sum(ClaimPaymentRow.amount), 0)).where(
            ClaimPaymentRow.claim_id == claim_id
        )
        return Decimal((await self.session.execute(query)).scalar_one())

    async def recorded_keys(self, storage: str, keys: list[str]) -> set[str]:
        """Which of these storage keys a document row (active or withdrawn) points at."""
        query = select(DocumentRow.storage_key).where(
            DocumentRow.storage == storage, DocumentRow.storage_key.in_(keys)
        )
        return set((await self.session.execute(query)).scalars())
