"""openapi/openapi.json is the app's document, byte for byte (`make openapi` rewrites it)."""

from __future__ import annotations

import difflib

from app.openapi_export import current_document, render
from tests.conftest import ROOT

COMMITTED = ROOT / "openapi" / "openapi.json"


def test_the_committed_document_is_what_the_app_serves() -> None:
    expected = render(current_document())
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    if committed != expected:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                "openapi/openapi.json (committed)",
                "the app",
                n=2,
            )
        )
        raise AssertionError(
            "openapi/openapi.json is out of date: run `make openapi` (then `make sdk`) "
            "and commit the result.\n" + diff[:8000]
        )


def test_the_export_is_deterministic() -> None:
    assert render(current_document()) == render(current_document())
