"""The hot read: GET /v1/cases/{id} reads the whole case in one statement, and answers
exactly what the write path (the ORM aggregate) answers for the same case."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import event, select

from app.cases import feed_item as presenters
from app.db.models import CaseEventRow
from app.db.unit_of_work import UnitOfWork
from app.integrations.feed import Position
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
    assert len(reads) == 2 and "set_config" in reads[0]
    assert all(f"FROM {table} " in reads[1] for table in ("cases", "stays", "unit_movements"))
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


async def test_the_feed_page_is_made_of_feed_items(world, sessionmaker, app):
    """The API's feed page is assembled from each event's `feed_item_json` (from the
    driver's rows, the event data as the database's JSON text): each one is exactly the
    thin `feed_item` of its ORM row, which the schema checks above."""
    referrer = world.headers("dominica", "referrer")
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    patient = await register_patient(world, "dominica", country="DM")
    case = await new_case(world, "dominica", "chu_guadeloupe", patient, {"route": "self_pay"})
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Polytrauma"}, coordinator)
    await act(world, case, "hold", {"reason": "Awaiting a bed"}, coordinator)
    await act(world, case, "resume", None, coordinator)
    await act(world, case, "cancel", {"reason_code": "patient_withdrew"}, coordinator)
    response = await world.client.get(
        "/v1/events", params={"case_id": case["id"], "limit": 1000}, headers=coordinator
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    async with UnitOfWork.system(sessionmaker) as uow:
        rows = {
            row.seq: row
            for row in (
                await uow.session.execute(
                    select(CaseEventRow).where(CaseEventRow.case_id == uuid.UUID(case["id"]))
                )
            ).scalars()
        }
        assert len(items) == len(rows) >= 5
        assert any(item["data"] for item in items)
        assert any(not item["from_status"] for item in items)
        for item in items:
            seq = Position.decode(app.state.cursors, item["id"]).seq
            assert item == presenters.feed_item(rows[seq], item["id"], thin=True)


def test_feed_items_write_times_as_the_schemas_do():
    """`feed_item_json`'s time: UTC with `Z`, microseconds only when there are some, as
    the `CaseEvent` schema renders it."""
    moments = [
        datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC),
        datetime(2026, 3, 1, 12, 0, 0, 500, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 6, 1, 8, 30, tzinfo=timezone(timedelta(hours=-4))),
    ]
    for moment in moments:
        row = CaseEventRow(
            seq=1,
            transaction_id=1,
            type="case.created",
            occurred_at=moment.astimezone(UTC),
            case_id=uuid.uuid4(),
            case_version=1,
            to_status="draft",
            from_status=None,
            actor_sub="s",
            actor_organization_id=None,
            actor_role="referrer",
            reason="words",
            data=None,
        )
        item = json.loads(presenters.feed_item_json(row, "1.1.1"))
        assert item == presenters.event_through_schema(row, "1.1.1", thin=True), moment
        assert item["data"] == {} and item["reason"] is None


async def test_an_action_reads_the_case_once_and_writes_only_what_changed(
    world, engine, connection
):
    """The case store: the whole case in one locked statement (its tenancy clause the one
    of app/db/case_tenancy.py), then the changed columns of the changed rows, the new
    movement and the event; nothing else of the case is read or written."""
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    referrer = world.headers("dominica", "referrer")
    patient = await register_patient(world, "dominica", country="DM")
    case = await new_case(
        world, "dominica", "chu_guadeloupe", patient, {"route": "self_pay"}, priority="emergency"
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Polytrauma"}, coordinator)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.1), "transport": "air_ambulance"},
        coordinator,
    )
    await act(world, case, "admit", {"admitted_at": in_days(0), "unit": "icu"}, coordinator)
    await act(world, case, "transfer-unit", {"unit": "ward-1"}, coordinator)  # warm

    # Every statement, whether the driver runs it alone or SQLAlchemy sends it.
    sent: list[str] = []
    driver = (await connection.get_raw_connection()).driver_connection

    def capture(logged) -> None:
        sent.append(logged.query)

    def capture_orm(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    driver.add_query_logger(capture)
    event.listen(engine.sync_engine, "before_cursor_execute", capture_orm)
    try:
        moved = await act(world, case, "transfer-unit", {"unit": "ward-2"}, coordinator)
    finally:
        driver.remove_query_logger(capture)
        event.remove(engine.sync_engine, "before_cursor_execute", capture_orm)
    assert moved["stay"]["unit"] == "ward-2"
    statements = list(dict.fromkeys(" ".join(s.split()) for s in sent))
    case_tables = (
        "cases",
        "case_events",
        "stays",
        "unit_movements",
        "teleconsultations",
        "transfers",
    )
    touching = [s for s in statements if any(f" {table} " in f"{s} " for table in case_tables)]
    reads = [s for s in touching if s.startswith("SELECT")]
    assert len(reads) == 1 and reads[0].endswith("FOR UPDATE OF cases"), reads
    assert "cases.receiving_organization_id = $2::UUID" in reads[0]
    writes = sorted(s.split(" SET ")[0].split(" (")[0] for s in touching if s not in reads)
    assert writes == [
        "INSERT INTO case_events",
        "INSERT INTO unit_movements",
        "UPDATE cases",
        "UPDATE stays",
    ], "\n".join(touching)
    (update,) = [s for s in touching if s.startswith("UPDATE cases")]
    assigned = update.split(" SET ")[1].split(" WHERE ")[0]
    assert sorted(part.split("=")[0].strip() for part in assigned.split(",")) == [
        "updated_at",
        "version",
    ]
