"""docs/production.md's rehearsal runs as written: migrate, two API processes and a
webhook worker behind a trusted proxy address, ready, an admin call, a clean stop, a
backup, a restore over the data, the audit chain verified, the database stopped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.operations.conftest import corridor_env, free_port

PAGE = ROOT / "docs" / "production.md"


def _block(marker: str) -> str:
    found = re.search(rf"<!-- {marker}:start -->\s*```sh\n(.*?)```", PAGE.read_text(), re.S)
    assert found, f"no {marker} block in docs/production.md"
    return found.group(1)


def test_the_production_rehearsal_runs_as_written(server_home: Path) -> None:
    home = server_home / "home"
    env = corridor_env(home, PORT=str(free_port()))
    # As an operator with Corridor installed: `corridor` on PATH.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", _block("production-rehearsal")],
        cwd=server_home,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    assert '{"status":"ready"}' in result.stdout  # the second readiness check's answer
    assert (home / "corridor.backup").stat().st_size > 10_000
    assert "head " in result.stdout  # `corridor audit verify` printed the chain's head
    assert "stopped" in result.stdout
