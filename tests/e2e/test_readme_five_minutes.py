"""The README's "Try it in five minutes" curl walk runs as written, against a live
server loaded by the demo (the demo's organisations and tokens file)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from app.demo import load_demo
from tests.conftest import ROOT, alembic, drop_database, recreate_database
from tests.e2e.conftest import start_server, stop_server


def _block(text: str, marker: str) -> str:
    found = re.search(rf"<!-- {marker}:start -->\s*```\w*\n(.*?)```", text, re.S)
    assert found, f"no {marker} block in the README"
    return found.group(1)


@pytest.fixture
def demo_server(server_root_url, settings):
    name = f"corridor_readme_{os.getpid()}"
    url = recreate_database(server_root_url, name)
    alembic(url, "upgrade", "heads")
    server = start_server(settings.home, url)
    yield server
    stop_server(server)
    drop_database(server_root_url, name)


def test_the_five_minute_curl_walk_runs_as_written(demo_server, settings, tmp_path) -> None:
    # The README names both as prerequisites: a machine without them fails here, loudly.
    assert shutil.which("curl") and shutil.which("jq"), "the README's walk needs curl and jq"
    tokens = tmp_path / "demo-tokens.json"
    asyncio.run(load_demo(demo_server.database_url, settings, cases=3, tokens_file=tokens))
    script = _block((ROOT / "README.md").read_text(), "five-minutes")

    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env={
            **os.environ,
            "CORRIDOR_URL": demo_server.base_url,
            "CORRIDOR_DEMO_TOKENS": str(tokens),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines[0]["status"] == "submitted" and lines[0]["reference"].startswith("COR-")
    assert lines[1]["status"] == "accepted"
    assert lines[2]["total"] == {"amount": "18500.00", "currency": "EUR"}
    assert lines[3] == {"kind": "deposit", "amount": {"amount": "5550.00", "currency": "EUR"}}
    assert lines[4] == {"status": "funding_approved"}
    assert lines[5]["code"] == "invalid_transition"
    assert lines[5]["title"] == "Transition impossible"

    # Then the SDK snippet: the hospital's funded cases include the one just walked.
    snippet = _block((ROOT / "README.md").read_text(), "five-minutes-sdk")
    snippet = snippet.replace('".corridor/demo-tokens.json"', repr(str(tokens)))
    snippet = snippet.replace('"http://127.0.0.1:8000"', repr(demo_server.base_url))
    listed = subprocess.run(
        [sys.executable, "-c", snippet],
        env={**os.environ, "PYTHONPATH": str(ROOT / "clients" / "python")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert f"{lines[0]['reference']} cardiology urgent" in listed.stdout.splitlines()
