"""The words of the design contract, as enumerations.

Values are the exact strings of the API, so an enum member can be written to JSON as is.
"""

from enum import StrEnum


class CaseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    INFORMATION_REQUESTED = "information_requested"
    TELECONSULTATION_SCHEDULED = "teleconsultation_scheduled"
    ACCEPTED = "accepted"
    FUNDING_APPROVED = "funding_approved"
    TRANSFER_SCHEDULED = "transfer_scheduled"
    ARRIVED = "arrived"
    ADMITTED = "admitted"
    DISCHARGED = "discharged"
    CLOSED = "closed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    ON_HOLD = "on_hold"


class Action(StrEnum):
    """A case action; the value is its URL path segment."""

    SUBMIT = "submit"
    REQUEST_INFORMATION = "request-information"
    PROVIDE_INFORMATION = "provide-information"
    SCHEDULE_TELECONSULTATION = "schedule-teleconsultation"
    RECORD_TELECONSULTATION = "record-teleconsultation"
    ACCEPT = "accept"
    DECLINE = "decline"
    APPROVE_FUNDING = "approve-funding"
    SCHEDULE_TRANSFER = "schedule-transfer"
    RECORD_ARRIVAL = "record-arrival"
    ADMIT = "admit"
    TRANSFER_UNIT = "transfer-unit"
    RECORD_ATTENDANCE = "record-attendance"
    DISCHARGE = "discharge"
    SCHEDULE_FOLLOW_UP = "schedule-follow-up"
    RECORD_FOLLOW_UP = "record-follow-up"
    ACKNOWLEDGE_DISCHARGE = "acknowledge-discharge"
    CLOSE = "close"
    CANCEL = "cancel"
    HOLD = "hold"
    RESUME = "resume"
    EXTEND_AUTHORISATION = "extend-authorisation"
    AMEND_GUARANTEE = "amend-guarantee"


class Role(StrEnum):
    REFERRER = "referrer"
    COORDINATOR = "coordinator"
    CLINICIAN = "clinician"
    PAYER = "payer"
    # An organisation's own administrator: its API clients, webhooks and audit trail.
    # Acts on no case and reads no patient data.
    ORG_ADMIN = "org_admin"
    # The platform's administrator: organisations and agreements (and, for any
    # organisation, what an org_admin does for its own).
    ADMIN = "admin"


class Priority(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"


class CareSetting(StrEnum):
    """Where the care happens; the FHIR Encounter class follows it (IMP, SS, AMB)."""

    INPATIENT = "inpatient"
    DAY_CASE = "day_case"
    OUTPATIENT = "outpatient"


class CaseOrigin(StrEnum):
    """How the case started: a referral from abroad, or a patient already on site."""

    REFERRAL = "referral"
    EMERGENCY_PRESENTATION = "emergency_presentation"


class AttendanceOutcome(StrEnum):
    COMPLETED = "completed"
    DID_NOT_ATTEND = "did_not_attend"


class CoverageRoute(StrEnum):
    ZOAST = "zoast"
    S2 = "s2"
    EU_DIRECTIVE = "eu_directive"
    EHIC = "ehic"
    THIRD_PARTY_GUARANTEE = "third_party_guarantee"
    # A travel or assistance insurer's guarantee of payment, capped and dated.
    INSURER_GUARANTEE = "insurer_guarantee"
    SELF_PAY = "self_pay"


class RouteVerdict(StrEnum):
    """The route advisor's three answers for a coverage route."""

    APPLICABLE = "applicable"
    NOT_APPLICABLE = "not_applicable"  # a condition fails on the known facts
    UNDETERMINED = "undetermined"  # nothing fails yet, but a condition needs an unknown fact


class TeleconsultationMode(StrEnum):
    VIDEO = "video"
    PHONE = "phone"
    STORE_AND_FORWARD = "store_and_forward"


class TeleconsultationKind(StrEnum):
    """A consultation before acceptance, or a follow-up after discharge."""

    CONSULTATION = "consultation"
    FOLLOW_UP = "follow_up"


class FollowUpOutcome(StrEnum):
    COMPLETED = "completed"
    FURTHER_FOLLOW_UP_NEEDED = "further_follow_up_needed"
    NO_SHOW = "no_show"


class TeleconsultationStatus(StrEnum):
    BOOKED = "booked"
    FULFILLED = "fulfilled"
    NOSHOW = "noshow"
    CANCELLED = "cancelled"


class TeleconsultationOutcome(StrEnum):
    TRANSFER_RECOMMENDED = "transfer_recommended"
    TREAT_LOCALLY = "treat_locally"
    NOT_ELIGIBLE = "not_eligible"
    MORE_INFORMATION_NEEDED = "more_information_needed"
    NO_SHOW = "no_show"


class Transport(StrEnum):
    COMMERCIAL_FLIGHT = "commercial_flight"
    AIR_AMBULANCE = "air_ambulance"
    GROUND_AMBULANCE = "ground_ambulance"
    SEA = "sea"
    OTHER = "other"


class LogisticsTaskKind(StrEnum):
    INVITATION_LETTER = "invitation_letter"
    VISA = "visa"
    TRAVEL = "travel"
    GROUND_TRANSPORT = "ground_transport"
    ACCOMMODATION = "accommodation"
    INTERPRETER = "interpreter"
    ESCORT = "escort"
    RETURN_TRANSPORT = "return_transport"
    REPATRIATION = "repatriation"


class LogisticsTaskStatus(StrEnum):
    REQUESTED = "requested"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    NOT_NEEDED = "not_needed"
    CANCELLED = "cancelled"


class Beneficiary(StrEnum):
    """Whom a logistics task serves (travel, accommodation): the patient or a companion."""

    PATIENT = "patient"
    COMPANION = "companion"


class Disposition(StrEnum):
    """FHIR Encounter.hospitalization.dischargeDisposition codes."""

    HOME = "home"
    ALT_HOME = "alt-home"
    OTHER_HCF = "other-hcf"
    HOSP = "hosp"
    LONG = "long"
    AADVICE = "aadvice"
    EXP = "exp"
    PSY = "psy"
    REHAB = "rehab"
    SNF = "snf"
    OTH = "oth"


class CancelReason(StrEnum):
    PATIENT_WITHDREW = "patient_withdrew"
    DECEASED = "deceased"
    FUNDING_REFUSED = "funding_refused"
    TREATED_LOCALLY = "treated_locally"
    DUPLICATE = "duplicate"
    OTHER = "other"


class OrganizationKind(StrEnum):
    REFERRING_FACILITY = "referring_facility"
    RECEIVING_FACILITY = "receiving_facility"
    PAYER = "payer"
    LIAISON_BODY = "liaison_body"
    COORDINATION_BODY = "coordination_body"


class SuspensionReason(StrEnum):
    """Why a whole corridor stops taking patients for a while."""

    BORDER_CLOSURE = "border_closure"
    TRANSPORT_DISRUPTION = "transport_disruption"
    CAPACITY = "capacity"
    OTHER = "other"


class AgreementKind(StrEnum):
    ZOAST = "zoast"
    S2 = "s2"
    EU_DIRECTIVE = "eu_directive"
    BILATERAL = "bilateral"
    PRIVATE_CONTRACT = "private_contract"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class PaymentKind(StrEnum):
    DEPOSIT = "deposit"
    BALANCE = "balance"
    REFUND = "refund"


class PaymentPayer(StrEnum):
    PATIENT = "patient"
    THIRD_PARTY = "third_party"


class ClaimKind(StrEnum):
    INTERIM = "interim"
    FINAL = "final"


class ClaimStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    CONTESTED = "contested"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    REPLACED = "replaced"


class ClaimDebtor(StrEnum):
    """A claim goes to the payer organisation, or is an invoice to the patient (self-pay,
    Directive 2011/24)."""

    PAYER = "payer"
    PATIENT = "patient"


class ClaimCodeSystem(StrEnum):
    """The nomenclatures a claim line's code comes from."""

    CCAM = "ccam"  # Classification commune des actes médicaux (France)
    GHS = "ghs"  # Groupe homogène de séjours (France, hospital stays)
    NGAP = "ngap"  # Nomenclature générale des actes professionnels (France)
    INAMI = "inami"  # Nomenclature des prestations de santé INAMI-RIZIV (Belgium)
    LOCAL = "local"  # the hospital's own tariff


class HomeReimbursementStatus(StrEnum):
    """Where the patient's claim at home stands (Directive 2011/24 Art. 7(4))."""

    SUBMITTED = "submitted"
    REIMBURSED = "reimbursed"
    PARTIALLY_REIMBURSED = "partially_reimbursed"
    REFUSED = "refused"


class AuthorisationDecision(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"


class ClaimPaymentKind(StrEnum):
    """EESSI S089/S090 (down payment) and S091/S092 (payment notice); deposit_applied:
    the advances Corridor deducts from a final claim."""

    DOWN_PAYMENT = "down_payment"
    INSTALMENT = "instalment"
    # Advances received (deposits), deducted from a final claim by Corridor itself; a
    # payer never records one.
    DEPOSIT_APPLIED = "deposit_applied"


# What a payer records when it pays a claim: every kind but Corridor's own entry.
PayerPaymentKind = StrEnum(
    "PayerPaymentKind",
    {
        kind.name: kind.value
        for kind in ClaimPaymentKind
        if kind != ClaimPaymentKind.DEPOSIT_APPLIED
    },
)
PayerPaymentKind.__doc__ = "A payment a payer records: a down payment (S089/S090) or an instalment."


CASE_CREATED = "case.created"
CASE_UPDATED = "case.updated"
# The receiving hospital corrected the coverage after arrival (issue 24): not a lifecycle
# action (the status stays), an event of its own.
CASE_COVERAGE_CORRECTED = "case.coverage_corrected"
# The home state's decision on a prior authorisation (Directive 2011/24 Art. 8) recorded.
CASE_PRIOR_AUTHORISATION_RECORDED = "case.prior_authorisation_recorded"

# The event type each action appends: "case.<action in past tense>".
EVENT_TYPES: dict[Action, str] = {
    Action.SUBMIT: "case.submitted",
    Action.REQUEST_INFORMATION: "case.information_requested",
    Action.PROVIDE_INFORMATION: "case.information_provided",
    Action.SCHEDULE_TELECONSULTATION: "case.teleconsultation_scheduled",
    Action.RECORD_TELECONSULTATION: "case.teleconsultation_recorded",
    Action.ACCEPT: "case.accepted",
    Action.DECLINE: "case.declined",
    Action.APPROVE_FUNDING: "case.funding_approved",
    Action.SCHEDULE_TRANSFER: "case.transfer_scheduled",
    Action.RECORD_ARRIVAL: "case.arrived",
    Action.ADMIT: "case.admitted",
    Action.TRANSFER_UNIT: "case.unit_transferred",
    Action.RECORD_ATTENDANCE: "case.attendance_recorded",
    Action.DISCHARGE: "case.discharged",
    Action.SCHEDULE_FOLLOW_UP: "case.follow_up_scheduled",
    Action.RECORD_FOLLOW_UP: "case.follow_up_recorded",
    Action.ACKNOWLEDGE_DISCHARGE: "case.discharge_acknowledged",
    Action.CLOSE: "case.closed",
    Action.CANCEL: "case.cancelled",
    Action.HOLD: "case.held",
    Action.RESUME: "case.resumed",
    Action.EXTEND_AUTHORISATION: "case.authorisation_extended",
    Action.AMEND_GUARANTEE: "case.guarantee_amended",
}

# Every event type a case can emit, creation first, for webhook and feed filters.
CASE_EVENT_TYPES: tuple[str, ...] = (
    CASE_CREATED,
    CASE_UPDATED,
    *EVENT_TYPES.values(),
    CASE_COVERAGE_CORRECTED,
    CASE_PRIOR_AUTHORISATION_RECORDED,
)


# Events about a case that leave its status alone: money, claims and documents.
ESTIMATE_ISSUED = "estimate.issued"
PAYMENT_RECORDED = "payment.recorded"
CLAIM_SUBMITTED = "claim.submitted"
CLAIM_ACCEPTED = "claim.accepted"
CLAIM_CONTESTED = "claim.contested"
CLAIM_PAID = "claim.paid"
# The patient's invoice submitted to the home insurer, and its answer (Directive 2011/24
# Art. 7(4)).
CLAIM_HOME_SUBMITTED = "claim.home_reimbursement_submitted"
CLAIM_HOME_DECIDED = "claim.home_reimbursement_decided"
DOCUMENT_ADDED = "document.added"
DOCUMENT_WITHDRAWN = "document.withdrawn"
LETTER_GENERATED = "letter.generated"
SIDE_EVENT_TYPES: tuple[str, ...] = (
    ESTIMATE_ISSUED,
    PAYMENT_RECORDED,
    CLAIM_SUBMITTED,
    CLAIM_ACCEPTED,
    CLAIM_CONTESTED,
    CLAIM_PAID,
    CLAIM_HOME_SUBMITTED,
    CLAIM_HOME_DECIDED,
    DOCUMENT_ADDED,
    DOCUMENT_WITHDRAWN,
    LETTER_GENERATED,
)

# Every event type there is, for the feed's and webhooks' filters.
ALL_EVENT_TYPES: tuple[str, ...] = (*CASE_EVENT_TYPES, *SIDE_EVENT_TYPES)


def event_type_for(action: Action | str) -> str:
    return EVENT_TYPES[Action(action)]


# Webhooks: an endpoint receives deliveries while active; a delivery ends one way or the other.
class WebhookStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
