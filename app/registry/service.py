"""Organisations: admins create them; every authenticated caller may read them."""

from __future__ import annotations

import uuid

from app.access.authorization import authorize
from app.db.keyset import SortKey, keyset_page
from app.db.models import OrganizationRow
from app.db.repositories.registry import RegistryRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.directory import free_slug, slug_of
from app.domain.local_time import check_time_zone, default_time_zone
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.vocabulary import OrganizationKind
from app.platform.errors import InvalidRequest, NotFound


def require_admin(principal: Principal) -> None:
    authorize(principal, Operation.ADMINISTER_REGISTRY)


async def create_organization(
    uow: UnitOfWork, principal: Principal, values: dict
) -> OrganizationRow:
    require_admin(principal)
    values = dict(values)
    zone = values.get("time_zone") or default_time_zone(values["country"])
    if zone is None and values.get("kind") == OrganizationKind.RECEIVING_FACILITY:
        raise InvalidRequest(
            "A receiving facility states its IANA time zone (its country has several).",
            code="time_zone_required",
            field="time_zone",
        )
    values["time_zone"] = check_time_zone(zone) if zone else None
    registry = uow.repository(RegistryRepository)
    # The directory's public name for it (app.domain.directory): never its id.
    taken = await registry.taken_organization_slugs(slug_of(values["name"]))
    row = OrganizationRow(id=uuid.uuid4(), slug=free_slug(values["name"], taken), **values)
    await registry.add(row)
    return row


async def get_organization(uow: UnitOfWork, organization_id: uuid.UUID) -> OrganizationRow:
    row = await uow.repository(RegistryRepository).organization(organization_id)
    if row is None:
        raise NotFound("organization")
    return row


async def list_organizations(
    uow: UnitOfWork, limit: int, cursor: str | None, kind: OrganizationKind | None = None
) -> tuple[list[OrganizationRow], str | None]:
    query = uow.repository(RegistryRepository).organizations(kind)
    return await keyset_page(
        uow,
        query,
        kind="organizations",
        order=[SortKey(OrganizationRow.id)],
        limit=limit,
        cursor=cursor,
    )
