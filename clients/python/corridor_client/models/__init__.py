"""Contains all the data models used in inputs/outputs"""

from .accept_request import AcceptRequest
from .actor import Actor
from .admit_request import AdmitRequest
from .admitted_patient import AdmittedPatient
from .agreement import Agreement
from .agreement_create import AgreementCreate
from .agreement_kind import AgreementKind
from .api_client import ApiClient
from .api_client_create import ApiClientCreate
from .api_client_with_secret import ApiClientWithSecret
from .approve_funding_request import ApproveFundingRequest
from .audit_actor import AuditActor
from .audit_event import AuditEvent
from .audit_event_object_ids import AuditEventObjectIds
from .authorisation import Authorisation
from .cancel_reason import CancelReason
from .cancel_request import CancelRequest
from .care_setting import CareSetting
from .case import Case
from .case_create import CaseCreate
from .case_event import CaseEvent
from .case_event_data import CaseEventData
from .case_status import CaseStatus
from .case_update import CaseUpdate
from .census import Census
from .claim import Claim
from .claim_accept_request import ClaimAcceptRequest
from .claim_contest_request import ClaimContestRequest
from .claim_create import ClaimCreate
from .claim_kind import ClaimKind
from .claim_pay_request import ClaimPayRequest
from .claim_status import ClaimStatus
from .close_request import CloseRequest
from .contact import Contact
from .coverage import Coverage
from .coverage_in import CoverageIn
from .coverage_route import CoverageRoute
from .decline_request import DeclineRequest
from .delivery_status import DeliveryStatus
from .directory import Directory
from .directory_agreement import DirectoryAgreement
from .directory_service import DirectoryService
from .discharge_request import DischargeRequest
from .disposition import Disposition
from .eligibility import Eligibility
from .eligible_agreement import EligibleAgreement
from .estimate import Estimate
from .estimate_create import EstimateCreate
from .event_page import EventPage
from .expected_arrival import ExpectedArrival
from .export_format import ExportFormat
from .facility import Facility
from .fhir_bundle import FhirBundle
from .fhir_bundle_entry_item import FhirBundleEntryItem
from .field_error import FieldError
from .flow import Flow
from .flows import Flows
from .funding import Funding
from .guarantee import Guarantee
from .health_status import HealthStatus
from .hold_request import HoldRequest
from .jwks import Jwks
from .jwks_keys_item import JwksKeysItem
from .line import Line
from .logistics_task import LogisticsTask
from .logistics_task_create import LogisticsTaskCreate
from .logistics_task_kind import LogisticsTaskKind
from .logistics_task_status import LogisticsTaskStatus
from .logistics_task_update import LogisticsTaskUpdate
from .money import Money
from .organization import Organization
from .organization_create import OrganizationCreate
from .organization_identifier import OrganizationIdentifier
from .organization_kind import OrganizationKind
from .page_agreement import PageAgreement
from .page_api_client import PageApiClient
from .page_audit_event import PageAuditEvent
from .page_case import PageCase
from .page_case_event import PageCaseEvent
from .page_claim import PageClaim
from .page_organization import PageOrganization
from .page_patient import PagePatient
from .page_webhook import PageWebhook
from .page_webhook_delivery import PageWebhookDelivery
from .patient import Patient
from .patient_create import PatientCreate
from .patient_identifier import PatientIdentifier
from .patient_update import PatientUpdate
from .payment import Payment
from .payment_create import PaymentCreate
from .payment_kind import PaymentKind
from .payment_payer import PaymentPayer
from .priority import Priority
from .problem import Problem
from .record_arrival_request import RecordArrivalRequest
from .record_teleconsultation_request import RecordTeleconsultationRequest
from .referring_practitioner import ReferringPractitioner
from .residence import Residence
from .resume_request import ResumeRequest
from .role import Role
from .schedule_teleconsultation_request import ScheduleTeleconsultationRequest
from .schedule_transfer_request import ScheduleTransferRequest
from .service import Service
from .service_create import ServiceCreate
from .sex import Sex
from .stay import Stay
from .submit_request import SubmitRequest
from .teleconsultation import Teleconsultation
from .teleconsultation_mode import TeleconsultationMode
from .teleconsultation_outcome import TeleconsultationOutcome
from .teleconsultation_status import TeleconsultationStatus
from .token_request import TokenRequest
from .token_response import TokenResponse
from .transfer import Transfer
from .transfer_unit_request import TransferUnitRequest
from .transport import Transport
from .unit_count import UnitCount
from .unit_movement import UnitMovement
from .webhook import Webhook
from .webhook_attempt import WebhookAttempt
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_delivery import WebhookDelivery
from .webhook_status import WebhookStatus
from .zone_entry import ZoneEntry

__all__ = (
    "AcceptRequest",
    "Actor",
    "AdmitRequest",
    "AdmittedPatient",
    "Agreement",
    "AgreementCreate",
    "AgreementKind",
    "ApiClient",
    "ApiClientCreate",
    "ApiClientWithSecret",
    "ApproveFundingRequest",
    "AuditActor",
    "AuditEvent",
    "AuditEventObjectIds",
    "Authorisation",
    "CancelReason",
    "CancelRequest",
    "CareSetting",
    "Case",
    "CaseCreate",
    "CaseEvent",
    "CaseEventData",
    "CaseStatus",
    "CaseUpdate",
    "Census",
    "Claim",
    "ClaimAcceptRequest",
    "ClaimContestRequest",
    "ClaimCreate",
    "ClaimKind",
    "ClaimPayRequest",
    "ClaimStatus",
    "CloseRequest",
    "Contact",
    "Coverage",
    "CoverageIn",
    "CoverageRoute",
    "DeclineRequest",
    "DeliveryStatus",
    "Directory",
    "DirectoryAgreement",
    "DirectoryService",
    "DischargeRequest",
    "Disposition",
    "Eligibility",
    "EligibleAgreement",
    "Estimate",
    "EstimateCreate",
    "EventPage",
    "ExpectedArrival",
    "ExportFormat",
    "Facility",
    "FhirBundle",
    "FhirBundleEntryItem",
    "FieldError",
    "Flow",
    "Flows",
    "Funding",
    "Guarantee",
    "HealthStatus",
    "HoldRequest",
    "Jwks",
    "JwksKeysItem",
    "Line",
    "LogisticsTask",
    "LogisticsTaskCreate",
    "LogisticsTaskKind",
    "LogisticsTaskStatus",
    "LogisticsTaskUpdate",
    "Money",
    "Organization",
    "OrganizationCreate",
    "OrganizationIdentifier",
    "OrganizationKind",
    "PageAgreement",
    "PageApiClient",
    "PageAuditEvent",
    "PageCase",
    "PageCaseEvent",
    "PageClaim",
    "PageOrganization",
    "PagePatient",
    "PageWebhook",
    "PageWebhookDelivery",
    "Patient",
    "PatientCreate",
    "PatientIdentifier",
    "PatientUpdate",
    "Payment",
    "PaymentCreate",
    "PaymentKind",
    "PaymentPayer",
    "Priority",
    "Problem",
    "RecordArrivalRequest",
    "RecordTeleconsultationRequest",
    "ReferringPractitioner",
    "Residence",
    "ResumeRequest",
    "Role",
    "ScheduleTeleconsultationRequest",
    "ScheduleTransferRequest",
    "Service",
    "ServiceCreate",
    "Sex",
    "Stay",
    "SubmitRequest",
    "Teleconsultation",
    "TeleconsultationMode",
    "TeleconsultationOutcome",
    "TeleconsultationStatus",
    "TokenRequest",
    "TokenResponse",
    "Transfer",
    "TransferUnitRequest",
    "Transport",
    "UnitCount",
    "UnitMovement",
    "Webhook",
    "WebhookAttempt",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookDelivery",
    "WebhookStatus",
    "ZoneEntry",
)
