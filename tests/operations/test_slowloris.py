"""Slowloris (issue 22, item 8): `corridor serve` closes a connection whose headers
trickle in past CORRIDOR_HTTP_HEADER_TIMEOUT_SECONDS, and one that says nothing at all,
while other requests are served meanwhile; oversized headers are 431; a body that stalls
has its connection closed after CORRIDOR_HTTP_BODY_TIMEOUT_SECONDS. Raw sockets against
a subprocess server."""

from __future__ import annotations

import socket
import threading
import time

from app.db.embedded import stop_server
from tests.operations.conftest import corridor_env, request, serve

HEADER_TIMEOUT = 2
BODY_TIMEOUT = 3
SLOW_CLIENTS = 20
GIVE_UP = HEADER_TIMEOUT + 15  # seconds: a slow client still open then was never cut off


class SlowHeaders(threading.Thread):
    """Sends a request's headers a byte every 0.2 s, never finishing them; records when
    (after it began) the server closed the connection, and what it said."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.closed_after: float | None = None
        self.received = b""

    def run(self) -> None:
        headers = b"GET /healthz HTTP/1.1\r\nHost: t\r\n" + b"X-Slow: " + b"a" * 10_000
        started = time.monotonic()
        self.sock.settimeout(0.2)
        try:
            for byte in headers:
                if time.monotonic() - started > GIVE_UP:
                    return  # never cut off: closed_after stays None
                self.sock.sendall(bytes([byte]))
                try:
                    data = self.sock.recv(65536)
                except TimeoutError:
                    continue
                self.received += data
                if not data:
                    break
                # The answer came; wait for the close.
                self.sock.settimeout(30)
                while data:
                    data = self.sock.recv(65536)
                    self.received += data
                break
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            if time.monotonic() - started <= GIVE_UP:
                self.closed_after = time.monotonic() - started
            self.sock.close()


def _closed_within(sock: socket.socket, timeout: float) -> tuple[float | None, bytes]:
    started = time.monotonic()
    sock.settimeout(timeout)
    received = b""
    try:
        while data := sock.recv(65536):
            received += data
    except TimeoutError:
        return None, received
    except ConnectionResetError:
        pass
    return time.monotonic() - started, received


def test_slow_headers_are_cut_at_the_deadline_while_others_are_served(server_home):
    home = server_home / "home"
    env = corridor_env(
        home,
        CORRIDOR_HTTP_HEADER_TIMEOUT_SECONDS=str(HEADER_TIMEOUT),
        CORRIDOR_HTTP_BODY_TIMEOUT_SECONDS=str(BODY_TIMEOUT),
        CORRIDOR_HTTP_MAX_HEADER_BYTES="8192",
    )
    serving = serve(env, home)
    try:
        slow = [SlowHeaders(serving.port) for _ in range(SLOW_CLIENTS)]
        silent = socket.create_connection(("127.0.0.1", serving.port), timeout=60)
        for client in slow:
            client.start()
        # Meanwhile, everyone else is served, promptly.
        served = []
        while any(client.is_alive() for client in slow) and len(served) < 200:
            started = time.monotonic()
            status = request(serving.port, "GET", "/healthz", timeout=30)[0]
            served.append((status, time.monotonic() - started))
            time.sleep(0.1)
        for client in slow:
            client.join(timeout=60)
        assert served and all(status == 200 for status, _ in served), served
        assert max(took for _, took in served) < HEADER_TIMEOUT, served

        # Each slow client was cut at the deadline (not before it, not long after).
        for client in slow:
            assert client.closed_after is not None, "a slow client was never cut off"
            assert HEADER_TIMEOUT - 0.5 <= client.closed_after < HEADER_TIMEOUT + 8, (
                client.closed_after
            )
            assert client.received.startswith(b"HTTP/1.1 408"), client.received[:100]
            assert b'"code": "request_timeout"' in client.received

        # A connection that never sends a byte is closed by the same deadline.
        closed_after, said = _closed_within(silent, 30)
        assert closed_after is not None, "the silent connection was never closed"
        assert said.startswith(b"HTTP/1.1 408"), said[:100]

        # Headers past the size cap, sent at once: 431, and the connection closed.
        with socket.create_connection(("127.0.0.1", serving.port), timeout=30) as big:
            big.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + b"b" * 20_000)
            closed_after, said = _closed_within(big, 30)
        assert closed_after is not None and said.startswith(b"HTTP/1.1 431"), said[:100]
        assert b'"code": "headers_too_large"' in said

        # A body that stops coming: the connection is closed after the body timeout.
        with socket.create_connection(("127.0.0.1", serving.port), timeout=30) as stalled:
            stalled.sendall(
                b"POST /v1/organizations HTTP/1.1\r\nHost: t\r\n"
                b'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na'
            )
            closed_after, _ = _closed_within(stalled, 30)
        assert closed_after is not None, "the stalled body's connection was never closed"
        assert BODY_TIMEOUT - 0.5 <= closed_after < BODY_TIMEOUT + 10, closed_after

        # Still serving.
        assert request(serving.port, "GET", "/healthz")[0] == 200
    finally:
        serving.stop()
        stop_server(home)
