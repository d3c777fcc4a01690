"""The README's "webhooks on your own machine" block runs as written: a live server
serving with CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true and its delivery worker, the
demo's tokens, examples/webhook_receiver.py checking the Standard Webhooks signature."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess

import pytest

from app.demo import load_demo
from examples.webhook_receiver import expected_signature, verify
from tests.conftest import ROOT, alembic, drop_database, recreate_database
from tests.e2e.conftest import start_server, stop_server
from tests.e2e.test_readme_five_minutes import _block


@pytest.fixture
def webhook_server(server_root_url, settings):
    name = f"corridor_readme_hooks_{os.getpid()}"
    url = recreate_database(server_root_url, name)
    alembic(url, "upgrade", "heads")
    server = start_server(
        settings.home,
        url,
        {
            "CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
            "CORRIDOR_RUN_WORKER_IN_PROCESS": "true",
        },
    )
    yield server
    stop_server(server)
    drop_database(server_root_url, name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_local_webhook_walk_runs_as_written(webhook_server, settings, tmp_path) -> None:
    assert shutil.which("curl") and shutil.which("jq"), "the README's walk needs curl and jq"
    tokens = tmp_path / "demo-tokens.json"
    asyncio.run(load_demo(webhook_server.database_url, settings, cases=2, tokens_file=tokens))
    script = _block((ROOT / "README.md").read_text(), "webhooks-local")

    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=ROOT,
        env={
            **os.environ,
            "CORRIDOR_URL": webhook_server.base_url,
            "CORRIDOR_DEMO_TOKENS": str(tokens),
            "RECEIVER_PORT": str(_free_port()),
        },
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    case = next(line for line in lines if "status" in line)
    assert case["status"] == "draft" and case["reference"].startswith("COR-")
    (delivery,) = [line for line in lines if "webhook_id" in line]
    assert delivery["type"] == "case.created"
    assert delivery["verified"] is True
    assert delivery["webhook_id"].startswith("msg_")


def test_the_receiver_refuses_what_corridor_did_not_sign() -> None:
    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # the Standard Webhooks example
    body = b'{"type":"case.created"}'
    now = 1_700_000_000
    signed = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(now),
        "webhook-signature": "v1," + expected_signature(secret, "msg_1", str(now), body),
    }
    assert verify(secret, signed, body, now=now) is None
    assert verify(secret, signed, body + b" ", now=now) == "no signature matches the secret"
    assert verify(secret, signed, body, now=now + 3600) == "webhook-timestamp is too far from now"
    other = "whsec_" + "c2VjcmV0LW9mLWFub3RoZXItd2ViaG9vaw=="
    assert verify(other, signed, body, now=now) == "no signature matches the secret"
    assert verify(secret, {}, body, now=now).startswith("missing")
