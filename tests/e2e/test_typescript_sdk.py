"""The generated TypeScript SDK: it type-checks, and a script under node creates and
submits a referral against the live server.

Node 20 cannot run .ts files, so the SDK and the script are compiled into a temporary
folder first (docs/sdk-toolchain.md). Without node this fails: the SDK is a product.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx

from tests.conftest import ROOT

TS_CLIENT = ROOT / "clients" / "typescript"


def _npx(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    assert shutil.which("node") and shutil.which("npx"), (
        "node is required for the TypeScript SDK tests; install Node 20 (>= 20.19)"
    )
    if not (ROOT / "node_modules" / ".bin" / "tsc").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    return subprocess.run(
        ["npx", "--no", "--", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_typescript_sdk_type_checks() -> None:
    result = _npx("tsc", "--noEmit", "-p", str(TS_CLIENT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_node_script_creates_and_submits_a_referral(
    live_server, org_setup, tmp_path: Path
) -> None:
    world = org_setup(live_server)
    token = world.token("castries", "referrer", sub="dr-ts")
    out = tmp_path / "compiled"
    compiled = _npx("tsc", "-p", str(TS_CLIENT), "--noEmit", "false", "--outDir", str(out))
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (out / "package.json").write_text('{"type": "module"}\n')

    result = subprocess.run(
        ["node", str(out / "e2e" / "submit_referral.js")],
        env={
            **os.environ,
            "CORRIDOR_BASE_URL": live_server.base_url,
            "CORRIDOR_TOKEN": token,
            "CORRIDOR_RECEIVING_ORGANIZATION_ID": world.orgs["chu_martinique"],
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == "submitted"
    assert answer["reference"].startswith("COR-")
    assert answer["second_submit"] == {
        "http_status": 409,
        "code": "invalid_transition",
        "current_status": "submitted",
    }

    # The server agrees: the case exists, submitted, in the physician's organisation.
    case = httpx.get(
        f"{live_server.base_url}/v1/cases/{answer['case_id']}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert case["status"] == "submitted"
    assert case["referring_organization_id"] == world.orgs["castries"]
    assert case["coverage"]["route"] == "self_pay"
