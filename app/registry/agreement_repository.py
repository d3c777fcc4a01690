"""Every query of the agreements and their suspensions (`uow.repository(AgreementRepository)`)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import AgreementRow, AgreementSuspensionRow, OrganizationRow


class AgreementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(
        self, agreement_id: uuid.UUID, *, for_update: bool = False
    ) -> AgreementRow | None:
        query = select(AgreementRow).where(AgreementRow.id == agreement_id)
        if for_update:
            # Serialises suspending and resuming one corridor.
            query = query.with_for_update(of=AgreementRow)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def organizations_of_kinds(
        self, organization_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, str]:
        """Which of these organisations exist, with their kind."""
        ids = list(set(organization_ids))
        if not ids:
            return {}
        rows = await self.session.execute(
            select(OrganizationRow.id, OrganizationRow.kind).where(OrganizationRow.id.in_(ids))
        )
        return {row.id: row.kind for row in rows}

    async def add(self, row: AgreementRow) -> AgreementRow:
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return row

    def listing(self, organization_id: uuid.UUID | None) -> Select[tuple[AgreementRow]]:
        query = select(AgreementRow)
        if organization_id is not None:
            query = query.where(
                or_(
                    AgreementRow.receiving_organization_ids.contains([organization_id]),
                    AgreementRow.payer_organization_ids.contains([organization_id]),
                    AgreementRow.coordinating_organization_ids.contains([organization_id]),
                )
            )
        return query

    async def in_force(
        self, on: date, receiving_organization_id: uuid.UUID | None
    ) -> list[AgreementRow]:
        """Agreements valid on the day (for this receiver, when given), oldest first."""
        query = select(AgreementRow).where(
            AgreementRow.valid_from <= on,
            or_(AgreementRow.valid_until.is_(None), AgreementRow.valid_until >= on),
        )
        if receiving_organization_id is not None:
            query = query.where(
                AgreementRow.receiving_organization_ids.contains([receiving_organization_id])
            )
        rows = await self.session.execute(query.order_by(AgreementRow.created_at, AgreementRow.id))
        return list(rows.scalars())

    async def coordinated_by(self, organization_id: uuid.UUID) -> list[uuid.UUID]:
        """The agreements a coordination body coordinates."""
        rows = await self.session.execute(
            select(AgreementRow.id).where(
                AgreementRow.coordinating_organization_ids.contains([organization_id])
            )
        )
        return list(rows.scalars())

    async def add_suspension(self, row: AgreementSuspensionRow) -> AgreementSuspensionRow:
        self.session.add(row)
        await self.session.flush()
        return row

    async def suspension_in_force(self, agreement_id: uuid.UUID) -> AgreementSuspensionRow | None:
        query = select(AgreementSuspensionRow).where(
            AgreementSuspensionRow.agreement_id == agreement_id,
            AgreementSuspensionRow.resumed_at.is_(None),
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def refresh(self, row: AgreementRow) -> None:
        await self.session.flush()
        await self.session.refresh(row, ["suspension_in_force"])
