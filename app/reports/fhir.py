"""A case as a FHIR R4 Bundle (collection): Patient, ServiceRequest, Task, Appointment,
Encounter, Coverage and the Organizations involved.

Plain dictionaries in FHIR JSON; a payer's bundle carries no clinical text, like
its view of the case.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from app.cases.service import get_case, is_payer_view
from app.db.models import CaseRow, OrganizationRow
from app.db.unit_of_work import UnitOfWork
from app.domain.parties import CaseParties
from app.domain.principal import Principal
from app.domain.vocabulary import CareSetting, CaseStatus, TeleconsultationKind
from app.registry import patient_service

IDENTIFIER_SYSTEM = "urn:corridor:case-reference"

# Case status -> FHIR Task.status (https://hl7.org/fhir/R4/valueset-task-status.html).
TASK_STATUS = {
    CaseStatus.DRAFT: "draft",
    CaseStatus.SUBMITTED: "requested",
    CaseStatus.INFORMATION_REQUESTED: "received",
    CaseStatus.TELECONSULTATION_SCHEDULED: "received",
    CaseStatus.ACCEPTED: "accepted",
    CaseStatus.FUNDING_APPROVED: "accepted",
    CaseStatus.TRANSFER_SCHEDULED: "in-progress",
    CaseStatus.ARRIVED: "in-progress",
    CaseStatus.ADMITTED: "in-progress",
    CaseStatus.DISCHARGED: "in-progress",
    CaseStatus.CLOSED: "completed",
    CaseStatus.DECLINED: "rejected",
    CaseStatus.CANCELLED: "cancelled",
    CaseStatus.ON_HOLD: "on-hold",
}
PRIORITY = {"routine": "routine", "urgent": "urgent", "emergency": "stat"}
APPOINTMENT_STATUS = {
    "booked": "booked",
    "fulfilled": "fulfilled",
    "noshow": "noshow",
    "cancelled": "cancelled",
}


def _ref(kind: str, id_: uuid.UUID | None) -> dict | None:
    return {"reference": f"{kind}/{id_}"} if id_ else None


def _entry(resource: dict) -> dict:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _empty(value) -> bool:
    # FHIR forbids empty strings, arrays and objects: an element is present with a value or
    # absent (a patient registered without a postal code has no postalCode, not "").
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def _drop_empty(resource: dict) -> dict:
    cleaned = {}
    for key, value in resource.items():
        if isinstance(value, list):
            value = [item for item in value if not _empty(item)]
        if not _empty(value):
            cleaned[key] = value
    return cleaned


ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
# Care setting -> FHIR Encounter.class (v3 ActCode).
ENCOUNTER_CLASS = {
    CareSetting.INPATIENT: {"system": ACT_CODE, "code": "IMP", "display": "inpatient encounter"},
    CareSetting.DAY_CASE: {"system": ACT_CODE, "code": "SS", "display": "short stay"},
    CareSetting.OUTPATIENT: {"system": ACT_CODE, "code": "AMB", "display": "ambulatory"},
}
TELECONSULTATION_MINUTES = 30


async def case_bundle(uow: UnitOfWork, principal: Principal, case_id: uuid.UUID) -> dict:
    row: CaseRow = await get_case(uow, principal, case_id)
    clinical = not is_payer_view(row, principal)
    entries: list[dict] = []

    org_ids = CaseParties.of(row).organizations
    organizations = (
        await uow.session.execute(select(OrganizationRow).where(OrganizationRow.id.in_(org_ids)))
    ).scalars()
    for org in organizations:
        entries.append(
            _entry(
                {
                    "resourceType": "Organization",
                    "id": str(org.id),
                    "name": org.name,
                    "address": [{"country": org.country}],
                }
            )
        )

    if row.patient_id is not None:
        patient = await patient_service.get_patient(uow, principal, row.patient_id)
        residence = patient.residence or {}
        entries.append(
            _entry(
                _drop_empty(
                    {
                        "resourceType": "Patient",
                        "id": str(patient.id),
                        "identifier": [
                            {"system": f"urn:corridor:identifier:{i.system}", "value": i.value}
                            for i in patient.identifiers
                        ],
                        "name": [
                            {"family": patient.family_name, "given": list(patient.given_names)}
                        ],
                        "gender": patient.sex,
                        "birthDate": patient.birth_date.isoformat() if patient.birth_date else None,
                        "address": [
                            _drop_empty(
                                {
                                    "country": residence.get("country"),
                                    "postalCode": residence.get("postal_code"),
                                    "city": residence.get("city"),
                                }
                            )
                        ],
                        "communication": [
                            {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": lang}]}}
                            for lang in patient.languages
                        ],
                    }
                )
            )
        )

    identifier = [{"system": IDENTIFIER_SYSTEM, "value": row.reference}]
    service_request_id = row.id
    entries.append(
        _entry(
            _drop_empty(
                {
                    "resourceType": "ServiceRequest",
                    "id": str(service_request_id),
                    "identifier": identifier,
                    "status": "revoked"
                    if row.status in ("cancelled", "declined")
                    else "completed"
                    if row.status == "closed"
                    else "draft"
                    if row.status == "draft"
                    else "active",
                    "intent": "order",
                    "priority": PRIORITY[row.priority],
                    "category": [{"text": row.specialty}] if row.specialty else None,
                    "subject": _ref("Patient", row.patient_id),
                    "requester": _ref("Organization", row.referring_organization_id),
                    "performer": [_ref("Organization", row.receiving_organization_id)]
                    if row.receiving_organization_id
                    else None,
                    "reasonCode": [{"text": row.reason}] if clinical and row.reason else None,
                    "note": [{"text": row.clinical_summary}]
                    if clinical and row.clinical_summary
                    else None,
                    "authoredOn": row.created_at.isoformat(),
                }
            )
        )
    )
    entries.append(
        _entry(
            _drop_empty(
                {
                    "resourceType": "Task",
                    "id": str(uuid.uuid5(row.id, "task")),
                    "identifier": identifier,
                    "status": TASK_STATUS[row.status],
                    "businessStatus": {"text": row.status},
                    "intent": "order",
                    "focus": {"reference": f"ServiceRequest/{service_request_id}"},
                    "for": _ref("Patient", row.patient_id),
                    "requester": _ref("Organization", row.referring_organization_id),
                    "owner": _ref("Organization", row.receiving_organization_id),
                    "authoredOn": row.created_at.isoformat(),
                    "lastModified": row.updated_at.isoformat(),
                }
            )
        )
    )
    for request in row.information_requests or []:
        # The information loop: a Task the referrer owns until it is answered.
        entries.append(
            _entry(
                _drop_empty(
                    {
                        "resourceType": "Task",
                        "id": request["id"],
                        "status": "completed" if request["answered_at"] else "requested",
                        "businessStatus": {"text": "information_request"},
                        "intent": "order",
                        "code": {"text": "information request"},
                        "description": request["questions"] if clinical else None,
                        "focus": {"reference": f"ServiceRequest/{service_request_id}"},
                        "for": _ref("Patient", row.patient_id),
                        "requester": _ref("Organization", row.receiving_organization_id),
                        "owner": _ref("Organization", row.referring_organization_id),
                        "authoredOn": request["requested_at"],
                        "lastModified": request["answered_at"] or request["requested_at"],
                        "restriction": {"period": {"end": request["due_date"]}},
                        "note": [{"text": request["answer"]}]
                        if clinical and request.get("answer")
                        else None,
                    }
                )
            )
        )
    for t in row.teleconsultations:
        follow_up = t.kind == TeleconsultationKind.FOLLOW_UP
        label = "follow-up teleconsultation" if follow_up else "teleconsultation"
        virtual = t.virtual_service or {}
        entries.append(
            _entry(
                _drop_empty(
                    {
                        "resourceType": "Appointment",
                        "id": str(t.id),
                        "status": APPOINTMENT_STATUS[t.status],
                        "serviceType": [{"text": f"{label} ({t.mode})"}],
                        "appointmentType": {"text": "FOLLOWUP" if follow_up else "ROUTINE"},
                        "description": f"{label} via {virtual['channel_type']}"
                        if virtual
                        else None,
                        "start": t.scheduled_at.isoformat(),
                        "end": (
                            t.scheduled_at + timedelta(minutes=TELECONSULTATION_MINUTES)
                        ).isoformat(),
                        "minutesDuration": TELECONSULTATION_MINUTES,
                        "basedOn": [{"reference": f"ServiceRequest/{service_request_id}"}],
                        "participant": [
                            {"actor": _ref("Patient", row.patient_id), "status": "accepted"}
                            if row.patient_id
                            else {"type": [{"text": "patient"}], "status": "needs-action"}
                        ],
                        "comment": t.notes if clinical else None,
                    }
                )
            )
        )
    care_class = ENCOUNTER_CLASS[row.care_setting]
    for attendance in row.attendances or []:
        # Outpatient and day-case care: one Encounter per attendance, of the case's class.
        entries.append(
            _entry(
                _drop_empty(
                    {
                        "resourceType": "Encounter",
                        "id": attendance["id"],
                        "status": "finished"
                        if attendance["outcome"] == "completed"
                        else "cancelled",
                        "class": care_class,
                        # The service attended says what for: not in a payer's bundle.
                        "type": [{"text": attendance["service"]}] if clinical else None,
                        "subject": _ref("Patient", row.patient_id),
                        "basedOn": [{"reference": f"ServiceRequest/{service_request_id}"}],
                        "serviceProvider": _ref("Organization", row.receiving_organization_id),
                        "period": {"start": attendance["attended_at"]},
                    }
                )
            )
        )
    if row.stay is not None:
        stay = row.stay
        entries.append(
            _entry(
                _drop_empty(
                    {
                        "resourceType": "Encounter",
                        "id": str(uuid.uuid5(row.id, "encounter")),
                        "status": "finished" if stay.discharged_at else "in-progress",
                        "class": ENCOUNTER_CLASS[CareSetting.INPATIENT],
                        "subject": _ref("Patient", row.patient_id),
                        "basedOn": [{"reference": f"ServiceRequest/{service_request_id}"}],
                        "serviceProvider": _ref("Organization", row.receiving_organization_id),
                        "period": _drop_empty(
                            {
                                "start": stay.admitted_at.isoformat(),
                                "end": stay.discharged_at.isoformat()
                                if stay.discharged_at
                                else None,
                            }
                        ),
                        # Where the patient lies says why: a payer's bundle has no unit.
                        "location": [
                            _drop_empty(
                                {
                                    "location": {"display": m.to_unit},
                                    "period": {"start": m.at.isoformat()},
                                }
                            )
                            for m in stay.movements
                        ]
                        if clinical
                        else None,
                        "hospitalization": _drop_empty(
                            {
                                "dischargeDisposition": {
                                    "coding": [
                                        {
                                            "system": "http://terminology.hl7.org/CodeSystem/discharge-disposition",
                                            "code": stay.disposition,
                                        }
                                    ]
                                }
                                if stay.disposition
                                else None,
                            }
                        ),
                    }
                )
            )
        )
    if row.coverage_route is not None:
        entries.append(
            _entry(
                _drop_empty(
                    {
                        "resourceType": "Coverage",
                        "id": str(uuid.uuid5(row.id, "coverage")),
                        "status": "active",
                        "type": {"text": row.coverage_route},
                        "subscriberId": row.member_number,
                        "beneficiary": _ref("Patient", row.patient_id),
                        "payor": [_ref("Organization", row.payer_organization_id)]
                        if row.payer_organization_id
                        else [{"display": "self-pay"}],
                        "period": _drop_empty(
                            {
                                "start": row.authorisation_valid_from.isoformat()
                                if row.authorisation_valid_from
                                else None,
                                "end": row.authorisation_valid_until.isoformat()
                                if row.authorisation_valid_until
                                else None,
                            }
                        ),
                    }
                )
            )
        )
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(row.id, f"bundle-{row.version}")),
        "meta": {"lastUpdated": row.updated_at.isoformat()},
        "type": "collection",
        "entry": entries,
    }
