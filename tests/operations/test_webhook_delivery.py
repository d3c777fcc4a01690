"""Webhooks delivered by the processes operators run: `corridor serve` with no setting at
all, and `corridor worker` processes next to a `serve --no-worker`.

Everything is real: the commands run as subprocesses on an embedded server of their own,
the events come from cases referred through the API, the receivers are HTTP servers on
loopback sockets in this process, and every signature is checked with the
`standardwebhooks` package.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from standardwebhooks.webhooks import Webhook

from app.cli import _served_settings, build_parser
from app.db.embedded import stop_server
from app.platform.settings import Settings
from tests.operations.conftest import (
    ROOT,
    Serving,
    corridor,
    corridor_env,
    free_port,
    request,
)

# -- receivers: one HTTP server on 127.0.0.1, a behaviour per path ----------------------------


@dataclass
class Arrival:
    path: str
    at: float  # time.monotonic() when the request was read
    headers: dict[str, str]
    body: bytes


@dataclass
class Receivers:
    """`/fast/...` answers 204 at once; `/slow/...` holds the request `slow_seconds`
    (longer than the webhook timeout) before answering."""

    slow_seconds: float = 0.0
    arrivals: list[Arrival] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    def start(self) -> Receivers:
        receivers = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                arrival = Arrival(
                    self.path,
                    time.monotonic(),
                    {name.lower(): value for name, value in self.headers.items()},
                    body,
                )
                with receivers.lock:
                    receivers.arrivals.append(arrival)
                if self.path.startswith("/slow/"):
                    receivers.released.wait(receivers.slow_seconds)
                try:
                    self.send_response(204)
                    self.send_header("Connection", "close")
                    self.end_headers()
                except OSError:
                    pass  # the worker gave up waiting: that is the point

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.released.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def url(self, path: str) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def at(self, prefix: str) -> list[Arrival]:
        with self.lock:
            return [a for a in self.arrivals if a.path.startswith(prefix)]


def verified(secret: str, arrival: Arrival) -> dict:
    """The payload, once its Standard Webhooks signature checks out (raises otherwise)."""
    return Webhook(secret).verify(arrival.body, arrival.headers)


# -- the processes ----------------------------------------------------------------------------


def start(env: dict[str, str], home: Path, *args: str, name: str) -> Serving:
    """`corridor <args>` in the background, its output in a log file next to `home`."""
    port = free_port()
    log_path = home.parent / f"{name}-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115 - lives as long as the process
    command = [sys.executable, "-m", "app.cli", *args]
    if args[0] == "serve":
        command += ["--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return Serving(process, port, log_path)


def wait_ready(serving: Serving, deadline_seconds: float = 180) -> Serving:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if serving.process.poll() is not None:
            raise RuntimeError("corridor serve exited:\n" + serving.log_path.read_text())
        try:
            if request(serving.port, "GET", "/readyz")[0] == 200:
                return serving
        except OSError:
            pass
        time.sleep(0.3)
    serving.stop()
    raise RuntimeError("corridor serve was not ready:\n" + serving.log_path.read_text())


def wait_for(condition, what: str, deadline_seconds: float = 90, every: float = 0.1):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"{what}: not within {deadline_seconds} s")


def events(serving: Serving) -> list[str]:
    return [str(record.get("event")) for record in serving.json_lines()]


# -- the demo's organisations, and cases referred through the API ------------------------------


@dataclass
class Demo:
    port: int
    organizations: dict[str, dict]

    def headers(self, key: str, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.organizations[key]['tokens'][role]}"}

    def call(self, method: str, path: str, key: str, role: str, body=None, expect=200) -> dict:
        status, _, answer = request(self.port, method, path, body, self.headers(key, role))
        assert status == expect, (status, answer)
        return answer

    def create_webhook(self, url: str) -> dict:
        return self.call(
            "POST",
            "/v1/webhooks",
            "chu_martinique",
            "coordinator",
            {"url": url, "event_types": ["case.submitted"]},
            expect=201,
        )

    def refer(self) -> str:
        """A case referred to CHU Martinique and submitted: a `case.submitted` event in
        the hospital's feed. Its id."""
        patient = self.call(
            "POST",
            "/v1/patients",
            "okeu",
            "referrer",
            {
                "family_name": "Joseph",
                "given_names": ["Marie"],
                "sex": "female",
                "birth_date": "1961-04-12",
                "residence": {"country": "LC", "city": "Vieux Fort"},
                "identifiers": [{"system": "passport", "value": f"LC{uuid.uuid4().hex[:12]}"}],
            },
            expect=201,
        )
        case = self.call(
            "POST",
            "/v1/cases",
            "okeu",
            "referrer",
            {
                "patient_id": patient["id"],
                "receiving_organization_id": self.organizations["chu_martinique"]["id"],
                "specialty": "cardiology",
                "priority": "urgent",
                "reason": "Aortic valve replacement",
                "clinical_summary": "Severe aortic stenosis, NYHA III.",
                "coverage": {
                    "route": "third_party_guarantee",
                    "payer_organization_id": self.organizations["lc_ministry"]["id"],
                },
            },
            expect=201,
        )
        self.call("POST", f"/v1/cases/{case['id']}/submit", "okeu", "referrer")
        return case["id"]

    def deliveries(self, webhook_id: str) -> list[dict]:
        return self.call(
            "GET",
            f"/v1/webhooks/{webhook_id}/deliveries?limit=200",
            "chu_martinique",
            "coordinator",
        )["items"]

    def webhook(self, webhook_id: str) -> dict:
        return self.call("GET", f"/v1/webhooks/{webhook_id}", "chu_martinique", "coordinator")


def load_demo(env: dict[str, str], home: Path) -> dict[str, dict]:
    tokens = home.parent / "demo-tokens.json"
    loaded = corridor(env, "demo", "--cases", "0", "--tokens-file", str(tokens))
    assert loaded.returncode == 0, loaded.stderr
    return {org["key"]: org for org in json.loads(tokens.read_text())["organizations"]}


# -- issue 22.1: `corridor serve` delivers, with no setting -----------------------------------


@pytest.mark.parametrize("processes", [1, 2])
def test_corridor_serve_delivers_signed_webhooks_with_no_setting(server_home, processes):
    """`make run` is `corridor serve`: nothing in the environment about the worker (only
    the documented override that lets a receiver on loopback be a target). With
    `--workers 2` each API process delivers, and each event still arrives once."""
    home = server_home / "home"
    env = corridor_env(home, CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS="true")
    assert not any(name.startswith("CORRIDOR_RUN_WORKER") for name in env)
    receivers = Receivers().start()
    serving = None
    try:
        demo = Demo(0, load_demo(env, home))
        serving = wait_ready(start(env, home, "serve", "--workers", str(processes), name="serve"))
        demo.port = serving.port
        # Every API process is up (each says whether it delivers) before the event.
        wait_for(
            lambda: (
                events(serving).count("webhook delivery worker: running in this process")
                == processes
            ),
            "an API process did not start its webhook worker",
        )
        webhook = demo.create_webhook(receivers.url("/fast/hospital"))
        case_id = demo.refer()

        wait_for(lambda: receivers.at("/fast/"), "the registered endpoint got nothing")
        time.sleep(2)  # room for a second copy, were there one
        (arrival,) = receivers.at("/fast/")
        payload = verified(webhook["secret"], arrival)
        assert payload["type"] == "case.submitted"
        assert payload["data"]["case_id"] == case_id
        assert arrival.headers["webhook-id"].startswith("msg_")

        # The server said at start that it delivers webhooks itself.
        (serving_line,) = [r for r in serving.json_lines() if r.get("event") == "serving"]
        assert serving_line["webhook_worker"] == "in-process"
    finally:
        if serving is not None:
            serving.stop()
        receivers.stop()
        stop_server(home)


def test_serve_with_no_worker_says_so_and_delivers_nothing(server_home):
    home = server_home / "home"
    env = corridor_env(home)
    serving = wait_ready(start(env, home, "serve", "--no-worker", name="serve"))
    try:
        lines = events(serving)
        assert "webhook delivery worker: not in this process (`corridor worker` delivers)" in lines
        (serving_line,) = [r for r in serving.json_lines() if r.get("event") == "serving"]
        assert serving_line["webhook_worker"] == "off"
    finally:
        serving.stop()
        stop_server(home)


@pytest.mark.parametrize(
    ("flag", "setting", "delivers"),
    [(False, None, True), (True, None, False), (False, False, False), (False, True, True)],
)
def test_serve_decides_the_worker_from_its_flag_and_the_setting(flag, setting, delivers):
    """The decision `serve` hands the app: on unless --no-worker or the setting says
    false (given here explicitly; unset is None)."""
    args = build_parser().parse_args(["serve", *(["--no-worker"] if flag else [])])
    settings = Settings(environment="test", run_worker_in_process=setting)
    served = _served_settings(
        settings, args, "postgresql+asyncpg://o@h/db", "postgresql+asyncpg://a@h/db"
    )
    assert served.run_worker_in_process is delivers
    assert served.app_database_url == "postgresql+asyncpg://a@h/db"
    assert settings.run_worker_in_process is setting  # the caller's settings are untouched


# -- issue 22.2: a slow receiver stalls no other endpoint --------------------------------------

WEBHOOK_TIMEOUT = 8.0
PER_ENDPOINT = 3
CASES = 16


def test_a_slow_receiver_delays_no_other_endpoint(server_home):
    """Two `corridor worker` processes; one endpoint whose receiver holds every request
    longer than the webhook timeout, one that answers at once. Every event reaches the
    healthy one promptly (well under the slow one's timeout), once, at its first
    attempt; the slow one times out, with never more than its in-flight limit open at
    once over both workers."""
    home = server_home / "home"
    env = corridor_env(
        home,
        CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS="true",
        CORRIDOR_WEBHOOK_TIMEOUT_SECONDS=str(WEBHOOK_TIMEOUT),
        CORRIDOR_WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT=str(PER_ENDPOINT),
        # Quick retries, so the slow endpoint keeps its attempts busy, and a short
        # schedule: a healthy endpoint charged with a few failures would be disabled.
        CORRIDOR_WEBHOOK_RETRY_SCHEDULE_SECONDS="[0, 1, 1, 1, 1, 1]",
        CORRIDOR_WEBHOOK_RETRY_JITTER="0",
        CORRIDOR_WORKER_POLL_INTERVAL_SECONDS="0.2",
    )
    receivers = Receivers(slow_seconds=WEBHOOK_TIMEOUT + 30).start()
    processes: list[Serving] = []
    try:
        demo = Demo(0, load_demo(env, home))
        api = wait_ready(start(env, home, "serve", "--no-worker", name="serve"))
        processes.append(api)
        demo.port = api.port
        slow = demo.create_webhook(receivers.url("/slow/hook"))
        healthy = demo.create_webhook(receivers.url("/fast/hook"))
        workers = [start(env, home, "worker", name=f"worker{index}") for index in range(2)]
        processes += workers
        for worker in workers:
            wait_for(
                lambda worker=worker: any(
                    line.startswith("webhook worker started") for line in events(worker)
                ),
                "corridor worker did not start",
                deadline_seconds=180,
            )

        # Cases referred one after the other while the slow receiver holds its attempts.
        submitted: dict[str, float] = {}
        for _ in range(CASES):
            case_id = demo.refer()
            submitted[case_id] = time.monotonic()
            time.sleep(0.5)
        wait_for(
            lambda: len(receivers.at("/fast/")) >= CASES,
            "the healthy endpoint did not get every event",
        )
        # The slow endpoint's first attempts have timed out, and been recorded.
        timed_out = wait_for(
            lambda: [
                d
                for d in demo.deliveries(slow["id"])
                if any(a["error"] == "timeout" for a in d["attempts"])
            ],
            "no attempt to the slow endpoint timed out",
            every=1,
        )
        assert timed_out

        # Healthy: every event once, promptly, signed.
        fast = receivers.at("/fast/")
        by_case = {}
        for arrival in fast:
            payload = verified(healthy["secret"], arrival)
            by_case.setdefault(payload["data"]["case_id"], []).append(arrival)
        assert set(by_case) == set(submitted)
        assert all(len(arrivals) == 1 for arrivals in by_case.values()), "an attempt twice"
        lateness = {case: by_case[case][0].at - at for case, at in submitted.items()}
        # Measured from the 2xx of the submit to the request reaching the receiver.
        assert max(lateness.values()) < WEBHOOK_TIMEOUT / 2, sorted(lateness.values())

        history = demo.deliveries(healthy["id"])
        assert len(history) == CASES
        assert all(d["status"] == "succeeded" and d["attempt_count"] == 1 for d in history)
        assert all(a["error"] is None for d in history for a in d["attempts"])
        assert demo.webhook(healthy["id"])["status"] == "active"

        # Slow: never more than its limit in flight, over both workers. Until the first
        # timeout, every request that reached the receiver is still in flight.
        slow_arrivals = receivers.at("/slow/")
        first = min(a.at for a in slow_arrivals)
        before_any_timeout = [a for a in slow_arrivals if a.at < first + WEBHOOK_TIMEOUT * 0.9]
        assert 1 <= len(before_any_timeout) <= PER_ENDPOINT
        for arrival in slow_arrivals:
            verified(slow["secret"], arrival)
    finally:
        for process in reversed(processes):
            process.stop()
        receivers.stop()
        stop_server(home)
