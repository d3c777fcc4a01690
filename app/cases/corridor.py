"""A corridor's cases at once: hold every open case of a suspended agreement (or of one
receiving hospital on it, when it pauses its intake), and resume the ones its suspension
held. Each case changes through its aggregate and gets its own event (so the feed and
webhooks tell every integrator of every case); the caller's unit of work holds them all
in one transaction.

A corridor's cases are those whose `agreement_id` names it: named by the caller, or placed
in it at creation or edit as the only agreement their facts fit (issue 24; migration
0012 placed the older ones), so a CARES case created without `agreement_id` is held too.

Used by `app/registry/agreement_service.py`, which checks who may suspend
(`Operation.SUSPEND_CORRIDOR`, `Operation.PAUSE_INTAKE`) and widens the transaction to
the whole corridor first. What it tells the caller is counted over the caller's own cases
only (`Tally.yours`): the corridor's other cases are other organisations'.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from app.db.case_store import CaseStore, to_domain
from app.db.models import CaseRow
from app.db.unit_of_work import UnitOfWork
from app.domain.case import Actor
from app.domain.parties import CaseParties
from app.domain.transitions import sources_of
from app.domain.vocabulary import Action


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
