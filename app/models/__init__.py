"""Every table, imported here so Base.metadata knows them all (Alembic, tests)."""

from app.models.cases import (
    CaseRow,
    LogisticsTaskRow,
    StayRow,
    TeleconsultationRow,
    TransferRow,
    UnitMovementRow,
)
from app.models.directory import DirectoryServiceRow
from app.models.documents import CompanionRow, DocumentChunkRow, DocumentRow
from app.models.events import CaseEventAudienceRow, CaseEventRow, FeedClockRow
from app.models.finance import ClaimPaymentRow, ClaimRow, EstimateRow, PaymentRow
from app.models.idempotency import IdempotencyRecordRow
from app.models.integrations import WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow
from app.models.organizations import (
    AgreementRow,
    AgreementSuspensionRow,
    OrganizationRow,
    RegimeCountryListRow,
)
from app.models.patients import PatientIdentifierRow, PatientRow
from app.models.security import ApiClientRow, AuditChainHeadRow, AuditEventRow

__all__ = [
    "AgreementRow",
    "AgreementSuspensionRow",
    "ApiClientRow",
    "AuditChainHeadRow",
    "AuditEventRow",
    "CaseEventAudienceRow",
    "CaseEventRow",
    "CaseRow",
    "ClaimPaymentRow",
    "ClaimRow",
    "CompanionRow",
    "DirectoryServiceRow",
    "DocumentChunkRow",
    "DocumentRow",
    "EstimateRow",
    "FeedClockRow",
    "IdempotencyRecordRow",
    "LogisticsTaskRow",
    "OrganizationRow",
    "PatientIdentifierRow",
    "PatientRow",
    "PaymentRow",
    "RegimeCountryListRow",
    "StayRow",
    "TeleconsultationRow",
    "TransferRow",
    "UnitMovementRow",
    "WebhookAttemptRow",
    "WebhookDeliveryRow",
    "WebhookEndpointRow",
]
