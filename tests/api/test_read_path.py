"""The hot read: GET /v1/cases/{id} reads the whole case in one statement, and answers
exactly what the write path (the ORM aggregate) answers for the same case."""

from __future__ import annotations

import uuid

from sqlalchemy import event, select

from app.integrations import presenters
from app.models import CaseEventRow
from app.platform.unit_of_work import UnitOfWork
from tests.api.conftest import in_days, register_patient
from tests.api.test_case_paths import act, new_case


async def test_get_case_reads_the_whole_case_in_one_statement(world, engine, connection):
    referrer = world.headers("dominica", "referrer")
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    patient = await register_patient(world, "dominica", country="DM")
    case = await new_case(
        world, "dominica", "chu_guadeloupe", patient, {"route": "self_pay"}, priority="emergency"
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Polytrauma"}, coordinator)
    task = await world.client.post(
        f"/v1/cases/{case['id']}/logistics-tasks",
        json={"kind": "interpreter", "language": "ht", "note": "Creole"},
        headers=coordinator,
    )
    assert task.status_code == 201, task.text
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.1), "transport": "air_ambulance"},
        coordinator,
    )
    await act(world, case, "admit", {"admitted_at": in_days(0), "unit": "icu"}, coordinator)
    moved = await act(world, case, "transfer-unit", {"unit": "step-down"}, coordinator)

    # Every statement the driver runs, whether SQLAlchemy or a repository sends it.
    statements: list[str] = []
    driver = (await connection.get_raw_connection()).driver_connection

    def capture(logged) -> None:
        statements.append(logged.query)

    def capture_orm(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    # Once first: the driver introspects the child tables' row types on first use.
    await world.client.get(f"/v1/cases/{case['id']}", headers=coordinator)
    driver.add_query_logger(capture)
    event.listen(engine.sync_engine, "before_cursor_execute", capture_orm)
    try:
        response = await world.client.get(f"/v1/cases/{case['id']}", headers=coordinator)
    finally:
        driver.remove_query_logger(capture)
        event.remove(engine.sync_engine, "before_cursor_execute", capture_orm)
    assert response.status_code == 200
    body = response.json()
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # The tenant context, then the case with its children and tasks: nothing else read.
    assert len(reads) == 2 and "set_config" in reads[0] and "FROM cases AS c" in reads[1]
    assert [s for s in statements if "audit_events" in s] != []
    # The same document the action answered, plus what happened since (the task).
    assert {k: v for k, v in body.items() if k != "logistics_tasks"} == {
        k: v for k, v in moved.items() if k != "logistics_tasks"
    }
    assert [(m["from_unit"], m["to_unit"]) for m in body["stay"]["movements"]] == [
        (None, "icu"),
        ("icu", "step-down"),
    ]
    assert body["transfer"]["transport"] == "air_ambulance"
    assert [task["kind"] for task in body["logistics_tasks"]] == ["interpreter"]
    assert response.headers["ETag"] == f'"{moved["version"]}"'


async def test_feed_items_built_directly_equal_the_schema_rendering(world, sessionmaker):
    referrer = world.headers("dominica", "referrer")
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    patient = await register_patient(world, "dominica", country="DM")
    case = await new_case(
        world, "dominica", "chu_guadeloupe", patient, {"route": "self_pay"}, priority="emergency"
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Polytrauma"}, coordinator)
    await act(world, case, "cancel", {"reason_code": "patient_withdrew"}, coordinator)
    async with UnitOfWork.system(sessionmaker) as uow:
        rows = list(
            (
                await uow.session.execute(
                    select(CaseEventRow).where(CaseEventRow.case_id == uuid.UUID(case["id"]))
                )
            ).scalars()
        )
        assert len(rows) >= 3
        for row in rows:
            for thin in (True, False):
                direct = presenters.feed_item(row, "c-1", thin=thin)
                assert direct == presenters.event_through_schema(row, "c-1", thin=thin)
