"""The transfer checklist of a case: invitation letter, visa, travel, interpreter..."""

from __future__ import annotations

import uuid

from app.access.tokens import Principal
from app.cases.repository import CaseRepository
from app.cases.service import case_for_receiving_coordinator
from app.domain.logistics import check_checklist_open, check_task_transition
from app.domain.vocabulary import CaseStatus, LogisticsTaskStatus
from app.models import LogisticsTaskRow
from app.platform.clock import now_utc
from app.platform.errors import NotFound
from app.platform.unit_of_work import UnitOfWork
from app.platform.versioning import check_version


async def add_task(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, values: dict
) -> LogisticsTaskRow:
    case = await case_for_receiving_coordinator(uow, principal, case_id)
    check_checklist_open(CaseStatus(case.status))
    now = now_utc()
    task = LogisticsTaskRow(
        id=uuid.uuid4(),
        case_id=case.id,
        status=LogisticsTaskStatus.REQUESTED.value,
        version=1,
        created_at=now,
        updated_at=now,
        **values,
    )
    await uow.repository(CaseRepository).add_task(task)
    return task


async def update_task(
    uow: UnitOfWork,
    principal: Principal,
    case_id: uuid.UUID,
    task_id: uuid.UUID,
    changes: dict,
    if_match: str,
) -> LogisticsTaskRow:
    case = await case_for_receiving_coordinator(uow, principal, case_id)
    cases = uow.repository(CaseRepository)
    task = await cases.task_for_update(case.id, task_id)
    if task is None:
        raise NotFound("logistics task")
    check_version(task.version, if_match)
    if changes.get("status") is not None:
        check_task_transition(
            LogisticsTaskStatus(task.status), LogisticsTaskStatus(changes["status"])
        )
    for name, value in changes.items():
        if name == "status" and value is None:
            continue
        setattr(task, name, value)
    task.version += 1
    task.updated_at = now_utc()
    await cases.flush()
    return task
