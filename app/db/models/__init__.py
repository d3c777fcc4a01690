"""Every table, imported here so Base.metadata knows them all (Alembic, tests)."""

from app.db.models.cases import (
    CaseRow,
    LogisticsTaskRow,
    StayRow,
    TeleconsultationRow,
    TransferRow,
    UnitMovementRow,
)
from app.db.models.directory import DirectoryServiceRow
from app.db.models.documents import CompanionRow, DocumentChunkRow, DocumentRow
from app.db.models.events import CaseEventAudienceRow, CaseEventRow, FeedClockRow
from app.db.models.finance import ClaimPaymentRow, ClaimRow, EstimateRow, PaymentRow
from app.db.models.idempotency import IdempotencyRecordRow
from app.db.models.integrations import WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow
from app.db.models.organizations import (
    AgreementRow,
    AgreementSuspensionRow,
    OrganizationRow,
    RegimeCountryListRow,
)
from app.db.models.patients import PatientIdentifierRow, PatientRow
from app.db.models.security import ApiClientRow, AuditChainHeadRow, AuditEventRow

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
