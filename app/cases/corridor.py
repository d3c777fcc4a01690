"""A corridor's cases at once: hold every open case of a suspended agreement, and resume
the ones its suspension held. Each case changes through its aggregate and gets its own
event (so the feed and webhooks tell every integrator of every case); the caller's unit
of work holds them all in one transaction.

A corridor's cases are those whose `agreement_id` names it: named by the caller, or placed
in it at creation or edit as the only agreement their facts fit (issue 24; migration
0012 placed the older ones), so a CARES case created without `agreement_id` is held too.

Used by `app/registry/agreement_service.py`, which checks who may suspend
(`Operation.SUSPEND_CORRIDOR`) and widens the transaction to the whole corridor first.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime

from app.db.repositories import cases as case_repository
from app.db.repositories.cases import CaseRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.case import Actor
from app.domain.transitions import sources_of
from app.domain.vocabulary import Action


async def hold_corridor(
    uow: UnitOfWork,
    actor: Actor,
    agreement_id: uuid.UUID,
    suspension_id: uuid.UUID,
    reason_code: str,
    now: datetime,
) -> Counter[str]:
    """Hold every case of the agreement that the `hold` row can leave from; the count
    per status it was held from."""
    cases = uow.repository(CaseRepository)
    held: Counter[str] = Counter()
    for row in await cases.of_corridor_for_update(agreement_id, sources_of(Action.HOLD)):
        case = case_repository.to_domain(row)
        held[case.status.value] += 1
        case.hold_for_suspension(
            actor=actor, now=now, suspension_id=suspension_id, reason_code=reason_code
        )
        await cases.save(case, row, now)
    return held


async def resume_corridor(
    uow: UnitOfWork, actor: Actor, suspension_id: uuid.UUID, now: datetime
) -> Counter[str]:
    """Resume each case this suspension holds to the status it was held from; the count
    per status resumed to. Cases held for another reason are not touched."""
    cases = uow.repository(CaseRepository)
    resumed: Counter[str] = Counter()
    for row in await cases.held_by_for_update(suspension_id):
        case = case_repository.to_domain(row)
        case.resume_after_suspension(actor=actor, now=now, suspension_id=suspension_id)
        resumed[case.status.value] += 1
        await cases.save(case, row, now)
    return resumed
