"""The directory's rows: services, and the organisations that publish them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import DirectoryServiceRow, OrganizationRow


class DirectoryServices:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, row: DirectoryServiceRow) -> DirectoryServiceRow:
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return row

    async def get(
        self, organization_id: uuid.UUID, service_id: uuid.UUID
    ) -> DirectoryServiceRow | None:
        row = await self.session.get(DirectoryServiceRow, service_id)
        return row if row is not None and row.organization_id == organization_id else None

    async def delete(self, row: DirectoryServiceRow) -> None:
        await self.session.delete(row)
        await self.session.flush()

    async def of_organizations(
        self, organization_ids: Iterable[uuid.UUID]
    ) -> list[DirectoryServiceRow]:
        ids = list(organization_ids)
        if not ids:
            return []
        query = (
            select(DirectoryServiceRow)
            .where(DirectoryServiceRow.organization_id.in_(ids))
            .order_by(DirectoryServiceRow.specialty, DirectoryServiceRow.id)
        )
        return list((await self.session.execute(query)).scalars())

    async def organizations(self, organization_ids: Iterable[uuid.UUID]) -> list[OrganizationRow]:
        ids = list(organization_ids)
        if not ids:
            return []
        query = (
            select(OrganizationRow)
            .where(OrganizationRow.id.in_(ids))
            .order_by(OrganizationRow.name, OrganizationRow.id)
        )
        return list((await self.session.execute(query)).scalars())
