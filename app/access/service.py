"""API clients: integrators' credentials for the client-credentials grant.

An organisation's `org_admin` registers clients for its own organisation (the
platform admin for any), with the roles they act in; the secret is shown once.
POST /oauth/token exchanges the credentials for a short-lived token.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.access import credentials
from app.access.authorization import authorize, may
from app.db.keyset import SortKey, keyset_page
from app.db.models import ApiClientRow
from app.db.repositories.access import ApiClientRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.policies import API_CLIENT_ROLES, Operation
from app.domain.principal import Principal
from app.domain.vocabulary import Role
from app.platform.clock import now_utc
from app.platform.errors import InvalidRequest, NotFound


def _managed_organization(principal: Principal) -> uuid.UUID | None:
    """Whose clients the caller manages: None for the platform admin (every
    organisation's), else its own organisation's as its org_admin."""
    if may(principal, Operation.ADMINISTER_REGISTRY):
        return None
    authorize(principal, Operation.MANAGE_API_CLIENTS)
    return principal.organization_id


@dataclass(frozen=True)
class Registered:
    row: ApiClientRow
    secret: str


async def register(
    uow: UnitOfWork,
    principal: Principal,
    *,
    name: str,
    organization_id: uuid.UUID,
    roles: list[Role],
) -> Registered:
    managed = _managed_organization(principal)
    if managed is not None and organization_id != managed:
        raise InvalidRequest(
            "You register API clients for your own organisation.",
            code="foreign_organization",
            field="organization_id",
        )
    if not roles or not set(roles) <= API_CLIENT_ROLES:
        raise InvalidRequest(
            "An API client acts in one or more organisation roles (not admin).",
            code="invalid_client_roles",
        )
    clients = uow.repository(ApiClientRepository)
    if not await clients.organization_exists(organization_id):
        raise InvalidRequest(
            "The organisation does not exist.", code="unknown_organization", field="organization_id"
        )
    secret = credentials.new_secret()
    row = ApiClientRow(
        id=uuid.uuid4(),
        client_id=credentials.new_client_id(),
        name=name,
        organization_id=organization_id,
        roles=sorted(str(role) for role in set(roles)),
        secret_hash=credentials.hash_secret(secret),
        created_by=principal.sub,
    )
    await clients.add(row)
    return Registered(row, secret)


async def get(uow: UnitOfWork, principal: Principal, api_client_id: uuid.UUID) -> ApiClientRow:
    managed = _managed_organization(principal)
    row = await uow.repository(ApiClientRepository).get(api_client_id)
    if row is None or (managed is not None and row.organization_id != managed):
        raise NotFound("API client")
    return row


async def list_clients(
    uow: UnitOfWork,
    principal: Principal,
    organization_id: uuid.UUID | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[ApiClientRow], str | None]:
    managed = _managed_organization(principal)
    query = uow.repository(ApiClientRepository).listing(managed, organization_id)
    return await keyset_page(
        uow, query, kind="api-clients", order=[SortKey(ApiClientRow.id)], limit=limit, cursor=cursor
    )


async def revoke(uow: UnitOfWork, principal: Principal, api_client_id: uuid.UUID) -> ApiClientRow:
    """No new token for this client; the tokens it holds are refused within
    `client_revocation_check_seconds` (app.access.revocation)."""
    row = await get(uow, principal, api_client_id)
    if row.revoked_at is None:
        row.revoked_at = now_utc()
        await uow.repository(ApiClientRepository).flush()
    return row


async def authenticate(uow: UnitOfWork, client_id: str, secret: str) -> ApiClientRow | None:
    """The active client these credentials belong to (system context), else None."""
    row = await uow.repository(ApiClientRepository).by_client_id(client_id)
    if row is None:
        # Same work either way, so timing does not tell which client ids exist.
        credentials.secret_matches(secret, "0" * 64)
        return None
    if not credentials.secret_matches(secret, row.secret_hash) or row.revoked_at is not None:
        return None
    return row
