"""Every table, imported here so Base.metadata knows them all (Alembic, tests)."""

from app.models.cases import (
    CaseRow,
    LogisticsTaskRow,
    StayRow,
    TeleconsultationRow,
    TransferRow,
    UnitMovementRow,
)
from app.models.events import CaseEventRow, FeedClockRow
from app.models.finance import ClaimRow, EstimateRow, PaymentRow
from app.models.idempotency import IdempotencyRecordRow
from app.models.integrations import WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow
from app.models.organizations import AgreementRow, OrganizationRow
from app.models.patients import PatientIdentifierRow, PatientRow
from app.models.security import ApiClientRow, AuditChainHeadRow, AuditEventRow

__all__ = [
    "AgreementRow",
    "ApiClientRow",
    "AuditChainHeadRow",
    "AuditEventRow",
    "CaseEventRow",
    "CaseRow",
    "ClaimRow",
    "EstimateRow",
    "FeedClockRow",
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
    "WebhookAttemptRow",
    "WebhookDeliveryRow",
    "WebhookEndpointRow",
]
