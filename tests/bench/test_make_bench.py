"""`make bench` works end to end on a tiny data set: both servers start, every figure and
ratio is produced, pgbench runs. No timing is asserted (the machine is shared)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app.db.embedded import is_running, stop_server
from benchmarks.data import bench_home
from tests.conftest import ROOT


@pytest.fixture
def bench_server_left_as_found():
    """`make bench` leaves its server running for the next run (the large data set stays
    loaded); a test that started it stops it."""
    home = bench_home()
    was_running = is_running(home)
    yield
    if not was_running and is_running(home):
        stop_server(home)


def test_make_bench_runs_on_a_tiny_data_set(tmp_path, bench_server_left_as_found):
    results = tmp_path / "RESULTS.md"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--tiny", "--results", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    ratios = json.loads(run.stdout.strip().splitlines()[-1])
    for name in (
        "healthz / bare static",
        "GET case / bare same statements",
        "GET case / bare PK read",
        "transfer-unit / bare same writes",
        "GET, 2 processes / 1",
        "transfer-unit, 2 processes / 1",
        "cases list large/small",
        "event feed, first page large/small",
        "claims list large/small",
        "feed drain events/s",
        "soak rss end/warm",
        # CPU per request, the API process and PostgreSQL apart (issue 26).
        "Corridor GET /v1/cases/{id} API CPU ms/req",
        "Corridor GET /v1/cases/{id} PostgreSQL CPU ms/req",
        "Corridor transfer-unit API CPU ms/req",
        "bare static JSON API CPU ms/req",
    ):
        # Present and a number: how large depends on the machine, not asserted.
        assert isinstance(ratios[name], float), name
    written = results.read_text()
    for row in (
        "| route | req/s | errors | p50 | p99 | API CPU/req | PostgreSQL CPU/req |",
        "| bare static JSON |",
        "| bare, same statements as the GET |",
        "| bare, same writes as transfer-unit |",
        "| pgbench, same writes (custom script) |",
        "| Corridor GET /v1/cases/{id} |",
        "| Corridor transfer-unit, 2 processes |",
        "Feed drain: one consumer read",
        "Soak: 2 s mixed",
        "EXPLAIN (ANALYZE, BUFFERS)",
    ):
        assert row in written, row
