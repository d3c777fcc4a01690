"""Test data made on the test's own savepoint session, not through the API (Netflix
dispatch's habit): the registry's use cases run in a unit of work as a platform admin,
so every rule of creation (schema defaults, time zones, kinds of the parties) still
applies, without an HTTP round trip, an audit row or an idempotency record per object.

The API tests' world of organisations and agreements is built here; what a test is
about goes through the API."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import Role
from app.registry import agreement_service
from app.registry import service as organization_service
from app.registry.schemas import AgreementCreate, OrganizationCreate

PLATFORM_ADMIN = Principal(sub="factory-admin", organization_id=None, roles=frozenset({Role.ADMIN}))


class Factories:
    """Organisations and agreements on the test's session; each call commits its savepoint
    (the test's outer transaction still rolls everything back)."""

    def __init__(self, sessionmaker: async_sessionmaker) -> None:
        self._sessionmaker = sessionmaker

    async def organization(self, name: str, kind: str, country: str, **fields: Any) -> uuid.UUID:
        values = OrganizationCreate(name=name, kind=kind, country=country, **fields)
        async with UnitOfWork(self._sessionmaker, PLATFORM_ADMIN) as uow:
            row = await organization_service.create_organization(
                uow, PLATFORM_ADMIN, values.model_dump(mode="json")
            )
            await uow.commit()
        return row.id

    async def agreement(self, **fields: Any) -> uuid.UUID:
        body = AgreementCreate(**fields)
        values = body.model_dump()
        values["zone"] = [entry.model_dump(mode="json") for entry in body.zone]
        async with UnitOfWork(self._sessionmaker, PLATFORM_ADMIN) as uow:
            row = await agreement_service.create_agreement(uow, PLATFORM_ADMIN, values)
            await uow.commit()
        return row.id
