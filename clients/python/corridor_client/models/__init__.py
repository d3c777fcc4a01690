"""Contains all the data models used in inputs/outputs"""

from .accept_request import AcceptRequest
from .acknowledge_discharge_request import AcknowledgeDischargeRequest
from .actor import Actor
from .admit_request import AdmitRequest
from .admitted_patient import AdmittedPatient
from .agreement import Agreement
from .agreement_create import AgreementCreate
from .agreement_kind import AgreementKind
from .agreement_suspension import AgreementSuspension
from .agreement_suspension_by_status import AgreementSuspensionByStatus
from .amend_guarantee_request import AmendGuaranteeRequest
from .amounts import Amounts
from .api_client import ApiClient
from .api_client_create import ApiClientCreate
from .api_client_with_secret import ApiClientWithSecret
from .approve_funding_request import ApproveFundingRequest
from .attendance import Attendance
from .attendance_outcome import AttendanceOutcome
from .audit_actor import AuditActor
from .audit_event import AuditEvent
from .audit_event_object_ids import AuditEventObjectIds
from .authorisation import Authorisation
from .authorisation_decision import AuthorisationDecision
from .balance import Balance
from .beneficiary import Beneficiary
from .cancel_reason import CancelReason
from .cancel_request import CancelRequest
from .care_kind import CareKind
from .care_setting import CareSetting
from .case import Case
from .case_create import CaseCreate
from .case_event import CaseEvent
from .case_event_data import CaseEventData
from .case_origin import CaseOrigin
from .case_sort import CaseSort
from .case_status import CaseStatus
from .case_update import CaseUpdate
from .census import Census
from .claim import Claim
from .claim_accept_request import ClaimAcceptRequest
from .claim_code_system import ClaimCodeSystem
from .claim_contest_request import ClaimContestRequest
from .claim_create import ClaimCreate
from .claim_debtor import ClaimDebtor
from .claim_kind import ClaimKind
from .claim_pay_request import ClaimPayRequest
from .claim_payment import ClaimPayment
from .claim_payment_kind import ClaimPaymentKind
from .claim_status import ClaimStatus
from .close_request import CloseRequest
from .coded_entry import CodedEntry
from .coded_entry_in import CodedEntryIn
from .companion import Companion
from .companion_create import CompanionCreate
from .companion_list import CompanionList
from .contact import Contact
from .contested_line import ContestedLine
from .contested_line_in import ContestedLineIn
from .coordinating_organizations import CoordinatingOrganizations
from .coverage import Coverage
from .coverage_correction import CoverageCorrection
from .coverage_hint import CoverageHint
from .coverage_in import CoverageIn
from .coverage_option import CoverageOption
from .coverage_options import CoverageOptions
from .coverage_route import CoverageRoute
from .currency_balance import CurrencyBalance
from .decline_request import DeclineRequest
from .delivery_status import DeliveryStatus
from .directory import Directory
from .directory_agreement import DirectoryAgreement
from .directory_bundle import DirectoryBundle
from .directory_bundle_entry_item import DirectoryBundleEntryItem
from .directory_bundle_link_item import DirectoryBundleLinkItem
from .directory_service import DirectoryService
from .discharge_letter import DischargeLetter
from .discharge_letter_in import DischargeLetterIn
from .discharge_request import DischargeRequest
from .disposition import Disposition
from .document import Document
from .document_kind import DocumentKind
from .document_list import DocumentList
from .document_status import DocumentStatus
from .document_upload import DocumentUpload
from .eligibility import Eligibility
from .eligible_agreement import EligibleAgreement
from .estimate import Estimate
from .estimate_create import EstimateCreate
from .event_page import EventPage
from .exchange_rate import ExchangeRate
from .expected_arrival import ExpectedArrival
from .export_format import ExportFormat
from .export_rows import ExportRows
from .extend_authorisation_request import ExtendAuthorisationRequest
from .facility import Facility
from .fhir_bundle import FhirBundle
from .fhir_bundle_entry_item import FhirBundleEntryItem
from .field_error import FieldError
from .flow import Flow
from .flow_lead_times import FlowLeadTimes
from .flow_measure import FlowMeasure
from .flows import Flows
from .follow_up_outcome import FollowUpOutcome
from .funded_guarantee import FundedGuarantee
from .funding import Funding
from .guarantee import Guarantee
from .health_status import HealthStatus
from .hold_request import HoldRequest
from .home_decision_request import HomeDecisionRequest
from .home_reimbursement import HomeReimbursement
from .home_reimbursement_status import HomeReimbursementStatus
from .home_submission_request import HomeSubmissionRequest
from .hospital_census import HospitalCensus
from .information_request import InformationRequest
from .jwks import Jwks
from .jwks_keys_item import JwksKeysItem
from .lead_time import LeadTime
from .letter_create import LetterCreate
from .letter_kind import LetterKind
from .letter_language import LetterLanguage
from .line import Line
from .logistics_task import LogisticsTask
from .logistics_task_create import LogisticsTaskCreate
from .logistics_task_kind import LogisticsTaskKind
from .logistics_task_status import LogisticsTaskStatus
from .logistics_task_update import LogisticsTaskUpdate
from .medication import Medication
from .medication_in import MedicationIn
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
from .payer_payment_kind import PayerPaymentKind
from .payment import Payment
from .payment_create import PaymentCreate
from .payment_kind import PaymentKind
from .payment_payer import PaymentPayer
from .presentation import Presentation
from .prior_authorisation import PriorAuthorisation
from .prior_authorisation_in import PriorAuthorisationIn
from .priority import Priority
from .problem import Problem
from .provide_information_request import ProvideInformationRequest
from .record_arrival_request import RecordArrivalRequest
from .record_attendance_request import RecordAttendanceRequest
from .record_follow_up_request import RecordFollowUpRequest
from .record_teleconsultation_request import RecordTeleconsultationRequest
from .referring_practitioner import ReferringPractitioner
from .regime_country_list import RegimeCountryList
from .regime_country_list_update import RegimeCountryListUpdate
from .request_information_request import RequestInformationRequest
from .residence import Residence
from .resume_request import ResumeRequest
from .role import Role
from .route_verdict import RouteVerdict
from .schedule_follow_up_request import ScheduleFollowUpRequest
from .schedule_teleconsultation_request import ScheduleTeleconsultationRequest
from .schedule_transfer_request import ScheduleTransferRequest
from .service import Service
from .service_create import ServiceCreate
from .sex import Sex
from .stage import Stage
from .stats_format import StatsFormat
from .stay import Stay
from .submit_request import SubmitRequest
from .suspend_agreement import SuspendAgreement
from .suspension_in_force import SuspensionInForce
from .suspension_reason import SuspensionReason
from .teleconsultation import Teleconsultation
from .teleconsultation_kind import TeleconsultationKind
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
from .virtual_service import VirtualService
from .virtual_service_in import VirtualServiceIn
from .webhook import Webhook
from .webhook_attempt import WebhookAttempt
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_delivery import WebhookDelivery
from .webhook_status import WebhookStatus
from .zone_entry import ZoneEntry

__all__ = (
    "AcceptRequest",
    "AcknowledgeDischargeRequest",
    "Actor",
    "AdmitRequest",
    "AdmittedPatient",
    "Agreement",
    "AgreementCreate",
    "AgreementKind",
    "AgreementSuspension",
    "AgreementSuspensionByStatus",
    "AmendGuaranteeRequest",
    "Amounts",
    "ApiClient",
    "ApiClientCreate",
    "ApiClientWithSecret",
    "ApproveFundingRequest",
    "Attendance",
    "AttendanceOutcome",
    "AuditActor",
    "AuditEvent",
    "AuditEventObjectIds",
    "Authorisation",
    "AuthorisationDecision",
    "Balance",
    "Beneficiary",
    "CancelReason",
    "CancelRequest",
    "CareKind",
    "CareSetting",
    "Case",
    "CaseCreate",
    "CaseEvent",
    "CaseEventData",
    "CaseOrigin",
    "CaseSort",
    "CaseStatus",
    "CaseUpdate",
    "Census",
    "Claim",
    "ClaimAcceptRequest",
    "ClaimCodeSystem",
    "ClaimContestRequest",
    "ClaimCreate",
    "ClaimDebtor",
    "ClaimKind",
    "ClaimPayment",
    "ClaimPaymentKind",
    "ClaimPayRequest",
    "ClaimStatus",
    "CloseRequest",
    "CodedEntry",
    "CodedEntryIn",
    "Companion",
    "CompanionCreate",
    "CompanionList",
    "Contact",
    "ContestedLine",
    "ContestedLineIn",
    "CoordinatingOrganizations",
    "Coverage",
    "CoverageCorrection",
    "CoverageHint",
    "CoverageIn",
    "CoverageOption",
    "CoverageOptions",
    "CoverageRoute",
    "CurrencyBalance",
    "DeclineRequest",
    "DeliveryStatus",
    "Directory",
    "DirectoryAgreement",
    "DirectoryBundle",
    "DirectoryBundleEntryItem",
    "DirectoryBundleLinkItem",
    "DirectoryService",
    "DischargeLetter",
    "DischargeLetterIn",
    "DischargeRequest",
    "Disposition",
    "Document",
    "DocumentKind",
    "DocumentList",
    "DocumentStatus",
    "DocumentUpload",
    "Eligibility",
    "EligibleAgreement",
    "Estimate",
    "EstimateCreate",
    "EventPage",
    "ExchangeRate",
    "ExpectedArrival",
    "ExportFormat",
    "ExportRows",
    "ExtendAuthorisationRequest",
    "Facility",
    "FhirBundle",
    "FhirBundleEntryItem",
    "FieldError",
    "Flow",
    "FlowLeadTimes",
    "FlowMeasure",
    "Flows",
    "FollowUpOutcome",
    "FundedGuarantee",
    "Funding",
    "Guarantee",
    "HealthStatus",
    "HoldRequest",
    "HomeDecisionRequest",
    "HomeReimbursement",
    "HomeReimbursementStatus",
    "HomeSubmissionRequest",
    "HospitalCensus",
    "InformationRequest",
    "Jwks",
    "JwksKeysItem",
    "LeadTime",
    "LetterCreate",
    "LetterKind",
    "LetterLanguage",
    "Line",
    "LogisticsTask",
    "LogisticsTaskCreate",
    "LogisticsTaskKind",
    "LogisticsTaskStatus",
    "LogisticsTaskUpdate",
    "Medication",
    "MedicationIn",
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
    "PayerPaymentKind",
    "Payment",
    "PaymentCreate",
    "PaymentKind",
    "PaymentPayer",
    "Presentation",
    "PriorAuthorisation",
    "PriorAuthorisationIn",
    "Priority",
    "Problem",
    "ProvideInformationRequest",
    "RecordArrivalRequest",
    "RecordAttendanceRequest",
    "RecordFollowUpRequest",
    "RecordTeleconsultationRequest",
    "ReferringPractitioner",
    "RegimeCountryList",
    "RegimeCountryListUpdate",
    "RequestInformationRequest",
    "Residence",
    "ResumeRequest",
    "Role",
    "RouteVerdict",
    "ScheduleFollowUpRequest",
    "ScheduleTeleconsultationRequest",
    "ScheduleTransferRequest",
    "Service",
    "ServiceCreate",
    "Sex",
    "Stage",
    "StatsFormat",
    "Stay",
    "SubmitRequest",
    "SuspendAgreement",
    "SuspensionInForce",
    "SuspensionReason",
    "Teleconsultation",
    "TeleconsultationKind",
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
    "VirtualService",
    "VirtualServiceIn",
    "Webhook",
    "WebhookAttempt",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookDelivery",
    "WebhookStatus",
    "ZoneEntry",
)
