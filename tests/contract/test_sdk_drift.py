"""clients/python and clients/typescript/src are what the committed document generates
(`make sdk` rewrites them)."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT


def test_the_committed_sdks_match_the_document() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "sdk_generate.sh"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, "run `make sdk` and commit the result:\n" + output[-8000:]
    assert "SDKs are up to date" in output, output
