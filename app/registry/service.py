"""Organisations: admins create them; every authenticated caller may read them."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.access.authorization import authorize
from app.access.tokens import Principal
from app.domain.policies import Operation
from app.models import OrganizationRow
from app.platform.errors import NotFound
from app.platform.paging import SortKey, keyset_page
from app.platform.unit_of_work import UnitOfWork


def require_admin(principal: Principal) -> None:
    authorize(principal, Operation.ADMINISTER_REGISTRY)


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
    return await keyset_page(
        uow,
        query,
        kind="organizations",
        order=[SortKey(OrganizationRow.id)],
        limit=limit,
        cursor=cursor,
    )
