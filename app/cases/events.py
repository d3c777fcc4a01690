"""Events about a case written by other areas (estimates, payments, claims): they share the
case's timeline and the integrators' feed without changing its status."""

from __future__ import annotations

import uuid
from datetime import datetime

from app.db.models import CaseEventRow, CaseRow
from app.domain.parties import CaseParties
from app.domain.vocabulary import Role


def side_event_row(
    row: CaseRow,
    type_: str,
    *,
    actor_sub: str,
    actor_organization_id: uuid.UUID | None,
    actor_role: Role | None,
    occurred_at: datetime,
    data: dict,
    reason: str | None = None,
    audience: list[uuid.UUID] | None = None,
) -> CaseEventRow:
    """An event about a case that does not change its status (estimate, payment, claim).

    `audience` narrows who may read it; by default, the case's organisations.
    """
    if audience is None:
        audience = CaseParties.of(row).organizations
    return CaseEventRow(
        type=type_,
        case_id=row.id,
        case_version=row.version,
        from_status=row.status,
        to_status=row.status,
        actor_sub=actor_sub,
        actor_organization_id=actor_organization_id,
        actor_role=actor_role,
        reason=reason,
        data=data,
        visible_to=list(dict.fromkeys(audience)),
        occurred_at=occurred_at,
    )
