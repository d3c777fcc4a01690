"""Security item 12: a caller-chosen X-Request-Id is never trusted as ours.

Every request gets our own id (answer header, problem body, audit row); the caller's
value is kept apart (`caller_request_id` in the request's log line, see
tests/operations/test_logging.py), so a caller cannot forge or collide with another
request's id in the audit trail.
"""

from __future__ import annotations

import re


async def test_the_callers_request_id_never_becomes_ours(client, auth):
    admin = auth(None, "admin", sub="rid-admin")
    victim = await client.get("/v1/organizations", headers=admin)
    victim_id = victim.headers["X-Request-Id"]
    # A caller replays another request's id, then a plausible forged one.
    for chosen in (victim_id, "forged-request-0001"):
        answer = await client.get(
            "/v1/organizations/00000000-0000-0000-0000-000000000000",
            headers={**admin, "X-Request-Id": chosen},
        )
        assert answer.status_code == 404
        ours = answer.headers["X-Request-Id"]
        assert ours != chosen and re.fullmatch(r"[0-9a-f]{32}", ours)
        assert answer.json()["request_id"] == ours
        rows = (
            await client.get("/v1/audit-events", params={"request_id": ours}, headers=admin)
        ).json()["items"]
        assert [row["status"] for row in rows] == [404]
        forged = (
            await client.get("/v1/audit-events", params={"request_id": chosen}, headers=admin)
        ).json()["items"]
        # Only the victim's own row carries its id; nothing carries the forged one.
        assert len(forged) == (1 if chosen == victim_id else 0)
        # The caller finds its request by the id it sent, kept beside ours.
        sent = (
            await client.get(
                "/v1/audit-events", params={"caller_request_id": chosen}, headers=admin
            )
        ).json()["items"]
        assert [(row["request_id"], row["caller_request_id"]) for row in sent] == [(ours, chosen)]
