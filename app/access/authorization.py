"""The caller against the policy table (`app/domain/policies.py`): 403 or nothing."""

from __future__ import annotations

import uuid

from app.domain.policies import POLICIES, Operation, Side, permits
from app.domain.principal import Principal
from app.platform.errors import Forbidden


def authorize(
    principal: Principal, operation: Operation, side_organization_id: uuid.UUID | None = None
) -> None:
    if not permits(operation, principal.roles, principal.organization_id, side_organization_id):
        policy = POLICIES[operation]
        code = "admin_only" if policy.side is Side.PLATFORM else "forbidden_role"
        raise Forbidden(policy.refusal, code=code)


def may(
    principal: Principal, operation: Operation, side_organization_id: uuid.UUID | None = None
) -> bool:
    return permits(operation, principal.roles, principal.organization_id, side_organization_id)
