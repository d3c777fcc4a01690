"""Registry rows to response bodies."""

from __future__ import annotations

from app.db.models import AgreementRow, OrganizationRow, PatientRow
from app.registry import patient_schemas
from app.registry import schemas as organization_schemas


def organization(row: OrganizationRow) -> organization_schemas.Organization:
    return organization_schemas.Organization.model_validate(row, from_attributes=True)


def agreement(row: AgreementRow) -> organization_schemas.Agreement:
    data = {
        column: getattr(row, column)
        for column in organization_schemas.Agreement.model_fields
        if column not in ("deposit_ratio", "suspension")
    }
    suspension = row.suspension_in_force
    data["suspension"] = (
        {
            "id": suspension.id,
            "reason": suspension.reason,
            "note": suspension.note,
            "suspended_at": suspension.suspended_at,
            "held_count": suspension.held_count,
        }
        if suspension is not None
        else None
    )
    data["deposit_ratio"] = (
        str(row.deposit_ratio.normalize()) if row.deposit_ratio is not None else None
    )
    return organization_schemas.Agreement.model_validate(data)


def patient(row: PatientRow) -> patient_schemas.Patient:
    return patient_schemas.Patient(
        id=row.id,
        organization_id=row.organization_id,
        family_name=row.family_name,
        given_names=list(row.given_names),
        birth_date=row.birth_date,
        sex=row.sex,
        nationality=row.nationality,
        residence=row.residence,
        languages=list(row.languages),
        identifiers=[{"system": i.system, "value": i.value} for i in row.identifiers],
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def suspension(outcome) -> organization_schemas.AgreementSuspension:
    """An `agreement_service.SuspensionOutcome` as its answer."""
    row = outcome.suspension
    return organization_schemas.AgreementSuspension(
        id=row.id,
        agreement_id=row.agreement_id,
        reason=row.reason,
        note=row.note,
        suspended_at=row.suspended_at,
        held_count=row.held_count,
        resumed_at=row.resumed_at,
        resumed_count=row.resumed_count,
        by_status=outcome.counts,
    )
