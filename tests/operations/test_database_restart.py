"""The embedded database stops under a running `corridor serve`, then starts again.

Its supervisor is slowed down (CORRIDOR_EMBEDDED_WATCH_SECONDS) so that the test holds
the outage as long as it likes and starts the server again itself.

- The audit sealer (a pass every 0.5 s) logs the failure once, not at every pass, and
  once more when it works again.
- Connections that sat in the pool while the server restarted are replaced before they
  are used: no request after the restart fails on one.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid

import asyncpg

from app.db.embedded import ensure_server, stop_server
from app.platform.failure_log import RepeatedFailureLog
from tests.operations.conftest import admin_headers, corridor_env, request, serve

OUTAGE_SECONDS = 4.0


def database_answers(home) -> bool:
    server = ensure_server(home)

    async def probe() -> None:
        connection = await asyncpg.connect(server.url("corridor").replace("+asyncpg", ""))
        await connection.close()

    try:
        asyncio.run(probe())
        return True
    except (OSError, asyncpg.PostgresError):
        return False


def create_organization(port: int, headers: dict[str, str]) -> int:
    body = {"name": f"Clinic {uuid.uuid4().hex[:8]}", "kind": "referring_facility", "country": "LC"}
    return request(port, "POST", "/v1/organizations", body, headers)[0]


def sealer_lines(records: list[dict]) -> list[dict]:
    return [r for r in records if "sealing" in str(r.get("event"))]


def test_the_sealer_logs_an_outage_once_and_its_end_once(server_home):
    home = server_home / "home"
    env = corridor_env(home, CORRIDOR_EMBEDDED_WATCH_SECONDS="3600")
    serving = serve(env, home)
    try:
        headers = admin_headers(home)
        assert create_organization(serving.port, headers) == 201  # a row for the sealer
        stop_server(home, mode="immediate")
        # Some twenty sealer passes fail meanwhile.
        time.sleep(OUTAGE_SECONDS)
        assert ensure_server(home)
        deadline = time.monotonic() + 60
        while not any("works again" in str(r.get("event")) for r in serving.json_lines()):
            assert time.monotonic() < deadline, "the sealer never said it works again"
            time.sleep(0.2)
        assert create_organization(serving.port, headers) == 201
        time.sleep(1)  # a few more passes, which succeed quietly

        lines = sealer_lines(serving.json_lines())
        events = [line["event"] for line in lines]
        assert len(lines) == 2, events
        failed, recovered = lines
        assert failed["event"].startswith("audit sealing failed (the database is unavailable)")
        assert failed["level"] == "error" and failed["exception"]  # the whole error, once
        assert recovered["event"].startswith("audit sealing works again after ")
        failures = int(recovered["event"].split("after ")[1].split(" failures")[0])
        assert failures >= 5  # the passes kept failing; only the first was logged
    finally:
        serving.stop()
        stop_server(home)


def test_pooled_connections_are_replaced_after_a_restart(server_home):
    """Nothing else touches the pool while the server is down (no sealer, no worker):
    the first requests after the restart meet the connections the restart closed."""
    home = server_home / "home"
    env = corridor_env(
        home, CORRIDOR_EMBEDDED_WATCH_SECONDS="3600", CORRIDOR_AUDIT_SEAL_INTERVAL_SECONDS="0"
    )
    serving = serve(env, home)
    try:
        headers = admin_headers(home)
        # Several connections in the pool: requests at once.
        statuses: list[int] = []

        def one() -> None:
            statuses.append(create_organization(serving.port, headers))

        for _ in range(3):
            threads = [threading.Thread(target=one) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert statuses == [201] * 12

        stop_server(home, mode="immediate")
        time.sleep(1)
        ensure_server(home)
        deadline = time.monotonic() + 60
        while not database_answers(home):
            assert time.monotonic() < deadline
            time.sleep(0.2)

        after = [request(serving.port, "GET", "/readyz")[0]]
        after += [create_organization(serving.port, headers) for _ in range(8)]
        assert after == [200] + [201] * 8
    finally:
        serving.stop()
        stop_server(home)


def test_a_long_outage_is_recalled_at_most_every_minute():
    """The reminder's cadence, on a clock of our own (a real outage of minutes would
    hold the machine for nothing): the error once, then one line a minute, then the end."""
    records: list[logging.LogRecord] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("tests.failure_log")
    logger.addHandler(Capture())
    logger.propagate = False
    now = [0.0]
    failures = RepeatedFailureLog(logger, "audit sealing", clock=lambda: now[0])
    error = ConnectionRefusedError(111, "Connection refused")
    for _ in range(int(150 / 0.2)):  # two and a half minutes of passes every 0.2 s
        failures.failed(error)
        now[0] += 0.2
    failures.succeeded()
    failures.succeeded()  # the passes after: nothing more to say

    messages = [record.getMessage() for record in records]
    assert len(messages) == 4, messages
    assert messages[0].startswith("audit sealing failed (the database is unavailable)")
    assert records[0].exc_info is not None
    assert messages[1].startswith("audit sealing still failing: 301 failures in 60 s")
    assert messages[2].startswith("audit sealing still failing: 601 failures in 120 s")
    assert messages[3] == "audit sealing works again after 750 failures in 150.0 s"
