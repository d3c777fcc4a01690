"""Who sees a case: the tenancy rule every case query applies, in this one place.

Other areas use it for what they reach through a case (patients, statistics); row-level
security in PostgreSQL is the backstop (`app/db/row_security.py`).
"""

from __future__ import annotations

import uuid

from sqlalchemy import Select, or_, select

from app.db.models import CaseRow
from app.domain.parties import CaseParties


def visible_to(organization_id: uuid.UUID | None):
    """The tenancy filter: a case belongs to its referring, receiving and payer organisations."""
    if organization_id is None:
        return CaseRow.id.is_(None)  # admins and org-less callers see no case
    return or_(*visibility_branches(organization_id))


def visibility_branches(organization_id: uuid.UUID | None) -> list:
    """The sides of `visible_to`, one per organisation column (each has its own index by
    creation, so a page of a list is read side by side: app.platform.paging)."""
    if organization_id is None:
        return []
    return [getattr(CaseRow, party) == organization_id for party in CaseParties.ATTRIBUTES]


def visible_cases(organization_id: uuid.UUID | None) -> Select[tuple[CaseRow]]:
    return select(CaseRow).where(visible_to(organization_id))
