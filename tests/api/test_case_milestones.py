"""Each case keeps the first time it reached each milestone of its journey (submitted,
accepted, decided, funding approved, arrived) on its row, written by the API's actions
with their events; migration 0015's backfill gives the same from the events alone. Both
must equal what `/v1/stats/flows` used to compute from the events at query time."""

from __future__ import annotations

import importlib.util
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, func, select, text, update

from app.db.models import CaseEventRow, CaseRow
from app.domain.milestones import Milestone
from app.domain.vocabulary import Action, CaseStatus, event_type_for
from app.platform.clock import replaying_at
from tests.api.conftest import register_patient
from tests.api.test_case_paths import act
from tests.conftest import SYSTEM_CONTEXT

MIGRATION = Path(__file__).parents[2] / "migrations/versions/0015_case_milestones.py"
BASE = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)


def day(n: float):
    """The API's clock on day n of the scenario: every milestone at a distinct time."""
    return replaying_at(BASE + timedelta(days=n))


def on_day(n: float) -> str:
    return (BASE + timedelta(days=n)).isoformat()


def event_milestones(case_ids):
    """The statistics' former query, verbatim: the milestones from the events at query time."""
    moved = CaseEventRow.from_status.is_distinct_from(CaseEventRow.to_status)
    came_back = CaseEventRow.from_status == CaseStatus.ON_HOLD.value

    def first(*conditions):
        return func.min(CaseEventRow.occurred_at).filter(and_(*conditions))

    return (
        select(
            CaseEventRow.case_id,
            first(CaseEventRow.type == event_type_for(Action.SUBMIT)).label("submitted"),
            first(moved, ~came_back, CaseEventRow.to_status == CaseStatus.ACCEPTED.value).label(
                "accepted"
            ),
            first(
                moved,
                ~came_back,
                CaseEventRow.to_status.in_([CaseStatus.ACCEPTED.value, CaseStatus.DECLINED.value]),
            ).label("decided"),
            first(CaseEventRow.type == event_type_for(Action.APPROVE_FUNDING)).label(
                "funding_approved"
            ),
            first(
                moved,
                ~came_back,
                CaseEventRow.to_status.in_([CaseStatus.ARRIVED.value, CaseStatus.ADMITTED.value]),
            ).label("arrived"),
        )
        .where(CaseEventRow.case_id.in_(case_ids))
        .group_by(CaseEventRow.case_id)
    )


async def stored_milestones(connection, case_ids) -> dict:
    rows = await connection.execute(
        select(CaseRow.id, *(getattr(CaseRow, m.column) for m in Milestone)).where(
            CaseRow.id.in_(case_ids)
        )
    )
    return {row[0]: dict(zip(Milestone, row[1:], strict=True)) for row in rows}


async def journeys(world) -> dict[str, dict]:
    """Cases through the real API: every path that reaches, skips or revisits a milestone."""
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    clinician = world.headers("chu_martinique", "clinician")
    patient = await register_patient(world, "castries")
    cases = {}
    with day(0):
        for name in ("emergency", "declined", "asked", "cancelled", "draft"):
            body = {
                "patient_id": patient["id"],
                "receiving_organization_id": world.orgs["chu_martinique"],
                "specialty": "cardiology",
                "clinical_summary": "Clinical summary.",
                "coverage": {"route": "self_pay"},
                "priority": "emergency" if name == "emergency" else "routine",
            }
            cases[name] = (await world.post("/v1/cases", body, referrer, 201)).json()
    # An emergency: accepted, held and resumed (the return is no new acceptance), moved
    # without funding, admitted straight from the transfer.
    emergency = cases["emergency"]
    with day(1):
        await act(world, emergency, "submit", None, referrer)
    with day(2):
        await act(world, emergency, "accept", {"reason": "Polytrauma"}, coordinator)
    with day(3):
        await act(world, emergency, "hold", {"reason": "Airport closed"}, coordinator)
    with day(4):
        await act(world, emergency, "resume", None, coordinator)
    with day(5):
        transfer = {"expected_arrival_at": on_day(5.5), "transport": "air_ambulance"}
        await act(world, emergency, "schedule-transfer", transfer, coordinator)
    with day(6):
        admission = {"admitted_at": on_day(6), "unit": "trauma-icu"}
        await act(world, emergency, "admit", admission, coordinator)
    # Declined straight away: decided, never accepted.
    with day(1):
        await act(world, cases["declined"], "submit", None, referrer)
    with day(2):
        await act(world, cases["declined"], "decline", {"reason": "Treat locally"}, clinician)
    # The information loop: back to submitted is no second submission; accepted later.
    asked = cases["asked"]
    with day(1):
        await act(world, asked, "submit", None, referrer)
    with day(2):
        question = {"questions": "Creatinine?", "due_date": on_day(4)[:10]}
        await act(world, asked, "request-information", question, clinician)
    with day(3):
        await act(world, asked, "provide-information", {"answer": "180 µmol/l"}, referrer)
    with day(4):
        await act(world, asked, "accept", {"reason": "ok"}, clinician)
    # Submitted, then cancelled; and a draft that reaches nothing.
    with day(1):
        await act(world, cases["cancelled"], "submit", None, referrer)
    with day(2):
        reason = {"reason_code": "patient_withdrew"}
        await act(world, cases["cancelled"], "cancel", reason, referrer)
    # An emergency presentation, created admitted: it made no journey, so no arrival.
    walk_in = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "cardiology",
        "clinical_summary": "Chest pain.",
        "coverage": {"route": "self_pay"},
        "presentation": {"presented_at": on_day(0), "admitted_at": on_day(0), "unit": "icu"},
    }
    with day(0.1):
        cases["walk_in"] = (await world.post("/v1/cases", walk_in, coordinator, 201)).json()
    return cases


async def test_the_actions_stamp_each_milestone_once_as_the_events_said(world, connection):
    cases = await journeys(world)
    ids = [case["id"] for case in cases.values()]
    stored = await stored_milestones(connection, ids)
    by_name = {name: stored[uuid.UUID(case["id"])] for name, case in cases.items()}

    # What the statistics used to compute from the events, case by case.
    former = {row.case_id: row for row in await connection.execute(event_milestones(ids))}
    for case_id, milestones in stored.items():
        row = former[case_id]
        assert milestones == {m: getattr(row, m.value) for m in Milestone}, case_id

    # And what those times are, by the scenario's clock.
    def days(name):
        return {
            m.value: None if at is None else (at - BASE) / timedelta(days=1)
            for m, at in by_name[name].items()
        }

    assert days("emergency") == {
        "submitted": 1,
        "accepted": 2,  # not the resume of day 4
        "decided": 2,
        "funding_approved": None,
        "arrived": 6,
    }
    assert days("declined") == {
        "submitted": 1,
        "accepted": None,
        "decided": 2,
        "funding_approved": None,
        "arrived": None,
    }
    assert days("asked") == {
        "submitted": 1,  # the answer of day 3 is no second submission
        "accepted": 4,
        "decided": 4,
        "funding_approved": None,
        "arrived": None,
    }
    assert days("cancelled")["submitted"] == 1 and days("cancelled")["decided"] is None
    assert set(days("draft").values()) == {None}
    assert set(days("walk_in").values()) == {None}


def backfill_sql() -> str:
    spec = importlib.util.spec_from_file_location("case_milestones_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BACKFILL


async def test_the_migrations_backfill_gives_the_same_milestones_from_the_events(world, connection):
    cases = await journeys(world)
    ids = [case["id"] for case in cases.values()]
    written = await stored_milestones(connection, ids)
    assert any(m[Milestone.ARRIVED] for m in written.values())

    # Rows as they stood before the migration: no milestone. The backfill reads the events.
    await connection.execute(SYSTEM_CONTEXT)
    await connection.execute(
        update(CaseRow)
        .where(CaseRow.id.in_(ids))
        .values({getattr(CaseRow, m.column): None for m in Milestone})
    )
    nulled = await stored_milestones(connection, ids)
    assert all(at is None for milestones in nulled.values() for at in milestones.values())
    await connection.execute(text(backfill_sql()))
    assert await stored_milestones(connection, ids) == written
