"""GET /v1/events: the caller's events, oldest first, thin, with a cursor on every page.

(The out-of-order commit case needs real concurrent transactions:
tests/integration/test_feed_out_of_order.py.)"""

import uuid
from datetime import UTC, datetime, timedelta

from app.integrations.feed import Position
from app.platform.paging import Cursors
from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case
from tests.clock import started

COVERAGE = {"route": "self_pay"}


async def feed(world, headers, **params) -> dict:
    response = await world.client.get("/v1/events", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_feed_is_thin_ordered_and_scoped_to_the_caller(world):
    referrer = world.headers("castries", "referrer", sub="dr-castries")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(
        world, "castries", "chu_martinique", patient, COVERAGE, reason="Severe aortic stenosis"
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Stenosis confirmed on echo"}, coordinator)

    page = await feed(world, referrer)
    items = page["items"]
    assert [(e["type"], e["case_version"], e["status"]) for e in items] == [
        ("case.created", 1, "draft"),
        ("case.submitted", 2, "submitted"),
        ("case.accepted", 3, "accepted"),
    ]
    assert all(e["case_id"] == case["id"] for e in items)
    assert items[1]["actor"] == {
        "sub": "dr-castries",
        "organization_id": world.orgs["castries"],
        "role": "referrer",
    }
    # Thin: ids, codes and statuses; no names, no clinical words, no free-text reason.
    assert all(e["reason"] is None for e in items)
    text = str(page)
    for word in ("Joseph", "Marie", "stenosis", "Stenosis", "echo", "1961"):
        assert word not in text
    assert isinstance(page["next_cursor"], str) and page["next_cursor"]

    # The receiving hospital sees the same case's events; an unrelated one sees none.
    assert len((await feed(world, coordinator))["items"]) == 3
    stranger = await feed(world, world.headers("tourcoing", "coordinator"))
    assert stranger["items"] == [] and stranger["next_cursor"]


async def test_a_cursor_resumes_after_the_last_event_even_from_an_empty_page(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)

    first = await feed(world, referrer)
    assert [e["type"] for e in first["items"]] == ["case.created"]
    empty = await feed(world, referrer, after=first["next_cursor"])
    assert empty["items"] == [] and empty["next_cursor"]
    # The empty page's cursor is as good as any: the next event comes after it.
    await act(world, case, "submit", None, referrer)
    later = await feed(world, referrer, after=empty["next_cursor"])
    assert [e["type"] for e in later["items"]] == ["case.submitted"]
    # An item's id is a cursor too: resume right after that event.
    again = await feed(world, referrer, after=first["items"][0]["id"])
    assert [e["id"] for e in again["items"]] == [later["items"][0]["id"]]


async def test_pages_follow_each_other_without_gap_or_repeat(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    await act(world, case, "submit", None, referrer)
    await act(world, case, "hold", {"reason": "Border closure"}, coordinator)
    await act(world, case, "resume", None, coordinator)
    await act(world, case, "hold", {"reason": "Border closure again"}, coordinator)

    everything = [e["id"] for e in (await feed(world, referrer, limit=200))["items"]]
    assert len(everything) == 5
    collected: list[str] = []
    cursor = None
    for _ in range(10):
        page = await feed(world, referrer, limit=2, **({"after": cursor} if cursor else {}))
        collected += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not page["items"]:
            break
    assert collected == everything


async def test_filters_by_type_family_and_case(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    one = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    two = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    await act(world, one, "submit", None, referrer)
    await world.post(
        f"/v1/cases/{one['id']}/estimates",
        {"total": {"amount": "900.00", "currency": "EUR"}},
        coordinator,
        201,
    )

    submitted = await feed(world, referrer, types="case.submitted")
    assert [e["case_id"] for e in submitted["items"]] == [one["id"]]
    money = await feed(world, coordinator, types="estimate.*,payment.*")
    assert [e["type"] for e in money["items"]] == ["estimate.issued"]
    repeated = await world.client.get(
        "/v1/events?types=case.created&types=estimate.issued", headers=coordinator
    )
    assert [e["type"] for e in repeated.json()["items"]] == [
        "case.created",
        "case.created",
        "estimate.issued",
    ]
    only_two = await feed(world, referrer, case_id=two["id"])
    assert [(e["type"], e["case_id"]) for e in only_two["items"]] == [("case.created", two["id"])]

    unknown = await world.client.get(
        "/v1/events", params={"types": "case.teleported"}, headers=referrer
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_event_type"


async def test_bad_and_expired_cursors(world, settings):
    referrer = world.headers("castries", "referrer")
    bad = await world.client.get("/v1/events", params={"after": "not-a-cursor"}, headers=referrer)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_cursor"
    # A cursor of another list is not a feed cursor.
    cursors = Cursors(settings.secret_key.get_secret_value())
    timeline_cursor = cursors.encode("timeline", [5])
    other = await world.client.get(
        "/v1/events", params={"after": timeline_cursor}, headers=referrer
    )
    assert other.status_code == 422 and other.json()["code"] == "invalid_cursor"

    old = Position(1, 1, datetime.now(UTC) - timedelta(days=settings.event_retention_days + 1))
    expired = await world.client.get(
        "/v1/events", params={"after": old.encode(cursors)}, headers=referrer
    )
    assert expired.status_code == 410
    assert expired.headers["content-type"] == "application/problem+json"
    assert expired.json()["code"] == "cursor_expired"
    recent = Position(1, 1, datetime.now(UTC) - timedelta(days=settings.event_retention_days - 1))
    fine = await world.client.get(
        "/v1/events", params={"after": recent.encode(cursors)}, headers=referrer
    )
    assert fine.status_code == 200


async def test_admins_have_an_empty_feed_with_a_cursor(world):
    page = await feed(world, world.admin)
    assert page["items"] == [] and page["next_cursor"]


async def test_feed_needs_a_token(world):
    response = await world.client.get("/v1/events")
    assert response.status_code == 401


async def test_an_event_recorded_with_an_old_time_does_not_expire_the_readers_cursor(
    world, settings
):
    """Events come in commit order; one carrying a time older than the window (recorded
    late, restored, bulk-loaded) must not make the next cursor look expired."""
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    start = await feed(world, referrer, limit=200)
    while start["items"]:
        start = await feed(world, referrer, limit=200, after=start["next_cursor"])
    recent = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    long_ago = datetime.now(UTC) - timedelta(days=settings.event_retention_days + 30)
    # The token is made before the clock moves: tokens are checked against the wall clock.
    with started(long_ago, after=timedelta(0)):
        late = await new_case(world, "castries", "chu_martinique", patient, COVERAGE, referrer)
    await new_case(world, "castries", "chu_martinique", patient, COVERAGE)  # pages stay full
    first = await feed(world, referrer, limit=1, after=start["next_cursor"])
    assert [e["case_id"] for e in first["items"]] == [recent["id"]]
    second = await feed(world, referrer, limit=1, after=first["next_cursor"])
    assert [e["case_id"] for e in second["items"]] == [late["id"]]
    assert second["items"][0]["occurred_at"] < (datetime.now(UTC) - timedelta(days=400)).isoformat()
    # The reader goes on from there.
    third = await world.client.get(
        "/v1/events", params={"after": second["next_cursor"]}, headers=referrer
    )
    assert third.status_code == 200, third.text


async def test_the_feed_index_follows_every_events_readers(owner_engine):
    """case_event_audience holds one row per reader of each event, written by the
    database: for a multi-row insert (one statement trigger) and when `visible_to` is
    changed (by the owner: the application role cannot update events)."""
    from sqlalchemy import text

    first, second, third = (uuid.uuid4() for _ in range(3))
    async with owner_engine.connect() as connection:
        transaction = await connection.begin()
        try:
            seqs = (
                (
                    await connection.execute(
                        text(
                            "INSERT INTO case_events (type, case_id, case_version, to_status,"
                            " actor_sub, visible_to, occurred_at) VALUES"
                            " ('case.created', gen_random_uuid(), 1, 'draft', 's',"
                            "  ARRAY[CAST(:a AS uuid), CAST(:b AS uuid), CAST(:a AS uuid)], now()),"
                            " ('case.created', gen_random_uuid(), 1, 'draft', 's',"
                            "  ARRAY[CAST(:b AS uuid)], now())"
                            " RETURNING seq"
                        ),
                        {"a": str(first), "b": str(second)},
                    )
                )
                .scalars()
                .all()
            )

            async def readers() -> dict[int, set[uuid.UUID]]:
                rows = await connection.execute(
                    text(
                        "SELECT a.seq, a.organization_id FROM case_event_audience AS a"
                        " JOIN case_events AS e ON e.seq = a.seq"
                        " WHERE a.seq = ANY(:seqs) AND a.transaction_id = e.transaction_id"
                    ),
                    {"seqs": list(seqs)},
                )
                found: dict[int, set[uuid.UUID]] = {}
                for seq, organization_id in rows:
                    found.setdefault(seq, set()).add(organization_id)
                return found

            assert await readers() == {seqs[0]: {first, second}, seqs[1]: {second}}
            await connection.execute(
                text("UPDATE case_events SET visible_to = ARRAY[CAST(:c AS uuid)] WHERE seq = :s"),
                {"c": str(third), "s": seqs[0]},
            )
            assert await readers() == {seqs[0]: {third}, seqs[1]: {second}}
        finally:
            await transaction.rollback()


async def test_an_organisation_reads_only_its_own_rows_of_the_feed_index(world, connection):
    from sqlalchemy import text

    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {"route": "third_party_guarantee", "payer_organization_id": world.orgs["lc_ministry"]},
    )
    await act(world, case, "submit", None, referrer)
    castries = world.orgs["castries"]
    await connection.execute(
        text(
            "SELECT set_config('corridor.organization_id', :o, true),"
            " set_config('corridor.system', 'off', true)"
        ),
        {"o": castries},
    )
    seen = (
        (await connection.execute(text("SELECT DISTINCT organization_id FROM case_event_audience")))
        .scalars()
        .all()
    )
    assert [str(o) for o in seen] == [castries]


async def test_a_feed_page_size_outside_1_to_1000_is_refused(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    for limit in ("0", "1001", "-5", "many"):
        response = await world.client.get(
            "/v1/events", params={"limit": limit}, headers=coordinator
        )
        assert response.status_code == 422, (limit, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    fine = await world.client.get("/v1/events", params={"limit": 1000}, headers=coordinator)
    assert fine.status_code == 200


async def test_a_cursor_of_another_epoch_or_beyond_the_head_is_expired(world, settings):
    """Page cursors carry the feed's epoch (a restore replaces it): a cursor of another
    epoch, or one past the head of the feed, could have events below it that its reader
    would never see. 410 `cursor_expired`, never an empty page (issue 22, item 5; the
    restore itself: tests/operations/test_restore_safety.py)."""
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    page = await feed(world, referrer, limit=1)
    cursors = Cursors(settings.secret_key.get_secret_value())
    mine = Position.decode(cursors, page["next_cursor"])
    assert mine.epoch is not None
    now = datetime.now(UTC)
    stale = {
        "another epoch": Position(mine.transaction_id, mine.seq, now, mine.epoch + 1),
        "beyond the head": Position(mine.transaction_id + 1_000_000, 0, now, mine.epoch),
        "an event id beyond the head": Position(mine.transaction_id + 1_000_000, 0, now),
    }
    for name, position in stale.items():
        response = await world.client.get(
            "/v1/events", params={"after": position.encode(cursors)}, headers=referrer
        )
        assert response.status_code == 410, name
        problem = response.json()
        assert problem["code"] == "cursor_expired" and "omit `after`" in problem["detail"], name
    # The reader's own cursor and an event's id still read on.
    assert (await feed(world, referrer, after=page["next_cursor"]))["next_cursor"]
    assert (await feed(world, referrer, after=page["items"][0]["id"]))["next_cursor"]


async def test_event_ids_are_positions_in_the_clear_and_must_name_an_event_of_the_feed(
    world, settings
):
    """One signature per page (issue 26): an event's id is its position in the clear;
    given as `after`, it must name an event of the reader's own feed, or it is 422."""
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    await act(world, case, "submit", None, referrer)
    first, second = (await feed(world, referrer))["items"][-2:]
    transaction_id, seq, at = (int(part) for part in first["id"].split("."))
    occurred = datetime.fromisoformat(first["occurred_at"].replace("Z", "+00:00"))
    assert at == int(occurred.timestamp())
    # The id reads on after its event, like a cursor.
    assert [e["id"] for e in (await feed(world, referrer, after=first["id"]))["items"]] == [
        second["id"]
    ]
    # An event id signed like a cursor (as before issue 26) still reads on.
    cursors = Cursors(settings.secret_key.get_secret_value())
    signed = Position(transaction_id, seq, occurred).encode(cursors)
    assert [e["id"] for e in (await feed(world, referrer, after=signed))["items"]] == [second["id"]]
    # Made up, edited, or another organisation's event: not an event of this feed.
    stranger = world.headers("tourcoing", "coordinator")
    for made_up, headers in (
        (f"{transaction_id}.{seq + 1_000_000}.{at}", referrer),
        (f"{transaction_id}.{seq}.{at + 1}", referrer),
        (first["id"], stranger),
        (f"{2**63}.1.{at}", referrer),
    ):
        refused = await world.client.get("/v1/events", params={"after": made_up}, headers=headers)
        assert refused.status_code == 422, (made_up, refused.text)
        assert refused.json()["code"] == "invalid_cursor"
    # The page's next cursor stays signed: an edited one is refused too.
    page = await feed(world, referrer)
    edited = page["next_cursor"][:-2] + ("AA" if page["next_cursor"][-2:] != "AA" else "BB")
    refused = await world.client.get("/v1/events", params={"after": edited}, headers=referrer)
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_cursor")
