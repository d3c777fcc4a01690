"""Organisations: admins register referring and receiving facilities, payers, liaison
and coordination bodies; every authenticated caller may read them."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from app.domain.vocabulary import OrganizationKind
from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    LimitDep,
    PrincipalDep,
    UowDep,
)
from app.platform.problems import problem_responses
from app.platform.schemas import Page
from app.registry import presenters
from app.registry import service as organization_service
from app.registry.schemas import (
    Organization,
    OrganizationCreate,
)

router = APIRouter(route_class=AnsweredRoute, prefix="/v1/organizations", tags=["organizations"])


@router.post(
    "",
    status_code=201,
    response_model=Organization,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_organization(
    body: OrganizationCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Register an organisation (platform admins only)."""

    row = await organization_service.create_organization(
        uow, principal, body.model_dump(mode="json")
    )
    created(response, uow, "organization", row.id, f"/v1/organizations/{row.id}")
    return presenters.organization(row)


@router.get(
    "", response_model=Page[Organization], responses=problem_responses(401, 422), name="list"
)
async def list_organizations(
    principal: PrincipalDep,
    uow: UowDep,
    kind: OrganizationKind | None = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Every organisation, by id (keyset-paginated)."""

    rows, next_cursor = await organization_service.list_organizations(uow, limit, cursor, kind)
    return {"items": [presenters.organization(r) for r in rows], "next_cursor": next_cursor}


@router.get(
    "/{organization_id}",
    response_model=Organization,
    responses=problem_responses(401, 404, 422),
    name="get",
)
async def get_organization(organization_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One organisation."""

    return presenters.organization(
        await organization_service.get_organization(uow, organization_id)
    )
