"""The contract is for anyone's generator, not only ours: openapi-python-client and
openapi-ts, run with their defaults (no media-type mapping, none of our settings), turn
every operation into a function without a single warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

CONTRACT = ROOT / "openapi" / "openapi.json"
BIN = Path(sys.executable).parent


def test_openapi_python_client_generates_every_operation_without_a_warning(tmp_path):
    result = subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(CONTRACT),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / "client"),
            "--fail-on-warning",
        ],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    generated = {path.stem for path in (tmp_path / "client" / "api" / "stats").glob("*.py")}
    assert {"stats_flows_chart", "stats_census_chart"} <= generated


def test_openapi_ts_generates_without_a_warning(tmp_path):
    tool = ROOT / "node_modules" / ".bin" / "openapi-ts"
    if not tool.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    result = subprocess.run(
        [str(tool), "-i", str(CONTRACT), "-o", str(tmp_path / "ts")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warn" not in output.lower(), output
    sdk = (tmp_path / "ts" / "sdk.gen.ts").read_text()
    assert "statsFlowsChart" in sdk and "statsCensusChart" in sdk
