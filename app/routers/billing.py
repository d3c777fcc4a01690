"""The billing export payers' systems import: one row per claim, streamed."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from app.finance import billing_export as billing_service
from app.finance.billing_export import ExportFormat
from app.platform.answers import audit_first
from app.platform.dependencies import PrincipalDep, UowDep
from app.platform.problems import problem_responses
from app.platform.schemas import QueryDate

router = APIRouter(prefix="/v1/billing", tags=["billing"])

EXPORT_DESCRIPTION = (
    "Claims your organisation owes (payers) or sent (coordinators), oldest first, with the "
    "case reference, the payer's member number, admission and discharge dates (UTC), days, "
    "amounts and currency. Streamed: any size, flat memory.\n\nColumns: "
    + ", ".join(f"`{column}`" for column in billing_service.COLUMNS)
    + "."
)


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The claims, one per line (CSV with a header row, or JSON Lines).",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        },
        **problem_responses(401, 403, 422),
    },
    name="export",
    description=EXPORT_DESCRIPTION,
)
async def export(
    principal: PrincipalDep,
    uow: UowDep,
    payer_organization_id: Annotated[
        uuid.UUID | None, Query(description="Only claims addressed to this payer.")
    ] = None,
    since: Annotated[
        QueryDate | None, Query(alias="from", description="Claims submitted on or after (UTC).")
    ] = None,
    until: Annotated[
        QueryDate | None, Query(alias="to", description="Claims submitted on or before (UTC).")
    ] = None,
    export_format: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.CSV,
):
    """Export claims for a billing system (CSV or JSON Lines)."""
    filters = billing_service.ExportFilters(payer_organization_id, since, until)
    billing_service.check_export(principal, filters)
    await audit_first(uow)
    extension = export_format.value
    return StreamingResponse(
        billing_service.export_chunks(uow, principal, filters, export_format),
        media_type=billing_service.MEDIA_TYPES[export_format],
        headers={"Content-Disposition": f'attachment; filename="corridor-claims.{extension}"'},
    )
