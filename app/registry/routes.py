import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.domain.agreements import deposit_ratio_for
from app.domain.vocabulary import OrganizationKind
from app.platform.answers import read, write
from app.platform.clock import now_utc
from app.platform.dependencies import (
    CursorDep,
    IdempotencyKeyDep,
    LimitDep,
    PrincipalDep,
    SettingsDep,
    UowDep,
)
from app.platform.problems import problem_responses
from app.platform.schemas import CountryCode, Page, QueryDate, Specialty
from app.registry import agreement_service, presenters
from app.registry import service as organization_service
from app.registry.schemas import (
    Agreement,
    AgreementCreate,
    Eligibility,
    Organization,
    OrganizationCreate,
)

organizations = APIRouter(prefix="/v1/organizations", tags=["organizations"])
agreements = APIRouter(prefix="/v1/agreements", tags=["agreements"])
eligibility = APIRouter(prefix="/v1/eligibility", tags=["eligibility"])


@organizations.post(
    "",
    status_code=201,
    response_model=Organization,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_organization(
    body: OrganizationCreate,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency_key: IdempotencyKeyDep = None,
):
    """Register an organisation (platform admins only)."""

    async def produce():
        row = await organization_service.create_organization(
            uow, principal, body.model_dump(mode="json")
        )
        return (
            201,
            presenters.organization(row).model_dump(mode="json"),
            {"Location": f"/v1/organizations/{row.id}"},
        )

    return await write(request, uow, principal, idempotency_key, produce)


@organizations.get(
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

    async def produce():
        rows, next_cursor = await organization_service.list_organizations(
            uow, limit, cursor, kind.value if kind else None
        )
        return {"items": [presenters.organization(r) for r in rows], "next_cursor": next_cursor}

    return await read(uow, produce)


@organizations.get(
    "/{organization_id}",
    response_model=Organization,
    responses=problem_responses(401, 404, 422),
    name="get",
)
async def get_organization(organization_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One organisation."""

    async def produce():
        return presenters.organization(
            await organization_service.get_organization(uow, organization_id)
        )

    return await read(uow, produce)


@agreements.post(
    "",
    status_code=201,
    response_model=Agreement,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_agreement(
    body: AgreementCreate,
    request: Request,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency_key: IdempotencyKeyDep = None,
):
    """Register a care corridor agreement (platform admins only)."""

    async def produce():
        values = body.model_dump()
        values["zone"] = [entry.model_dump(mode="json") for entry in body.zone]
        row = await agreement_service.create_agreement(uow, principal, values)
        return (
            201,
            presenters.agreement(row).model_dump(mode="json"),
            {"Location": f"/v1/agreements/{row.id}"},
        )

    return await write(request, uow, principal, idempotency_key, produce)


@agreements.get(
    "", response_model=Page[Agreement], responses=problem_responses(401, 422), name="list"
)
async def list_agreements(
    principal: PrincipalDep,
    uow: UowDep,
    organization_id: Annotated[
        uuid.UUID | None, Query(description="Only agreements binding this organisation.")
    ] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Every agreement (keyset-paginated)."""

    async def produce():
        rows, next_cursor = await agreement_service.list_agreements(
            uow, limit, cursor, organization_id
        )
        return {"items": [presenters.agreement(r) for r in rows], "next_cursor": next_cursor}

    return await read(uow, produce)


@agreements.get(
    "/{agreement_id}",
    response_model=Agreement,
    responses=problem_responses(401, 404, 422),
    name="get",
)
async def get_agreement(agreement_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One agreement."""

    async def produce():
        return presenters.agreement(await agreement_service.get_agreement(uow, agreement_id))

    return await read(uow, produce)


@eligibility.get(
    "", response_model=Eligibility, responses=problem_responses(401, 422), name="check"
)
async def check_eligibility(
    principal: PrincipalDep,
    uow: UowDep,
    settings: SettingsDep,
    residence_country: CountryCode,
    postal_code: Annotated[str | None, Query(max_length=12)] = None,
    receiving_organization_id: uuid.UUID | None = None,
    specialty: Specialty | None = None,
    on: Annotated[QueryDate | None, Query(description="The day of care; today by default.")] = None,
):
    """Which agreements apply to a patient's residence, a receiver and a specialty,
    and whether prior authorisation or advance payment is needed."""

    async def produce():
        found = await agreement_service.applicable_rows(
            uow,
            residence_country=residence_country,
            postal_code=postal_code,
            receiving_organization_id=receiving_organization_id,
            specialty=specialty,
            on=on or now_utc().date(),
        )
        items = [
            {
                "agreement": presenters.agreement(row),
                "prior_authorisation_required": agreement.prior_authorisation_required,
                "advance_payment_required": agreement.advance_payment_required,
                "deposit_ratio": str(
                    deposit_ratio_for(agreement, settings.default_deposit_ratio).normalize()
                ),
            }
            for row, agreement in found
        ]
        return {
            "eligible": bool(found),
            "prior_authorisation_required": any(a.prior_authorisation_required for _, a in found),
            "advance_payment_required": any(a.advance_payment_required for _, a in found),
            "agreements": items,
        }

    return await read(uow, produce)
