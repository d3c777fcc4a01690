"""Every table, imported here so Base.metadata knows them all (Alembic, tests)."""

from app.db.models.cases import (
    CaseRow,
    LogisticsTaskRow,
    StayRow,
    TeleconsultationRow,
    TransferRow,
    UnitMovementRow,
)
from app.db.models.documents import CompanionRow, DocumentChunkRow, DocumentRow
from app.db.models.events import CaseEventRow
from app.db.models.finance import ClaimRow, EstimateRow, PaymentRow
from app.db.models.idempotency import IdempotencyRecordRow
from app.db.models.integrations import (
    WebhookAttemptRow,
    WebhookDeliveryRow,
    WebhookEndpointRow,
)
from app.db.models.organizations import AgreementRow, OrganizationRow
from app.db.models.patients import PatientIdentifierRow, PatientRow
from app.db.models.security import ApiClientRow, AuditChainHeadRow, AuditEventRow

__all__ = [
    "AgreementRow",
    "ApiClientRow",
    "AuditChainHeadRow",
    "AuditEventRow",
    "CaseEventRow",
    "CaseRow",
    "ClaimRow",
    "CompanionRow",
    "DocumentChunkRow",
    "DocumentRow",
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
    "WebhookAttemptRow",
    "WebhookDeliveryRow",
    "WebhookEndpointRow",
]
