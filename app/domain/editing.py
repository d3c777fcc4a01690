"""Which case fields may change, by status and by the side that asks.

Before submission the referral is the referrer's draft; once the receiving
hospital is working on it, identity fields (patient, receiver, specialty) are
frozen — a different patient or hospital is a different case — and only the
clinical picture, the priority and the coverage details can still be completed.
After discharge the case is a record: only who owns it at the receiving office
(`assignee`) can still change, until it closes. The care setting is the receiving
side's decision, up to arrival; afterwards an admission makes the case inpatient.
While the referrer is asked for information, the referral is theirs to complete again.
"""

from .vocabulary import CaseStatus, Role

S = CaseStatus

IDENTITY = frozenset({"patient_id", "receiving_organization_id", "specialty"})
CLINICAL = frozenset({"clinical_summary", "reason", "referring_practitioner"})
COVERAGE = frozenset({"coverage"})
PRIORITY = frozenset({"priority"})
CARE_SETTING = frozenset({"care_setting"})
ASSIGNEE = frozenset({"assignee"})

_REFERRAL = IDENTITY | CLINICAL | COVERAGE | PRIORITY | CARE_SETTING
_UNDER_REVIEW = CLINICAL | COVERAGE | PRIORITY
_OFFICE = ASSIGNEE | CARE_SETTING  # the receiving office's own fields before arrival

EDITABLE_FIELDS: dict[CaseStatus, dict[Role, frozenset[str]]] = {
    S.DRAFT: {Role.REFERRER: _REFERRAL, Role.COORDINATOR: _REFERRAL | ASSIGNEE},
    S.SUBMITTED: {Role.REFERRER: _UNDER_REVIEW, Role.COORDINATOR: _UNDER_REVIEW | _OFFICE},
    S.INFORMATION_REQUESTED: {
        Role.REFERRER: _UNDER_REVIEW,
        Role.COORDINATOR: _UNDER_REVIEW | _OFFICE,
    },
    S.TELECONSULTATION_SCHEDULED: {
        Role.REFERRER: _UNDER_REVIEW,
        Role.COORDINATOR: _UNDER_REVIEW | _OFFICE,
    },
    S.ACCEPTED: {Role.REFERRER: CLINICAL, Role.COORDINATOR: _UNDER_REVIEW | _OFFICE},
    S.ON_HOLD: {Role.REFERRER: CLINICAL, Role.COORDINATOR: CLINICAL | PRIORITY | _OFFICE},
    S.FUNDING_APPROVED: {Role.COORDINATOR: CLINICAL | PRIORITY | _OFFICE},
    S.TRANSFER_SCHEDULED: {Role.COORDINATOR: CLINICAL | PRIORITY | _OFFICE},
    S.ARRIVED: {Role.COORDINATOR: CLINICAL | ASSIGNEE},
    S.ADMITTED: {Role.COORDINATOR: CLINICAL | ASSIGNEE, Role.CLINICIAN: CLINICAL},
    S.DISCHARGED: {Role.COORDINATOR: ASSIGNEE},
}


def editable_fields(status: CaseStatus, roles: frozenset[Role]) -> frozenset[str]:
    by_role = EDITABLE_FIELDS.get(status, {})
    allowed: frozenset[str] = frozenset()
    for role in roles:
        allowed |= by_role.get(role, frozenset())
    return allowed
