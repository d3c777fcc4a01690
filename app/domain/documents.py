"""Documents of a case: their kinds and who may see which (standard library only).

One rule, one place: the routes, the service and the letters all ask `may_see`.
"""

from __future__ import annotations

from enum import StrEnum

from .policies import OFFICE_ROLES


class DocumentKind(StrEnum):
    MEDICAL_REPORT = "medical_report"
    IMAGING_REPORT = "imaging_report"
    LAB_RESULT = "lab_result"
    PRESCRIPTION = "prescription"
    QUOTE = "quote"
    GUARANTEE_LETTER = "guarantee_letter"
    AUTHORISATION = "authorisation"  # S2, E112
    INVITATION_LETTER = "invitation_letter"
    INVOICE = "invoice"
    DISCHARGE_LETTER = "discharge_letter"
    IDENTITY_DOCUMENT = "identity_document"
    OTHER = "other"


class DocumentStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class Side(StrEnum):
    """How the caller stands to the case, for documents."""

    REFERRING = "referring"
    RECEIVING = "receiving"
    PAYER = "payer"


# What a payer that is not also a care party sees: billing and authorisation papers.
PAYER_KINDS: frozenset[DocumentKind] = frozenset(
    {
        DocumentKind.QUOTE,
        DocumentKind.GUARANTEE_LETTER,
        DocumentKind.AUTHORISATION,
        DocumentKind.INVOICE,
    }
)

# Identity documents (passport copies) are for the receiving hospital's office alone.
IDENTITY_KINDS: frozenset[DocumentKind] = frozenset({DocumentKind.IDENTITY_DOCUMENT})


def may_see(kind: DocumentKind | str, sides: set[Side], roles: set[str]) -> bool:
    """Whether a caller standing on `sides` of the case, with `roles`, sees a document."""
    kind = DocumentKind(kind)
    if kind in IDENTITY_KINDS:
        return Side.RECEIVING in sides and "coordinator" in roles
    if Side.REFERRING in sides or Side.RECEIVING in sides:
        return True
    if Side.PAYER in sides:
        return kind in PAYER_KINDS
    return False


def may_upload(kind: DocumentKind | str, sides: set[Side], roles: set[str]) -> bool:
    """Care parties upload any kind (a referrer sends the passport copy it may not read
    back); a payer only the papers it issues or reads."""
    kind = DocumentKind(kind)
    if Side.REFERRING in sides or Side.RECEIVING in sides:
        return bool(roles - {"payer"})
    if Side.PAYER in sides:
        return kind in PAYER_KINDS
    return False


def sees_companions(sides: set[Side], roles: set[str]) -> bool:
    """Companions (names, passports) are for the two hospitals' international offices."""
    return bool(sides & {Side.REFERRING, Side.RECEIVING}) and bool(
        roles & {str(role) for role in OFFICE_ROLES}
    )


def sees_kinds(sides: set[Side], roles: set[str]) -> list[DocumentKind]:
    return [kind for kind in DocumentKind if may_see(kind, sides, roles)]
