"""API clients: the platform admin registers integrators' credentials."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.access import service as client_service
from app.access.schemas import ApiClient, ApiClientCreate, ApiClientWithSecret
from app.platform.answers import read, write
from app.platform.dependencies import CursorDep, IdempotencyKeyDep, LimitDep, PrincipalDep, UowDep
from app.platform.problems import problem_responses
from app.platform.schemas import Page

router = APIRouter(prefix="/v1/api-clients", tags=["api-clients"])


def _body(row) -> dict:
    return ApiClient.model_validate(row, from_attributes=True).model_dump(mode="json")


@router.post(
    "",
    status_code=201,
    response_model=ApiClientWithSecret,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_api_client(
    body: ApiClientCreate,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency_key: IdempotencyKeyDep = None,
):
    """Register a client for an organisation, with the roles it acts in (admins only).
    The answer alone carries `client_secret`: store it now, it cannot be read again (a
    repeat with the same Idempotency-Key is 409 `secret_shown_once`)."""

    async def produce():
        registered = await client_service.register(
            uow,
            principal,
            name=body.name,
            organization_id=body.organization_id,
            roles=body.roles,
        )
        return (
            201,
            {**_body(registered.row), "client_secret": registered.secret},
            {"Location": f"/v1/api-clients/{registered.row.id}", "Cache-Control": "no-store"},
        )

    return await write(
        request, uow, principal, idempotency_key, produce, shown_once=("client_secret",)
    )


@router.get(
    "", response_model=Page[ApiClient], responses=problem_responses(401, 403, 422), name="list"
)
async def list_api_clients(
    principal: PrincipalDep,
    uow: UowDep,
    organization_id: Annotated[
        uuid.UUID | None, Query(description="Only this organisation's clients.")
    ] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Registered clients (admins only); secrets are never shown again."""

    async def produce():
        rows, next_cursor = await client_service.list_clients(
            uow, principal, organization_id, limit, cursor
        )
        return {"items": [_body(row) for row in rows], "next_cursor": next_cursor}

    return await read(uow, produce)


@router.get(
    "/{api_client_id}",
    response_model=ApiClient,
    responses=problem_responses(401, 403, 404, 422),
    name="get",
)
async def get_api_client(api_client_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One client (admins only)."""

    async def produce():
        return _body(await client_service.get(uow, principal, api_client_id))

    return await read(uow, produce)


@router.post(
    "/{api_client_id}/revoke",
    response_model=ApiClient,
    responses=problem_responses(400, 401, 403, 404, 422),
    name="revoke",
)
async def revoke_api_client(
    api_client_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency_key: IdempotencyKeyDep = None,
):
    """Stop issuing tokens to this client; the tokens it holds are refused within
    seconds (`CORRIDOR_CLIENT_REVOCATION_CHECK_SECONDS`, 15 by default)."""

    async def produce():
        row = await client_service.revoke(uow, principal, api_client_id)
        request.app.state.revoked_clients.revoked(row.client_id)
        return 200, _body(row), {}

    return await write(request, uow, principal, idempotency_key, produce)
