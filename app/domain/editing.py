"""Which case fields may change, by status and by the side that asks.

Before submission the referral is the referrer's draft; once the receiving
hospital is working on it, identity fields (patient, receiver, specialty) are
frozen — a different patient or hospital is a different case — and only the
clinical picture, the priority and the coverage details can still be completed.
After discharge nothing changes: the case is a record.
"""

from .vocabulary import CaseStatus, Role

S = CaseStatus

IDENTITY = frozenset({"patient_id", "receiving_organization_id", "specialty"})
CLINICAL = frozenset({"clinical_summary", "reason", "referring_practitioner"})
COVERAGE = frozenset({"coverage"})
PRIORITY = frozenset({"priority"})

_REFERRAL = IDENTITY | CLINICAL | COVERAGE | PRIORITY
_UNDER_REVIEW = CLINICAL | COVERAGE | PRIORITY

EDITABLE_FIELDS: dict[CaseStatus, dict[Role, frozenset[str]]] = {
    S.DRAFT: {Role.REFERRER: _REFERRAL, Role.COORDINATOR: _REFERRAL},
    S.SUBMITTED: {Role.REFERRER: _UNDER_REVIEW, Role.COORDINATOR: _UNDER_REVIEW},
    S.TELECONSULTATION_SCHEDULED: {Role.REFERRER: _UNDER_REVIEW, Role.COORDINATOR: _UNDER_REVIEW},
    S.ACCEPTED: {Role.REFERRER: CLINICAL, Role.COORDINATOR: _UNDER_REVIEW},
    S.ON_HOLD: {Role.REFERRER: CLINICAL, Role.COORDINATOR: CLINICAL | PRIORITY},
    S.FUNDING_APPROVED: {Role.COORDINATOR: CLINICAL | PRIORITY},
    S.TRANSFER_SCHEDULED: {Role.COORDINATOR: CLINICAL | PRIORITY},
    S.ARRIVED: {Role.COORDINATOR: CLINICAL},
    S.ADMITTED: {Role.COORDINATOR: CLINICAL, Role.CLINICIAN: CLINICAL},
}


def editable_fields(status: CaseStatus, roles: frozenset[Role]) -> frozenset[str]:
    by_role = EDITABLE_FIELDS.get(status, {})
    allowed: frozenset[str] = frozenset()
    for role in roles:
        allowed |= by_role.get(role, frozenset())
    return allowed
