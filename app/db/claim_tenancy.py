"""Who sees a claim, in this one place: its creditor (the receiving hospital) and its
debtor (the payer). The referring facility does not follow billing: a claim's events
go to these two only, and every claim query, list and export filters by them."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, or_

from app.db.models import ClaimRow


def claim_visible_to(organization_id: uuid.UUID | None) -> ColumnElement[bool]:
    if organization_id is None:
        return ClaimRow.id.is_(None)  # admins and org-less callers see no claim
    return or_(*claim_sides(organization_id))


def claim_sides(organization_id: uuid.UUID | None) -> list[ColumnElement[bool]]:
    """The sides of `claim_visible_to`: creditor, debtor (each has its own index by
    creation, so the claims list is paged side by side: app.platform.paging)."""
    if organization_id is None:
        return []
    return [
        ClaimRow.creditor_organization_id == organization_id,
        ClaimRow.debtor_organization_id == organization_id,
    ]


def claim_audience(claim: ClaimRow) -> list[uuid.UUID]:
    """Who may read a claim's events in the timeline and the feed."""
    parties = [claim.creditor_organization_id, claim.debtor_organization_id]
    # A patient invoice has no debtor organisation: its events stay with the hospital.
    return list(dict.fromkeys(org for org in parties if org is not None))
