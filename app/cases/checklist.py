"""The transfer checklist of a case: invitation letter, visa, travel, interpreter..."""

from __future__ import annotations

import uuid

from app.cases.service import case_for_receiving_coordinator
from app.db.models import LogisticsTaskRow
from app.db.repositories.cases import CaseRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.logistics import (
    BENEFICIARY_KINDS,
    LANGUAGE_KINDS,
    check_checklist_open,
    check_task_transition,
)
from app.domain.principal import Principal
from app.domain.vocabulary import LogisticsTaskKind, LogisticsTaskStatus
from app.platform.clock import now_utc
from app.platform.errors import InvalidRequest, NotFound
from app.platform.versioning import check_version


def _check_task_fields(kind: LogisticsTaskKind, values: dict) -> None:
    """An interpreter needs a language; only some kinds carry one or a beneficiary."""
    if kind in LANGUAGE_KINDS and values.get("language") is None and "language" in values:
        raise InvalidRequest(
            "An interpreter task names the language (an IETF tag: fr, en, ht, nl).",
            code="language_required",
            field="language",
        )
    if kind not in LANGUAGE_KINDS and values.get("language") is not None:
        raise InvalidRequest(
            "Only interpreter tasks carry a language.",
            code="language_not_applicable",
            field="language",
        )
    if kind not in BENEFICIARY_KINDS and values.get("beneficiary") is not None:
        raise InvalidRequest(
            "Only travel, visa, ground transport and accommodation tasks name a beneficiary.",
            code="beneficiary_not_applicable",
            field="beneficiary",
        )


async def add_task(
    uow: UnitOfWork, principal: Principal, case_id: uuid.UUID, values: dict
) -> LogisticsTaskRow:
    case = await case_for_receiving_coordinator(uow, principal, case_id)
    check_checklist_open(case.status)
    values = dict(values)
    kind = LogisticsTaskKind(values["kind"])
    status = LogisticsTaskStatus(values.pop("status", None) or LogisticsTaskStatus.REQUESTED)
    check_task_transition(LogisticsTaskStatus.REQUESTED, status)
    _check_task_fields(kind, {"language": None, **values} if kind in LANGUAGE_KINDS else values)
    values = {**values, "kind": kind}
    now = now_utc()
    task = LogisticsTaskRow(
        id=uuid.uuid4(),
        case_id=case.id,
        status=status,
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
    check_checklist_open(case.status)
    _check_task_fields(task.kind, changes)
    if changes.get("status") is not None:
        check_task_transition(task.status, LogisticsTaskStatus(changes["status"]))
    for name, value in changes.items():
        if name == "status" and value is None:
            continue
        setattr(task, name, value)
    task.version += 1
    task.updated_at = now_utc()
    await cases.flush()
    return task
