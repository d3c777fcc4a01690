"""Shutdown is graceful but bounded: a request that never finishes (here, a body that
never arrives) holds `corridor serve` up for CORRIDOR_SHUTDOWN_TIMEOUT_SECONDS, no more."""

from __future__ import annotations

import signal
import socket
import time

from app.db.embedded import stop_server
from tests.operations.conftest import corridor_env, serve

TIMEOUT_SECONDS = 2


def test_a_request_in_flight_delays_shutdown_by_the_setting_at_most(server_home):
    home = server_home / "home"
    env = corridor_env(home, CORRIDOR_SHUTDOWN_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS))
    serving = serve(env, home)
    try:
        with socket.create_connection(("127.0.0.1", serving.port)) as stalled:
            stalled.sendall(
                b"POST /v1/organizations HTTP/1.1\r\nHost: t\r\n"
                b'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na'
            )
            time.sleep(1)
            started = time.monotonic()
            serving.process.send_signal(signal.SIGTERM)
            serving.process.wait(timeout=60)
            took = time.monotonic() - started
        # It waited for the request (graceful), then gave up (bounded).
        assert TIMEOUT_SECONDS - 0.5 <= took < TIMEOUT_SECONDS + 10, took
        assert any(
            "graceful" in line.lower() or "cancel" in line.lower() for line in serving.log_lines()
        ), serving.log_lines()[-5:]
    finally:
        serving.stop()
        stop_server(home)
