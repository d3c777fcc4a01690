"""Enum columns (app/db/models/types.py): a row read by the ORM or by the case store's
driver statement carries the vocabulary's members, while the table keeps the plain
VARCHAR strings it always held (no schema change)."""

from __future__ import annotations

import uuid

from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql

from app.db.case_store import CaseStore
from app.db.models import CaseEventRow, CaseRow, LogisticsTaskRow
from app.db.models.types import StrEnumColumn
from app.domain.vocabulary import (
    CareSetting,
    CaseOrigin,
    CaseStatus,
    CoverageRoute,
    LogisticsTaskKind,
    LogisticsTaskStatus,
    Priority,
    Role,
    Transport,
)
from tests.api.conftest import in_days, register_patient
from tests.api.test_case_paths import act, new_case
from tests.conftest import SYSTEM_CONTEXT


def test_the_column_binds_the_plain_string_and_loads_the_member():
    column = StrEnumColumn(CaseStatus, 40)
    bound = column.process_bind_param(CaseStatus.ON_HOLD, None)
    assert bound == "on_hold" and type(bound) is str
    assert column.process_bind_param("draft", None) == "draft"  # a filter's string
    assert column.process_bind_param(None, None) is None
    assert column.process_result_value("on_hold", None) is CaseStatus.ON_HOLD
    assert column.process_result_value(None, None) is None
    # The DDL (and Alembic's comparison) is the VARCHAR's.
    assert str(column.compile(dialect=postgresql.dialect())) == "VARCHAR(40)"


def _assert_typed(row: CaseRow, task: LogisticsTaskRow) -> None:
    assert type(row.status) is CaseStatus and row.status is CaseStatus.TRANSFER_SCHEDULED
    assert row.priority is Priority.ROUTINE
    assert row.coverage_route is CoverageRoute.ZOAST
    assert row.origin is CaseOrigin.REFERRAL
    assert row.care_setting is CareSetting.INPATIENT
    assert row.held_from is None and row.cancel_reason_code is None
    assert row.transfer.transport is Transport.GROUND_AMBULANCE
    assert task.kind is LogisticsTaskKind.VISA and task.status is LogisticsTaskStatus.REQUESTED


async def test_rows_carry_members_through_the_orm_and_the_case_store(world, sessionmaker):
    referrer = world.headers("mons_gp", "referrer")
    coordinator = world.headers("tourcoing", "coordinator")
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    coverage = {
        "route": "zoast",
        "payer_organization_id": world.orgs["mutuality"],
        "member_number": "M-1",
    }
    case = await new_case(world, "mons_gp", "tourcoing", patient, coverage)
    case_id = uuid.UUID(case["id"])
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Within ZOAST"}, coordinator)
    await act(world, case, "approve-funding", {}, coordinator)
    await world.post(f"/v1/cases/{case_id}/logistics-tasks", {"kind": "visa"}, coordinator, 201)
    transfer = {"expected_arrival_at": in_days(3), "transport": "ground_ambulance"}
    await act(world, case, "schedule-transfer", transfer, coordinator)

    async with sessionmaker() as session:
        await session.execute(SYSTEM_CONTEXT)
        # The ORM's load.
        row = await session.get(CaseRow, case_id)
        task = (
            await session.scalars(
                select(LogisticsTaskRow).where(LogisticsTaskRow.case_id == case_id)
            )
        ).one()
        _assert_typed(row, task)
        events = (
            await session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id))
        ).all()
        assert events and all(type(e.to_status) is CaseStatus for e in events)
        assert {e.actor_role for e in events} <= {Role.REFERRER, Role.COORDINATOR, None}
        # A filter by member and by its string find the same rows.
        by_member = select(CaseRow.id).where(CaseRow.status == CaseStatus.TRANSFER_SCHEDULED)
        by_string = select(CaseRow.id).where(CaseRow.status == "transfer_scheduled")
        assert case_id in (await session.scalars(by_member)).all()
        assert case_id in (await session.scalars(by_string)).all()
        session.expunge_all()

        # The case store's one statement, read through the driver.
        stored = await CaseStore(session).read(case_id, uuid.UUID(world.orgs["tourcoing"]))
        assert stored is not None
        _assert_typed(stored.row, stored.tasks[0])

        # The table holds the strings, in the VARCHAR it had.
        raw = (
            await session.execute(
                text("SELECT status, pg_typeof(status)::text FROM cases WHERE id = :id"),
                {"id": case_id},
            )
        ).one()
        assert raw == ("transfer_scheduled", "character varying") and type(raw[0]) is str
