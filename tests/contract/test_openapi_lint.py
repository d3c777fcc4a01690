"""Spectral (spectral:oas) and Redocly (recommended + problem-details rules) pass on the
committed document with no error and no warning; accepted findings are listed, with
their reasons, in .redocly.lint-ignore.yaml."""

from __future__ import annotations

import json
import re
import subprocess

from app.contract.operations import operation_texts
from app.openapi_export import current_document
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


def _spectral(document: dict, tmp_path) -> str:
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    result = subprocess.run(
        ["npx", "--no", "--", "spectral", "lint", "--ruleset", str(ROOT / ".spectral.yaml"), path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout + result.stderr


def test_the_lint_fails_an_operation_without_examples_or_a_summary_in_words(tmp_path) -> None:
    document = current_document()
    submit = document["paths"]["/v1/cases/{case_id}/submit"]["post"]
    del submit["requestBody"]["content"]["application/json"]["example"]
    del submit["responses"]["200"]["content"]["application/json"]["example"]
    submit["summary"] = "Submit"
    output = _spectral(document, tmp_path)
    for rule in (
        "corridor-request-example",
        "corridor-response-example",
        "corridor-summary-in-words",
    ):
        assert re.search(rf"error\s+{rule}\s+.*/submit", output), output
    # ...and an example that contradicts its schema fails too.
    document = current_document()
    case = document["paths"]["/v1/cases"]["post"]["responses"]["201"]["content"][
        "application/json"
    ]["example"]
    case["status"] = "teleported"
    assert "oas3-valid-media-example" in _spectral(document, tmp_path)


def test_every_operation_has_its_texts_in_operations_json() -> None:
    """The lint reads the document; this names the file to edit when it fails."""
    ids = {
        operation["operationId"]
        for item in current_document()["paths"].values()
        for operation in item.values()
    }
    assert ids <= set(operation_texts()), sorted(ids - set(operation_texts()))
    assert set(operation_texts()) <= ids, sorted(set(operation_texts()) - ids)
