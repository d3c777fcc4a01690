"""clients/python and clients/typescript/src are what the committed document generates
(`make sdk` rewrites them)."""

from __future__ import annotations

import shutil
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


def test_build_artefacts_of_an_installed_sdk_are_not_drift(tmp_path) -> None:
    """`pip install ./clients/python` leaves build/ and *.egg-info; `npm pack` leaves
    dist/ and the TypeScript build may leave node_modules/: none of them is generated."""
    python, typescript = ROOT / "clients" / "python", ROOT / "clients" / "typescript"
    leftovers = [
        python / "build" / "lib" / "corridor_client" / "stray.py",
        python / "corridor_client.egg-info" / "PKG-INFO",
        typescript / "src" / "dist" / "index.js",
        typescript / "src" / "node_modules" / ".package-lock.json",
    ]
    try:
        for leftover in leftovers:
            leftover.parent.mkdir(parents=True, exist_ok=True)
            leftover.write_text("left by an install\n")
        result = subprocess.run(
            ["bash", str(ROOT / "scripts" / "sdk_generate.sh"), "--check"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, output[-4000:]
        assert "SDKs are up to date" in output
    finally:
        for folder in (
            python / "build",
            python / "corridor_client.egg-info",
            typescript / "src" / "dist",
            typescript / "src" / "node_modules",
        ):
            shutil.rmtree(folder, ignore_errors=True)
