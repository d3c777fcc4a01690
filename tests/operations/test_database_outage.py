"""The embedded database dies under a running `corridor serve` with clients writing.

Every answer during the outage is a 503 `database_unavailable` problem with
Retry-After (never a 500), each client keeps its one keep-alive connection, readiness
goes red then green, `serve` starts the database again by itself (and says so), and
every change answered 2xx is in the database afterwards.
"""

from __future__ import annotations

import asyncio
import http.client
import threading
import time
import uuid

import asyncpg

from app.db.embedded import ensure_server, stop_server
from tests.operations.conftest import admin_headers, corridor_env, send, serve

CLIENTS = 3


def test_a_dead_database_is_503_then_restarted_and_nothing_acknowledged_is_lost(server_home):
    home = server_home / "home"
    env = corridor_env(home, CORRIDOR_EMBEDDED_WATCH_SECONDS="3")
    serving = serve(env, home)
    try:
        headers = admin_headers(home)
        stop_load = threading.Event()
        answers: list[tuple[int, dict, object]] = []
        reconnects: list[int] = []
        errors: list[BaseException] = []

        def client(index: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", serving.port, timeout=60)
            connection.connect()
            first_socket = connection.sock
            changed = 0
            try:
                while not stop_load.is_set():
                    body = {
                        "name": f"Outage clinic {index}-{uuid.uuid4().hex[:8]}",
                        "kind": "referring_facility",
                        "country": "LC",
                    }
                    status, response_headers, parsed = send(
                        connection, "POST", "/v1/organizations", body, headers
                    )
                    answers.append((status, response_headers, parsed))
                    if connection.sock is not first_socket:
                        changed += 1
                        first_socket = connection.sock
                    time.sleep(0.02)
            except BaseException as error:  # a dropped connection lands here
                errors.append(error)
            finally:
                reconnects.append(changed)
                connection.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)

        readiness: list[int] = []
        recovered = threading.Event()

        def probe() -> None:
            # Polled from before the crash on: on a loaded machine the supervisor may have
            # the database back before a probe started after `stop_server` gets its turn.
            connection = http.client.HTTPConnection("127.0.0.1", serving.port, timeout=30)
            try:
                while not recovered.is_set():
                    status, _, _ = send(connection, "GET", "/readyz")
                    readiness.append(status)
                    if 503 in readiness and status == 200:
                        recovered.set()
                    time.sleep(0.05)
            finally:
                connection.close()

        prober = threading.Thread(target=probe)
        prober.start()
        time.sleep(0.3)
        stop_server(home, mode="immediate")  # as a crash would
        recovered.wait(timeout=120)
        recovered.set()
        prober.join(timeout=60)
        time.sleep(1.5)  # some load after the recovery, too
        stop_load.set()
        for thread in threads:
            thread.join(timeout=90)

        assert not errors, errors
        assert reconnects == [0] * CLIENTS  # every client kept its connection
        statuses = [status for status, _, _ in answers]
        assert 500 not in statuses
        assert set(statuses) <= {201, 503}, set(statuses)
        unavailable = [(h, body) for status, h, body in answers if status == 503]
        assert unavailable, "the outage was never seen by a client"
        for response_headers, body in unavailable:
            assert body["code"] == "database_unavailable"
            assert int(response_headers["Retry-After"]) > 0
            assert response_headers["Content-Type"] == "application/problem+json"
        assert statuses[-1] == 201  # the API recovered by itself
        # Readiness: green, red while the database is down, green again.
        assert 503 in readiness and readiness[-1] == 200

        # `serve` restarted the database and said so.
        messages = [record.get("event") for record in serving.json_lines()]
        assert "embedded PostgreSQL started again" in messages

        created = {body["id"] for status, _, body in answers if status == 201}
        server = ensure_server(home)

        async def stored() -> set[str]:
            connection = await asyncpg.connect(server.url("corridor").replace("+asyncpg", ""))
            try:
                rows = await connection.fetch("SELECT id::text FROM organizations")
            finally:
                await connection.close()
            return {row["id"] for row in rows}

        assert created <= asyncio.run(stored())
        assert len(created) > CLIENTS
    finally:
        serving.stop()
        stop_server(home)
