"""The audit trail, read-only: admins read every row, an organisation its own."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.access import audit as audit_service
from app.access.schemas import AuditEvent
from app.platform.answers import read
from app.platform.dependencies import CursorDep, LimitDep, PrincipalDep, UowDep
from app.platform.problems import problem_responses
from app.platform.schemas import Page, QueryDateTime

router = APIRouter(prefix="/v1/audit-events", tags=["audit"])


def _body(row) -> dict:
    return AuditEvent(
        seq=row.seq,
        occurred_at=row.occurred_at,
        request_id=row.request_id,
        caller_request_id=row.caller_request_id,
        actor={
            "sub": row.actor_sub,
            "organization_id": row.organization_id,
            "roles": list(row.roles or []),
            "client_id": row.client_id,
        },
        operation=row.operation,
        object_type=row.object_type,
        object_id=row.object_id,
        object_ids=row.object_ids or {},
        patient_ids=list(row.patient_ids or []),
        outcome=row.outcome,
        status=row.status,
        chain_seq=row.chain_seq,
        hash=row.hash,
        prev_hash=row.prev_hash,
    ).model_dump(mode="json")


@router.get(
    "", response_model=Page[AuditEvent], responses=problem_responses(401, 403, 422), name="list"
)
async def list_audit_events(
    principal: PrincipalDep,
    uow: UowDep,
    organization_id: Annotated[
        uuid.UUID | None, Query(description="Admins: only this organisation's rows.")
    ] = None,
    patient_id: Annotated[
        uuid.UUID | None, Query(description="Only accesses that touched this patient.")
    ] = None,
    object_id: Annotated[
        str | None, Query(max_length=80, description="Only accesses to this object.")
    ] = None,
    operation: Annotated[str | None, Query(max_length=120, description="An operationId.")] = None,
    outcome: Annotated[
        str | None, Query(pattern="^(allowed|denied|refused|error)$", description="How it ended.")
    ] = None,
    request_id: Annotated[
        str | None, Query(max_length=64, description="Only this request (our X-Request-Id).")
    ] = None,
    caller_request_id: Annotated[
        str | None,
        Query(max_length=64, description="Only requests that sent this X-Request-Id."),
    ] = None,
    since: Annotated[QueryDateTime | None, Query(alias="from")] = None,
    until: Annotated[QueryDateTime | None, Query(alias="to")] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Who accessed what, oldest first. Admins read every organisation's rows; an
    organisation's coordinators and payers read the rows of its own people and clients."""

    async def produce():
        filters = audit_service.AuditFilters(
            organization_id=organization_id,
            patient_id=patient_id,
            object_id=object_id,
            operation=operation,
            outcome=outcome,
            request_id=request_id,
            caller_request_id=caller_request_id,
            since=since,
            until=until,
        )
        rows, next_cursor = await audit_service.list_events(uow, principal, filters, limit, cursor)
        return {"items": [_body(row) for row in rows], "next_cursor": next_cursor}

    return await read(uow, produce)
