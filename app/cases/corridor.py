"""A corridor's cases at once: hold every open case of a suspended agreement (or of one
receiving hospital on it, when it pauses its intake), and resume the ones its suspension
held. Each case changes through its aggregate and gets its own event (so the feed and
webhooks tell every integrator of every case); the caller's unit of work holds them all
in one transaction.

A corridor's cases are those whose `agreement_id` names it: named by the caller, or placed
in it at creation or edit as the only agreement their facts fit (issue 24; migration
0012 placed the older ones), so a CARES case created without `agreement_id` is held too.

The use cases below check who may suspend (`Operation.SUSPEND_CORRIDOR`,
`Operation.PAUSE_INTAKE`) through the agreement's area (app.registry.agreement_service,
which keeps the suspension rows) and widen the transaction to the whole corridor
first. What they tell the caller is counted over the caller's own cases only
(`Tally.yours`): the corridor's other cases are other organisations'.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from app.db.case_store import CaseStore, to_domain
from app.db.models import AgreementRow, CaseRow
from app.db.unit_of_work import UnitOfWork
from app.domain.case import Actor
from app.domain.parties import CaseParties
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.transitions import sources_of
from app.domain.vocabulary import Action, SuspensionReason
from app.registry import agreement_service
from app.registry.agreement_service import SuspensionOutcome


@dataclass
class Tally:
    total: int = 0  # every case changed (kept on the suspension row, shown to nobody)
    yours: Counter[str] = field(default_factory=Counter)  # the reader's own, by status

    def count(self, row: CaseRow, status: str, reader: uuid.UUID | None) -> None:
        self.total += 1
        # The tenancy rule of `app.db.case_tenancy.visible_to`, on a row in hand.
        if CaseParties.of(row).includes(reader):
            self.yours[status] += 1


async def hold_corridor(
    uow: UnitOfWork,
    actor: Actor,
    agreement_id: uuid.UUID,
    suspension_id: uuid.UUID,
    reason_code: str,
    now: datetime,
    *,
    reader: uuid.UUID | None,
    receiving_organization_id: uuid.UUID | None = None,
) -> Tally:
    """Hold every case of the agreement (of that receiving hospital, when given) that the
    `hold` row can leave from; how many, and the reader's own per status held from."""
    cases = uow.repository(CaseStore)
    held = Tally()
    found = await cases.of_corridor_for_update(
        agreement_id, sources_of(Action.HOLD), receiving_organization_id
    )
    for row in found:
        case = to_domain(row)
        held.count(row, case.status.value, reader)
        case.hold_for_suspension(
            actor=actor, now=now, suspension_id=suspension_id, reason_code=reason_code
        )
        await cases.save(row, case, now)
    return held


async def resume_corridor(
    uow: UnitOfWork,
    actor: Actor,
    suspension_id: uuid.UUID,
    now: datetime,
    *,
    reader: uuid.UUID | None,
) -> Tally:
    """Resume each case this suspension holds to the status it was held from; how many,
    and the reader's own per status resumed to. Cases held for another reason are not
    touched."""
    cases = uow.repository(CaseStore)
    resumed = Tally()
    for row in await cases.held_by_for_update(suspension_id):
        case = to_domain(row)
        case.resume_after_suspension(actor=actor, now=now, suspension_id=suspension_id)
        resumed.count(row, case.status.value, reader)
        await cases.save(row, case, now)
    return resumed


# -- the use cases: a corridor in a crisis ----------------------------------------------


def _actor(principal: Principal) -> Actor:
    return Actor(
        sub=principal.sub, organization_id=principal.organization_id, roles=principal.roles
    )


async def suspend(
    uow: UnitOfWork,
    principal: Principal,
    agreement_id: uuid.UUID,
    reason: SuspensionReason,
    note: str | None,
    now: datetime,
) -> SuspensionOutcome:
    """Hold every open case of the corridor, in this one transaction; no submission on it
    until it resumes (the agreement's coordination bodies and platform admins)."""
    row = await agreement_service.corridor_for(
        uow, principal, agreement_id, Operation.SUSPEND_CORRIDOR
    )
    return await _hold(uow, principal, row, reason, note, now, receiving_organization_id=None)


async def pause_intake(
    uow: UnitOfWork,
    principal: Principal,
    agreement_id: uuid.UUID,
    reason: SuspensionReason,
    note: str | None,
    now: datetime,
) -> SuspensionOutcome:
    """Hold the caller's hospital's open cases of the corridor, and take no submission to
    it on the corridor until it resumes (a receiving hospital's coordinators)."""
    row = await agreement_service.corridor_for(uow, principal, agreement_id, Operation.PAUSE_INTAKE)
    return await _hold(
        uow, principal, row, reason, note, now, receiving_organization_id=principal.organization_id
    )


async def resume(
    uow: UnitOfWork, principal: Principal, agreement_id: uuid.UUID, now: datetime
) -> SuspensionOutcome:
    """Each case the suspension held back to the status it was held from, in one
    transaction; the corridor takes submissions again."""
    row = await agreement_service.corridor_for(
        uow, principal, agreement_id, Operation.SUSPEND_CORRIDOR
    )
    return await _release(uow, principal, row, now, receiving_organization_id=None)


async def resume_intake(
    uow: UnitOfWork, principal: Principal, agreement_id: uuid.UUID, now: datetime
) -> SuspensionOutcome:
    """The caller's hospital's cases its pause held back where they were; it takes
    submissions on the corridor again."""
    row = await agreement_service.corridor_for(uow, principal, agreement_id, Operation.PAUSE_INTAKE)
    return await _release(
        uow, principal, row, now, receiving_organization_id=principal.organization_id
    )


async def _hold(
    uow: UnitOfWork,
    principal: Principal,
    row: AgreementRow,
    reason: SuspensionReason,
    note: str | None,
    now: datetime,
    *,
    receiving_organization_id: uuid.UUID | None,
) -> SuspensionOutcome:
    suspension = await agreement_service.open_suspension(
        uow, principal, row, reason, note, now, receiving_organization_id=receiving_organization_id
    )
    # Every case of the corridor (or of the pausing hospital), whoever may read it: the
    # policy row allowed it. What the caller is told is counted over its own cases only.
    await uow.widen_to_system()
    held = await hold_corridor(
        uow,
        _actor(principal),
        row.id,
        suspension.id,
        reason.value,
        now,
        reader=principal.organization_id,
        receiving_organization_id=receiving_organization_id,
    )
    suspension.held_count = held.total
    row = await agreement_service.refreshed(uow, row)
    return SuspensionOutcome(row, suspension, dict(sorted(held.yours.items())))


async def _release(
    uow: UnitOfWork,
    principal: Principal,
    row: AgreementRow,
    now: datetime,
    *,
    receiving_organization_id: uuid.UUID | None,
) -> SuspensionOutcome:
    suspension = await agreement_service.suspension_to_close(
        uow, row, receiving_organization_id=receiving_organization_id
    )
    await uow.widen_to_system()
    resumed = await resume_corridor(
        uow, _actor(principal), suspension.id, now, reader=principal.organization_id
    )
    suspension.resumed_at = now
    suspension.resumed_by = principal.sub
    suspension.resumed_count = resumed.total
    row = await agreement_service.refreshed(uow, row)
    return SuspensionOutcome(row, suspension, dict(sorted(resumed.yours.items())))
