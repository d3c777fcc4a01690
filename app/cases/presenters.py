"""Case rows to response bodies, applying property-level rules (what a payer may not see)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.cases import schemas as case_schemas
from app.cases.service import CaseView
from app.domain.logistics import is_overdue
from app.domain.vocabulary import LogisticsTaskStatus
from app.integrations.presenters import feed_item
from app.models import (
    CaseEventRow,
    LogisticsTaskRow,
)
from app.platform.clock import now_utc


def _task(row: LogisticsTaskRow, today: date) -> case_schemas.LogisticsTask:
    task = case_schemas.LogisticsTask.model_validate(row, from_attributes=True)
    task.overdue = is_overdue(LogisticsTaskStatus(row.status), row.due_date, today)
    return task


def logistics_task(row: LogisticsTaskRow) -> dict:
    return _task(row, now_utc().date()).model_dump(mode="json")


def in_zone(moment: datetime, zone: str | None) -> datetime:
    """A time shown in the zone it was given in (an IANA name or a fixed offset)."""
    if not zone:
        return moment
    if zone[0] in "+-":
        sign = -1 if zone[0] == "-" else 1
        hours, minutes = zone[1:].split(":")
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        return moment.astimezone(timezone(sign * offset))
    try:
        return moment.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def _teleconsultation(t, payer_view: bool) -> dict:
    virtual = t.virtual_service
    if virtual is not None and payer_view:
        virtual = {**virtual, "session_key": None}
    return {
        "id": t.id,
        "scheduled_at": in_zone(t.scheduled_at, t.time_zone),
        "mode": t.mode,
        "consultant": t.consultant,
        "status": t.status,
        "outcome": t.outcome,
        "notes": t.notes,
        "kind": t.kind,
        "virtual_service": virtual,
        "time_zone": t.time_zone,
    }


def case(view: CaseView) -> dict:
    """The case as its caller may see it (the service decided what that is)."""
    row, tasks, authorisation = view.row, view.tasks, view.authorisation
    payer_view = view.payer_view
    today = now_utc().date()
    body = {
        "id": row.id,
        "reference": row.reference,
        "status": row.status,
        "version": row.version,
        "priority": row.priority,
        "origin": row.origin,
        "care_setting": row.care_setting,
        "assignee": row.assignee,
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
            "insurance_country": row.insurance_country,
            "cross_border_worker": bool(row.cross_border_worker),
        },
        "funding": row.funding,
        "held_from": row.held_from,
        "cancel_reason_code": row.cancel_reason_code,
        "cancel_reason": row.cancel_reason,
        "allowed_actions": view.allowed_actions,
        "teleconsultations": [_teleconsultation(t, payer_view) for t in row.teleconsultations],
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
                    {"from_unit": m.from_unit, "to_unit": m.to_unit, "at": m.at, "bed": m.bed}
                    for m in row.stay.movements
                ],
                "discharged_at": row.stay.discharged_at,
                "disposition": row.stay.disposition,
                "discharge_summary": row.stay.discharge_summary,
            }
            if row.stay
            else None
        ),
        "presented_at": row.presented_at,
        "attendances": row.attendances or [],
        "information_requests": [
            {
                **request,
                "overdue": request["answered_at"] is None
                and date.fromisoformat(request["due_date"]) < today,
            }
            for request in row.information_requests or []
        ],
        "discharge_letter": row.discharge_letter,
        "logistics_tasks": [_task(task, today) for task in tasks],
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
        rendered.pop("discharge_letter", None)
        for request in rendered["information_requests"]:
            request.pop("questions", None)
            request.pop("answer", None)
        for attendance in rendered["attendances"]:
            attendance.pop("notes", None)
        for teleconsultation in rendered["teleconsultations"]:
            if teleconsultation["virtual_service"] is not None:
                teleconsultation["virtual_service"].pop("session_key", None)
        if rendered["funding"] is not None:
            rendered["funding"]["note"] = None
        for task in rendered["logistics_tasks"]:
            task["note"] = None
    return rendered


def timeline_event(row: CaseEventRow, *, payer_view: bool, reader_org) -> dict:
    """A timeline item for this reader. In the payer's view a reason (a decline, a hold,
    a funding note...) is shown only when the payer's own organisation wrote it: the care
    parties' free text can carry diagnoses ("HIV+, CD4 80: treat locally")."""
    own_words = row.actor_organization_id is not None and row.actor_organization_id == reader_org
    return feed_item(row, thin=payer_view and not own_words)
