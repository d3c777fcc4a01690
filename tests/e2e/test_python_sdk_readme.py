"""The Python SDK's README example runs as written against the live server, from the
SDK installed into a fresh virtual environment (pip install ./clients/python)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SDK = ROOT / "clients" / "python"


def test_the_python_readme_example_runs_from_an_installed_sdk(
    live_server, org_setup, tmp_path: Path
) -> None:
    world = org_setup(live_server)
    readme = (SDK / "README.md").read_text()
    for topic in ("Authenticate", "Errors", "If-Match", "Idempotency-Key"):
        assert topic in readme, topic
    assert "api.example.com" not in readme and "get_my_data_model" not in readme
    example = re.search(r"<!-- example:start -->\s*```python\n(.*?)```", readme, re.S)
    assert example, "the README has no example block"
    script = tmp_path / "referral.py"
    script.write_text(example.group(1))

    # The SDK installed by pip from a copy (as `pip install ./clients/python` does) into a
    # folder of its own; httpx and attrs come from this environment (no index needed).
    source, site = tmp_path / "sdk", tmp_path / "site"
    shutil.copytree(SDK, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(site), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (site / "corridor_client" / "client.py").exists()

    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,  # not the repository: the SDK comes from the installed package
        env={
            **os.environ,
            "PYTHONPATH": str(site),
            "CORRIDOR_BASE_URL": live_server.base_url,
            "CORRIDOR_TOKEN": world.token("castries", "referrer", sub="dr-py"),
            "CORRIDOR_RECEIVING_ORGANIZATION_ID": world.orgs["chu_martinique"],
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reference, status, code, current = result.stdout.split()
    assert reference.startswith("COR-")
    assert (status, code, current) == ("submitted", "invalid_transition", "submitted")
