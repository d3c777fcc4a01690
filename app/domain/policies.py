"""Who may do what outside the lifecycle table: one row per operation, roles and side.

The lifecycle actions have their own table (`transitions.py`, the "who" column); every
other operation that is not open to every caller is a row here. A role counts only
when the caller acts from the operation's side: a coordinator of another hospital is
not the receiving coordinator of this case, a payer is the debtor of its own claims
only.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from .vocabulary import Role


class Side(StrEnum):
    PLATFORM = "platform"  # a platform admin, who belongs to no organisation
    OWN_ORGANIZATION = "own_organization"  # the caller's organisation, whichever it is
    CASE_PARTY = "case_party"  # the organisation the role acts for on the case
    RECEIVING = "receiving"  # the case's receiving organisation
    DEBTOR = "debtor"  # the claim's debtor organisation
    # A care corridor (agreement) as a whole: a platform admin, or the role at one of the
    # coordination bodies the agreement names (`coordinating_organization_ids`).
    CORRIDOR = "corridor"


class Operation(StrEnum):
    ADMINISTER_REGISTRY = "administer-registry"  # organisations, agreements, any API client
    MANAGE_API_CLIENTS = "manage-api-clients"  # the caller's own organisation's
    CREATE_CASE = "create-case"
    REGISTER_PATIENT = "register-patient"  # and edit one
    HANDLE_CASE_LOGISTICS_AND_MONEY = "handle-case-logistics-and-money"
    READ_EARLIER_CASES = "read-earlier-cases"  # the same person's cases at this hospital
    WRITE_LETTERS = "write-letters"  # visa invitation, quote, invoice, discharge summary
    ANSWER_CLAIM = "answer-claim"  # accept, contest, pay
    EXPORT_BILLING = "export-billing"
    MANAGE_WEBHOOKS = "manage-webhooks"
    READ_ALL_AUDIT = "read-all-audit"
    READ_OWN_AUDIT = "read-own-audit"
    PUBLISH_SERVICES = "publish-services"  # the organisation's own directory entries
    WITHDRAW_ANY_DOCUMENT = "withdraw-any-document"  # beyond the organisation's own
    SUSPEND_CORRIDOR = "suspend-corridor"  # hold (and resume) every open case of an agreement
    # Hold (and resume) one receiving hospital's open cases of an agreement, and refuse new
    # submissions to it on that corridor.
    PAUSE_INTAKE = "pause-intake"


@dataclass(frozen=True)
class Policy:
    roles: frozenset[Role]
    side: Side
    refusal: str  # what the 403 says


POLICIES: dict[Operation, Policy] = {
    Operation.ADMINISTER_REGISTRY: Policy(
        frozenset({Role.ADMIN}), Side.PLATFORM, "Only a platform admin may do this."
    ),
    # The referring side, or the receiving side on its behalf.
    Operation.CREATE_CASE: Policy(
        frozenset({Role.REFERRER, Role.COORDINATOR}),
        Side.CASE_PARTY,
        "Only referrers and coordinators create cases.",
    ),
    Operation.REGISTER_PATIENT: Policy(
        frozenset({Role.REFERRER, Role.COORDINATOR, Role.CLINICIAN}),
        Side.OWN_ORGANIZATION,
        "Only referrers, coordinators and clinicians register or edit patients.",
    ),
    Operation.HANDLE_CASE_LOGISTICS_AND_MONEY: Policy(
        frozenset({Role.COORDINATOR}),
        Side.RECEIVING,
        "Only the receiving organisation's coordinators do this on a case.",
    ),
    # The receiving hospital's people look up the patient's history at their own hospital.
    Operation.READ_EARLIER_CASES: Policy(
        frozenset({Role.COORDINATOR, Role.CLINICIAN}),
        Side.RECEIVING,
        "Only the receiving organisation's coordinators and clinicians see earlier cases.",
    ),
    # The receiving hospital's international office writes the letters of a case.
    Operation.WRITE_LETTERS: Policy(
        frozenset({Role.COORDINATOR}),
        Side.RECEIVING,
        "Only the receiving organisation's coordinators write letters.",
    ),
    Operation.ANSWER_CLAIM: Policy(
        frozenset({Role.PAYER}),
        Side.DEBTOR,
        "Only the debtor organisation's payers answer and pay a claim.",
    ),
    # Payers export what they owe, coordinators what their organisation claimed.
    Operation.EXPORT_BILLING: Policy(
        frozenset({Role.PAYER, Role.COORDINATOR}),
        Side.OWN_ORGANIZATION,
        "The billing export is for payers and coordinators of an organisation.",
    ),
    # An organisation's own administrator: so that the platform admin is needed only for
    # organisations and agreements.
    Operation.MANAGE_API_CLIENTS: Policy(
        frozenset({Role.ORG_ADMIN}),
        Side.OWN_ORGANIZATION,
        "API clients are managed by the organisation's org_admin or a platform admin.",
    ),
    Operation.MANAGE_WEBHOOKS: Policy(
        frozenset({Role.ORG_ADMIN, Role.COORDINATOR, Role.PAYER, Role.REFERRER}),
        Side.OWN_ORGANIZATION,
        "Webhooks belong to an organisation; its org_admins, coordinators, payers and "
        "referrers manage them.",
    ),
    Operation.READ_ALL_AUDIT: Policy(
        frozenset({Role.ADMIN}), Side.PLATFORM, "Only platform admins read the whole trail."
    ),
    Operation.READ_OWN_AUDIT: Policy(
        frozenset({Role.ORG_ADMIN, Role.COORDINATOR, Role.PAYER}),
        Side.OWN_ORGANIZATION,
        "Only platform admins and an organisation's org_admins, coordinators or payers read "
        "the audit trail.",
    ),
    # What a receiving organisation offers in the public directory: its coordinators know
    # the offer, its org_admin manages its public face (and a platform admin, by the
    # service, for any organisation).
    Operation.PUBLISH_SERVICES: Policy(
        frozenset({Role.COORDINATOR, Role.ORG_ADMIN}),
        Side.RECEIVING,
        "Only the organisation's coordinators and org_admins publish its services.",
    ),
    # Each organisation withdraws the documents it added; the receiving hospital's
    # coordinators keep the file and withdraw any.
    Operation.WITHDRAW_ANY_DOCUMENT: Policy(
        frozenset({Role.COORDINATOR}),
        Side.RECEIVING,
        "Only the organisation that added a document, or the receiving coordinators, withdraw it.",
    ),
    # A border closure, a hurricane: a corridor shared by several hospitals stops as a
    # whole only by the coordination bodies it names, or the platform admin; one hospital
    # never stops the others' cases (issue 23).
    Operation.SUSPEND_CORRIDOR: Policy(
        frozenset({Role.ADMIN, Role.COORDINATOR}),
        Side.CORRIDOR,
        "Only a platform admin or a coordinator of a coordination body the agreement names "
        "suspends or resumes the corridor.",
    ),
    # A full ward: the receiving hospital's office pauses its own intake on the corridor.
    Operation.PAUSE_INTAKE: Policy(
        frozenset({Role.COORDINATOR}),
        Side.RECEIVING,
        "Only a coordinator of one of the agreement's receiving organisations pauses or "
        "resumes its own intake on the corridor.",
    ),
}


# Role sets that are not one operation's row, named here so that each is written once.
# The roles that work on cases, patients, claims and their feeds: an org_admin without one
# reads no case data (app.http.dependencies refuses it before any lookup).
DATA_ROLES: frozenset[Role] = frozenset(
    {Role.REFERRER, Role.COORDINATOR, Role.CLINICIAN, Role.PAYER}
)
# The roles an API client may act in: admin work is done by people, with their own
# tokens, so no client acts as an admin or an org_admin.
API_CLIENT_ROLES: frozenset[Role] = DATA_ROLES
# The two hospitals' international offices: they see a case's companions (names,
# passports; app.domain.documents).
OFFICE_ROLES: frozenset[Role] = frozenset({Role.COORDINATOR, Role.REFERRER})


def permits(
    operation: Operation,
    roles: Iterable[Role | str],
    caller_organization_id: UUID | None,
    side_organization_id: UUID | Collection[UUID] | None = None,
) -> bool:
    """Whether a caller with these roles, of this organisation, may do the operation.

    `side_organization_id` is the organisation of the operation's side (the case's
    receiving organisation, the claim's debtor), or its organisations (a corridor's
    coordination bodies, an agreement's receiving organisations); CASE_PARTY operations
    leave the side to the aggregate (`Case.acting_roles`) and need only an organisation
    here.
    """
    policy = POLICIES[operation]
    granted = {str(role) for role in policy.roles} & {str(role) for role in roles}
    if not granted:
        return False
    if policy.side is Side.PLATFORM:
        return True
    if policy.side is Side.CORRIDOR and str(Role.ADMIN) in granted:
        return True
    if caller_organization_id is None:
        return False
    if policy.side in (Side.OWN_ORGANIZATION, Side.CASE_PARTY):
        return True
    if isinstance(side_organization_id, UUID) or side_organization_id is None:
        return side_organization_id == caller_organization_id
    return caller_organization_id in side_organization_id
