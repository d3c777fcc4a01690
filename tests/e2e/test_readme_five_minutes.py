"""The README's first steps run as written, in one shell, in the repository as a new user
has it: "Try it in five minutes" (`make install`, `make run &`, `make demo`), its curl walk,
the Python SDK snippet, then the token block of "Run it". `make run` serves on a free port
(`PORT`) from a CORRIDOR_HOME of the test's own: a fresh embedded PostgreSQL, migrated by
`make run` and `make demo` at once."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import _free_port

README = ROOT / "README.md"


def _block(text: str, marker: str) -> str:
    found = re.search(rf"<!-- {marker}:start -->\s*```\w*\n(.*?)```", text, re.S)
    assert found, f"no {marker} block in the README"
    return found.group(1)


def _claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _user_env(home: Path, port: int) -> dict[str, str]:
    """A user's shell: none of the test run's CORRIDOR_* or make variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CORRIDOR_", "MAKE", "PYTEST_")) and key not in {"MFLAGS"}
    }
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "CORRIDOR_HOME": str(home),
            "PORT": str(port),
            "CORRIDOR_URL": f"http://127.0.0.1:{port}",
            "CORRIDOR_DEMO_TOKENS": str(home / "demo-tokens.json"),
        }
    )
    return env


def _stop_group(group: int) -> None:
    """Ctrl-C's work: stop `make run` and its server, and wait until they are gone."""
    deadline = time.monotonic() + 60
    sent = signal.SIGTERM
    while True:
        try:
            os.killpg(group, sent)
        except ProcessLookupError:
            return
        if time.monotonic() > deadline:
            sent = signal.SIGKILL
        time.sleep(0.2)
        sent = sent if sent == signal.SIGKILL else 0


@pytest.mark.slow
def test_the_five_minute_start_the_walk_and_the_token_block_run_as_written(
    server_home: Path,
) -> None:
    # The README names both as prerequisites: a machine without them fails here, loudly.
    assert shutil.which("curl") and shutil.which("jq"), "the README's walk needs curl and jq"
    text = README.read_text()
    start, walk, token = (_block(text, m) for m in ("five-minutes-start", "five-minutes", "token"))
    assert "make install" in start and "make run &" in start and "make demo" in start
    home = server_home / "home"
    port = _free_port()
    env = _user_env(home, port)
    log = server_home / "shell.log"
    # The three blocks pasted one after another into one shell; `make run &` serves on.
    with open(log, "w") as output:
        shell = subprocess.Popen(
            ["bash", "-euo", "pipefail", "-c", f"{start}\n{walk}\n{token}"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # `make run &` and its server: one group to stop
        )
    try:
        returncode = shell.wait(timeout=900)
        out = log.read_text(errors="replace")
        assert returncode == 0, out[-6000:]

        # `make demo`'s summary, then the walk's answers (the server's own log lines, JSON
        # with a logger, are in the same output: the terminal shows both).
        assert re.search(r"^Loaded 100 cases from ", out, re.M), out[-6000:]
        answers = []
        for line in out.splitlines():
            if line.startswith("{"):
                record = json.loads(line)
                if "logger" not in record:
                    answers.append(record)
        walked, organisations = answers[:6], answers[6:]
        assert walked[0]["status"] == "submitted" and walked[0]["reference"].startswith("COR-")
        assert walked[1]["status"] == "accepted"
        assert walked[2]["total"] == {"amount": "18500.00", "currency": "EUR"}
        assert walked[3] == {"kind": "deposit", "amount": {"amount": "5550.00", "currency": "EUR"}}
        assert walked[4] == {"status": "funding_approved"}
        assert walked[5]["code"] == "invalid_transition"
        assert walked[5]["title"] == "Transition impossible"

        # The token block: an admin's token, the organisations it lists, then a coordinator's
        # token for the first receiving hospital.
        tokens = re.findall(r"^(eyJ[\w-]+\.[\w-]+\.[\w-]+)$", out, re.M)
        assert len(tokens) == 2, out[-3000:]
        assert _claims(tokens[0])["roles"] == ["admin"] and "org_id" not in _claims(tokens[0])
        hospitals = {o["id"] for o in organisations if o["kind"] == "receiving_facility"}
        assert "CHU de Martinique" in {o["name"] for o in organisations}
        coordinator = _claims(tokens[1])
        assert coordinator["roles"] == ["coordinator"] and coordinator["org_id"] in hospitals

        # The Python SDK snippet, against the same server: the case just walked is among the
        # hospital's funded cases.
        snippet = _block(text, "five-minutes-sdk")
        snippet = snippet.replace('".corridor/demo-tokens.json"', repr(env["CORRIDOR_DEMO_TOKENS"]))
        snippet = snippet.replace('"http://127.0.0.1:8000"', repr(env["CORRIDOR_URL"]))
        listed = subprocess.run(
            [sys.executable, "-c", snippet],
            env={**os.environ, "PYTHONPATH": str(ROOT / "clients" / "python")},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert listed.returncode == 0, listed.stdout + listed.stderr
        assert f"{walked[0]['reference']} cardiology urgent" in listed.stdout.splitlines()
    finally:
        _stop_group(shell.pid)
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "corridor"), "db", "stop"],
            env=env,
            capture_output=True,
            timeout=120,
            check=False,
        )
