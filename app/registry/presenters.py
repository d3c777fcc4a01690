"""Registry rows to response bodies."""

from __future__ import annotations

from app.db.models import AgreementRow, AgreementSuspensionRow, OrganizationRow, PatientRow
from app.registry import patient_schemas
from app.registry import schemas as organization_schemas
from app.registry.agreement_service import Reader, SuspensionOutcome


def organization(row: OrganizationRow) -> organization_schemas.Organization:
    return organization_schemas.Organization.model_validate(row, from_attributes=True)


def agreement(row: AgreementRow, reader: Reader) -> organization_schemas.Agreement:
    """The agreement as this reader may see it: a suspension's note for the agreement's
    parties only, and counts of the reader's own cases only."""
    data = {
        column: getattr(row, column)
        for column in organization_schemas.Agreement.model_fields
        if column not in ("deposit_ratio", "suspension", "intake_pauses")
    }
    suspension = row.suspension_in_force
    data["suspension"] = _in_force(suspension, row, reader) if suspension is not None else None
    data["intake_pauses"] = [_in_force(pause, row, reader) for pause in row.intake_pauses_in_force]
    data["deposit_ratio"] = (
        str(row.deposit_ratio.normalize()) if row.deposit_ratio is not None else None
    )
    return organization_schemas.Agreement.model_validate(data)


def _in_force(suspension: AgreementSuspensionRow, row: AgreementRow, reader: Reader) -> dict:
    return {
        "id": suspension.id,
        "receiving_organization_id": suspension.receiving_organization_id,
        "reason": suspension.reason,
        "note": suspension.note if reader.is_party(row) else None,
        "suspended_at": suspension.suspended_at,
        "held_count": reader.held.get(suspension.id, 0),
    }


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


def suspension(outcome: SuspensionOutcome) -> organization_schemas.AgreementSuspension:
    """An `agreement_service.SuspensionOutcome` as its answer to the caller who acted (a
    party of the agreement): its own cases' counts only."""
    row = outcome.suspension
    own = sum(outcome.counts.values())
    return organization_schemas.AgreementSuspension(
        id=row.id,
        agreement_id=row.agreement_id,
        receiving_organization_id=row.receiving_organization_id,
        reason=row.reason,
        note=row.note,
        suspended_at=row.suspended_at,
        held_count=own,
        resumed_at=row.resumed_at,
        resumed_count=own if row.resumed_at is not None else None,
        by_status=outcome.counts,
    )
