"""Spectral (spectral:oas) and Redocly (recommended + problem-details rules) pass on the
committed document with no error and no warning; accepted findings are listed, with
their reasons, in .redocly.lint-ignore.yaml."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT


def test_both_linters_pass_without_warnings() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "openapi_lint.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "No results with a severity of 'error' found!" in output, output
    assert not re.search(r"\d+:\d+\s+warning\s", output), "Spectral warnings:\n" + output
    assert "Your API description is valid" in output, output
    assert not re.search(r"You have \d+ warnings?", output), "Redocly warnings:\n" + output
