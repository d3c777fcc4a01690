"""Every /v1 request leaves an audit row, those refused before any route took them too
(issue 22, item 7): a path holding a NUL, a 600-character id, a path no route takes, a
trailing slash. Each answers a 4xx problem and is on the trail, its path values escaped
and bounded (a fuzz run left 129 requests off the trail: a prober stayed unseen)."""

from __future__ import annotations

import pytest

from app.http.dependencies import AUDITED_VALUE_LENGTH

LONG_ID = "a" * 600


async def _row(client, admin, response) -> dict:
    listed = await client.get(
        "/v1/audit-events",
        params={"request_id": response.headers["X-Request-Id"], "limit": 10},
        headers=admin,
    )
    assert listed.status_code == 200, listed.text
    rows = listed.json()["items"]
    assert len(rows) == 1, (response.request.url, rows)
    return rows[0]


def _problem(response, status: int) -> dict:
    assert response.status_code == status, (response.request.url, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


@pytest.mark.parametrize("authenticated", [True, False], ids=["token", "anonymous"])
@pytest.mark.parametrize(
    "path, status, operation, object_id",
    [
        ("/v1/cases/%00", 422, "cases-get", "\\x00"),
        ("/v1/cases/%00abc%01", 422, "cases-get", "\\x00abc\\x01"),
        (f"/v1/cases/{LONG_ID}", 422, "cases-get", LONG_ID[: AUDITED_VALUE_LENGTH - 1] + "…"),
        (f"/v1/patients/{LONG_ID}%00", 422, "patients-get", None),
        ("/v1/no-such-resource", 404, "unrouted", "/v1/no-such-resource"),
        ("/v1/cases/", 404, "unrouted", "/v1/cases/"),
        ("/v1/%00/%00", 404, "unrouted", "/v1/\\x00/\\x00"),
        (f"/v1/{LONG_ID}", 404, "unrouted", None),
        ("/v1", 404, "unrouted", "/v1"),
    ],
)
async def test_a_refused_request_is_a_problem_and_an_audit_row(
    client, auth, path, status, operation, object_id, authenticated
):
    admin = auth(None, "admin", sub="audit-reader")
    caller = auth(None, "admin", sub="prober") if authenticated else {}
    response = await client.get(path, headers=caller)
    expected = status if authenticated or operation == "unrouted" else 401
    _problem(response, expected)
    row = await _row(client, admin, response)
    assert row["operation"] == operation
    assert row["status"] == expected
    assert row["outcome"] == ("denied" if expected in (401, 403, 404) else "refused")
    assert row["actor"]["sub"] == ("prober" if authenticated and operation != "unrouted" else None)
    assert len(row["object_id"]) <= AUDITED_VALUE_LENGTH
    assert "\x00" not in str(row)
    if object_id is not None:
        assert row["object_id"] == object_id
    assert all(len(value) <= AUDITED_VALUE_LENGTH for value in row["object_ids"].values())


async def test_a_write_to_a_path_no_route_takes_is_audited_and_changes_nothing(client, auth):
    admin = auth(None, "admin", sub="audit-reader")
    response = await client.post(
        "/v1/organizations/", json={"name": "X", "kind": "payer", "country": "BE"}, headers=admin
    )
    _problem(response, 404)
    row = await _row(client, admin, response)
    assert (row["operation"], row["status"]) == ("unrouted", 404)
    listed = await client.get("/v1/organizations", headers=admin)
    assert "X" not in [item["name"] for item in listed.json()["items"]]


async def test_a_method_no_route_takes_is_audited(client, auth):
    admin = auth(None, "admin", sub="audit-reader")
    response = await client.delete("/v1/cases", headers=admin)
    _problem(response, 405)
    row = await _row(client, admin, response)
    assert row["status"] == 405 and row["outcome"] == "refused"
