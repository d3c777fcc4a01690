"""Case rows to response bodies, applying property-level rules (what a payer may not see)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from app.cases import schemas as case_schemas
from app.cases.feed_item import feed_item
from app.cases.service import CaseView
from app.db.models import (
    CaseEventRow,
    LogisticsTaskRow,
)
from app.domain.logistics import is_overdue
from app.platform.clock import now_utc


# The case is rendered straight from its rows (pydantic-core's serializer turns ids and
# times into JSON, as the schema would): validating the whole `Case` model only to dump it
# again was a third of a read's time. The JSON the database stores for an object
# (funding, attendances, a letter...) still goes through its schema, which gives it its
# defaults and the contract's time format. tests/integration/test_demo.py checks that
# every rendering is a fixed point of the `Case` schema.
def _stored(model: type[BaseModel], value) -> dict | None:
    return None if value is None else model.model_validate(value).model_dump(mode="json")


def _task(row: LogisticsTaskRow, today: date) -> dict:
    return {
        "id": row.id,
        "case_id": row.case_id,
        "kind": row.kind,
        "status": row.status,
        "assignee": row.assignee,
        "due_date": row.due_date,
        "note": row.note,
        "language": row.language,
        "beneficiary": row.beneficiary,
        "overdue": is_overdue(row.status, row.due_date, today),
        "version": row.version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def logistics_task(row: LogisticsTaskRow) -> dict:
    return to_jsonable_python(_task(row, now_utc().date()))


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
        "virtual_service": _stored(case_schemas.VirtualService, virtual),
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
        "referring_practitioner": _stored(
            case_schemas.ReferringPractitioner, row.referring_practitioner
        ),
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
            "agreement_inferred": bool(row.agreement_inferred),
        },
        "funding": _stored(case_schemas.Funding, row.funding),
        "prior_authorisation": _stored(case_schemas.PriorAuthorisation, row.prior_authorisation),
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
        "attendances": [
            _stored(case_schemas.Attendance, attendance) for attendance in row.attendances or []
        ],
        "information_requests": [
            _stored(
                case_schemas.InformationRequest,
                {
                    **request,
                    "overdue": request["answered_at"] is None
                    and date.fromisoformat(request["due_date"]) < today,
                },
            )
            for request in row.information_requests or []
        ],
        "discharge_letter": _stored(case_schemas.DischargeLetter, row.discharge_letter),
        "logistics_tasks": [_task(task, today) for task in tasks],
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
    rendered = to_jsonable_python(body)
    if view.payer_view:
        hide_from_payer(rendered, reader_org=view.reader_organization_id)
    return rendered


def hide_from_payer(rendered: dict, reader_org=None) -> None:
    """Property-level rule: clinical text never reaches a payer. Free text written by the
    care parties (reasons, notes) is treated as clinical, whatever it says."""
    rendered.pop("clinical_summary", None)
    rendered.pop("reason", None)
    rendered.pop("cancel_reason", None)
    for teleconsultation in rendered["teleconsultations"]:
        teleconsultation.pop("notes", None)
        # Who follows the patient up says what for ("Dr X, oncology"): not the payer's.
        teleconsultation["consultant"] = None
    if rendered["stay"] is not None:
        rendered["stay"].pop("discharge_summary", None)
        # The payer sees that the patient is in, and since when; not where ("Psychiatry",
        # "Oncology ICU" say why).
        rendered["stay"]["unit"] = None
        rendered["stay"]["bed"] = None
        rendered["stay"]["movements"] = []
    rendered.pop("discharge_letter", None)
    for request in rendered["information_requests"]:
        request.pop("questions", None)
        request.pop("answer", None)
    for attendance in rendered["attendances"]:
        attendance.pop("notes", None)
        attendance["service"] = None  # the service attended says what for, like a unit
    for teleconsultation in rendered["teleconsultations"]:
        if teleconsultation["virtual_service"] is not None:
            teleconsultation["virtual_service"].pop("session_key", None)
    funding = rendered["funding"]
    if funding is not None and (
        reader_org is None or funding.get("approved_by_organization_id") != str(reader_org)
    ):
        # The payer's own note is its own words; the hospital's may be clinical.
        funding["note"] = None
    for task in rendered["logistics_tasks"]:
        task["note"] = None


def timeline_event(row: CaseEventRow, *, payer_view: bool, reader_org) -> dict:
    """A timeline item for this reader. In the payer's view a reason (a decline, a hold,
    a funding note...) is shown only when the payer's own organisation wrote it: the care
    parties' free text can carry diagnoses ("HIV+, CD4 80: treat locally")."""
    own_words = row.actor_organization_id is not None and row.actor_organization_id == reader_org
    return feed_item(row, thin=payer_view and not own_words)
