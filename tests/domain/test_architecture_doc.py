"""The lifecycle table in docs/architecture.md is the one in app/domain/transitions.py."""

from pathlib import Path

from app.domain.transitions import render_table_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def test_the_documented_table_is_the_transition_table():
    text = DOC.read_text()
    documented = text.split("<!-- transitions:start -->")[1].split("<!-- transitions:end -->")[0]
    assert documented.strip() == render_table_markdown().strip()
