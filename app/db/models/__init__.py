"""Every table, imported here so Base.metadata knows them all (Alembic, tests)."""

from app.db.models.cases import (
    CaseRow,
    LogisticsTaskRow,
    StayRow,
    TeleconsultationRow,
    TransferRow,
    UnitMovementRow,
)
from app.db.models.events import CaseEventRow
from app.db.models.finance import ClaimRow, EstimateRow, PaymentRow
from app.db.models.idempotency import IdempotencyRecordRow
from app.db.models.organizations import AgreementRow, OrganizationRow
from app.db.models.patients import PatientIdentifierRow, PatientRow

__all__ = [
    "AgreementRow",
    "CaseEventRow",
    "CaseRow",
    "ClaimRow",
    "EstimateRow",
    "IdempotencyRecordRow",
    "LogisticsTaskRow",
    "OrganizationRow",
    "PatientIdentifierRow",
    "PatientRow",
    "PaymentRow",
    "StayRow",
    "TeleconsultationRow",
    "TransferRow",
    "UnitMovementRow",
]
