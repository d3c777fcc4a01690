"""Every list pages through one keyset helper whose cursors are signed with the server's
secret key: an edited, foreign-key or other-list cursor is 422 `invalid_cursor`, checked
before anything in it is read."""

from __future__ import annotations

import pytest

from app.platform.paging import Cursors
from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case

COVERAGE = {"route": "self_pay"}


def tampered(cursor: str) -> str:
    """The same cursor with one character of its payload changed, signature kept."""
    payload, _, signature = cursor.rpartition(".")
    flipped = "A" if payload[0] != "A" else "B"
    return f"{flipped}{payload[1:]}.{signature}"


def resigned(cursor: str, key: str) -> str:
    """The same payload signed with another key."""
    payload, _, _ = cursor.rpartition(".")
    return f"{payload}.{Cursors(key).signature(payload)}"


@pytest.fixture
async def lists(world):
    """(path, query parameter, headers, extra params) of every list, each with two items."""
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    await new_case(world, "castries", "chu_martinique", patient, COVERAGE)
    await act(world, case, "submit", None, referrer)
    for number in range(2):
        await world.post(
            "/v1/webhooks", {"url": f"http://127.0.0.1:9/hook-{number}"}, coordinator, 201
        )
        await world.post(
            "/v1/api-clients",
            {
                "name": f"Sync {number}",
                "organization_id": world.orgs["lc_ministry"],
                "roles": ["payer"],
            },
            world.admin,
            201,
        )
    return [
        ("/v1/organizations", "cursor", referrer, {}),
        ("/v1/agreements", "cursor", referrer, {}),
        ("/v1/patients", "cursor", referrer, {}),
        ("/v1/cases", "cursor", referrer, {}),
        ("/v1/cases", "cursor", referrer, {"updated_since": "2000-01-01T00:00:00Z"}),
        (f"/v1/cases/{case['id']}/timeline", "cursor", referrer, {}),
        ("/v1/events", "after", referrer, {}),
        ("/v1/webhooks", "cursor", coordinator, {}),
        ("/v1/api-clients", "cursor", world.admin, {}),
        ("/v1/audit-events", "cursor", coordinator, {}),
    ]


async def test_every_list_refuses_an_edited_or_foreign_cursor_and_follows_its_own(
    world, lists, settings
):
    key = settings.secret_key.get_secret_value()
    other_list = Cursors(key).encode("no-such-list", ["00000000-0000-0000-0000-000000000000"])
    for path, name, headers, params in lists:
        first = await world.client.get(path, params={**params, "limit": 1}, headers=headers)
        assert first.status_code == 200, (path, first.text)
        cursor = first.json()["next_cursor"]
        assert cursor, path
        follow = await world.client.get(
            path, params={**params, "limit": 1, name: cursor}, headers=headers
        )
        assert follow.status_code == 200, (path, follow.text)
        assert follow.json()["items"] != first.json()["items"], path
        for forged in (
            tampered(cursor),
            resigned(cursor, key + "-not-ours"),
            cursor.rpartition(".")[0],  # unsigned
            other_list,
            "not-a-cursor",
        ):
            refused = await world.client.get(
                path, params={**params, "limit": 1, name: forged}, headers=headers
            )
            assert refused.status_code == 422, (path, forged, refused.text)
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["code"] == "invalid_cursor", (path, refused.text)


def test_a_signature_covers_the_whole_cursor():
    cursors = Cursors("one key")
    cursor = cursors.encode("cases-created", ["2026-01-01T00:00:00+00:00", "id"])
    assert cursors.decode(cursor, "cases-created", 2) == ["2026-01-01T00:00:00+00:00", "id"]
    assert Cursors("another key").encode("cases-created", ["x"]) != cursors.encode(
        "cases-created", ["x"]
    )
    for forged in (tampered(cursor), resigned(cursor, "another key")):
        with pytest.raises(Exception, match="not one this API issued"):
            cursors.decode(forged, "cases-created", 2)
