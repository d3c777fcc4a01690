"""Case rows to response bodies, applying property-level rules (what a payer may not see)."""

from __future__ import annotations

from datetime import datetime

from app.cases import schemas as case_schemas
from app.cases.service import CaseView
from app.models import (
    CaseEventRow,
    LogisticsTaskRow,
)


def logistics_task(row: LogisticsTaskRow) -> dict:
    return case_schemas.LogisticsTask.model_validate(row, from_attributes=True).model_dump(
        mode="json"
    )


def case(view: CaseView) -> dict:
    """The case as its caller may see it (the service decided what that is)."""
    row, tasks, authorisation = view.row, view.tasks, view.authorisation
    body = {
        "id": row.id,
        "reference": row.reference,
        "status": row.status,
        "version": row.version,
        "priority": row.priority,
        "specialty": row.specialty,
        "patient_id": row.patient_id,
        "referring_organization_id": row.referring_organization_id,
        "receiving_organization_id": row.receiving_organization_id,
        "payer_organization_id": row.payer_organization_id,
        "reason": row.reason,
        "clinical_summary": row.clinical_summary,
        "referring_practitioner": row.referring_practitioner,
        "coverage": {
            "route": row.coverage_route,
            "payer_organization_id": row.payer_organization_id,
            "member_number": row.member_number,
            "agreement_id": row.agreement_id,
            "authorisation": (
                {
                    "reference": authorisation.reference,
                    "valid_from": authorisation.valid_from,
                    "valid_until": authorisation.valid_until,
                }
                if authorisation
                else None
            ),
        },
        "funding": row.funding,
        "held_from": row.held_from,
        "cancel_reason_code": row.cancel_reason_code,
        "cancel_reason": row.cancel_reason,
        "allowed_actions": view.allowed_actions,
        "teleconsultations": [
            {
                "id": t.id,
                "scheduled_at": t.scheduled_at,
                "mode": t.mode,
                "consultant": t.consultant,
                "status": t.status,
                "outcome": t.outcome,
                "notes": t.notes,
            }
            for t in row.teleconsultations
        ],
        "transfer": (
            {
                "expected_arrival_at": row.transfer.expected_arrival_at,
                "transport": row.transfer.transport,
                "escorts": row.transfer.escorts,
                "interpreter_language": row.transfer.interpreter_language,
                "arrived_at": row.transfer.arrived_at,
            }
            if row.transfer
            else None
        ),
        "stay": (
            {
                "admitted_at": row.stay.admitted_at,
                "unit": row.stay.unit,
                "bed": row.stay.bed,
                "movements": [
                    {"from_unit": m.from_unit, "to_unit": m.to_unit, "at": m.at}
                    for m in row.stay.movements
                ],
                "discharged_at": row.stay.discharged_at,
                "disposition": row.stay.disposition,
                "discharge_summary": row.stay.discharge_summary,
            }
            if row.stay
            else None
        ),
        "logistics_tasks": [
            case_schemas.LogisticsTask.model_validate(task, from_attributes=True) for task in tasks
        ],
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
    rendered = case_schemas.Case.model_validate(body).model_dump(mode="json")
    if view.payer_view:
        # Property-level rule: clinical text never reaches a payer. Free text written by
        # the care parties (reasons, notes) is treated as clinical, whatever it says.
        rendered.pop("clinical_summary", None)
        rendered.pop("reason", None)
        rendered.pop("cancel_reason", None)
        for teleconsultation in rendered["teleconsultations"]:
            teleconsultation.pop("notes", None)
        if rendered["stay"] is not None:
            rendered["stay"].pop("discharge_summary", None)
        if rendered["funding"] is not None:
            rendered["funding"]["note"] = None
        for task in rendered["logistics_tasks"]:
            task["note"] = None
    return rendered


def json_time(value: datetime) -> str:
    """A timestamp as the schemas render it (ISO 8601, `Z` for UTC)."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def timeline_event(row: CaseEventRow, *, payer_view: bool, reader_org) -> dict:
    """A timeline item for this reader. In the payer's view a reason (a decline, a hold,
    a funding note...) is shown only when the payer's own organisation wrote it: the care
    parties' free text can carry diagnoses ("HIV+, CD4 80: treat locally")."""
    own_words = row.actor_organization_id is not None and row.actor_organization_id == reader_org
    return event(row, thin=payer_view and not own_words)


def event(row: CaseEventRow, cursor: str | None = None, *, thin: bool = False) -> dict:
    """A timeline item; `thin` (the feed and webhooks) leaves out the free-text reason,
    which can carry clinical words and reaches every organisation of the case.

    Built as JSON-ready data directly, not through the `CaseEvent` model: the feed renders
    hundreds per page, and the row's columns already have the schema's types
    (tests/api/test_read_path.py checks the two agree)."""
    return {
        "id": cursor or str(row.seq),
        "type": row.type,
        "occurred_at": json_time(row.occurred_at),
        "case_id": str(row.case_id),
        "case_version": row.case_version,
        "status": row.to_status,
        "from_status": row.from_status,
        "to_status": row.to_status,
        "actor": {
            "sub": row.actor_sub,
            "organization_id": (
                str(row.actor_organization_id) if row.actor_organization_id else None
            ),
            "role": row.actor_role,
        },
        "reason": None if thin else row.reason,
        "data": row.data or {},
    }


def event_through_schema(row: CaseEventRow, cursor: str | None = None, *, thin: bool = False):
    """The same item through the `CaseEvent` model (what `event` must equal)."""
    return case_schemas.CaseEvent(
        id=cursor or str(row.seq),
        type=row.type,
        occurred_at=row.occurred_at,
        case_id=row.case_id,
        case_version=row.case_version,
        status=row.to_status,
        from_status=row.from_status,
        to_status=row.to_status,
        actor={
            "sub": row.actor_sub,
            "organization_id": row.actor_organization_id,
            "role": row.actor_role,
        },
        reason=None if thin else row.reason,
        data=row.data or {},
    ).model_dump(mode="json")
