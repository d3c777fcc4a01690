"""Organisations: admins create them; every authenticated caller may read them."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.access.tokens import Principal
from app.models import OrganizationRow
from app.platform.errors import Forbidden, NotFound
from app.platform.paging import page_by_id
from app.platform.unit_of_work import UnitOfWork


def require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("Only a platform admin may do this.", code="admin_only")


async def create_organization(
    uow: UnitOfWork, principal: Principal, values: dict
) -> OrganizationRow:
    require_admin(principal)
    row = OrganizationRow(id=uuid.uuid4(), **values)
    uow.session.add(row)
    await uow.session.flush()
    await uow.session.refresh(row)
    return row


async def get_organization(uow: UnitOfWork, organization_id: uuid.UUID) -> OrganizationRow:
    row = await uow.session.get(OrganizationRow, organization_id)
    if row is None:
        raise NotFound("organization")
    return row


async def list_organizations(
    uow: UnitOfWork, limit: int, cursor: str | None, kind: str | None = None
) -> tuple[list[OrganizationRow], str | None]:
    query = select(OrganizationRow)
    if kind is not None:
        query = query.where(OrganizationRow.kind == kind)
    return await page_by_id(uow.session, query, OrganizationRow.id, "organizations", limit, cursor)
