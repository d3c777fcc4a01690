"""Rewrite the lifecycle table in docs/architecture.md from app/domain/transitions.py.

    .venv/bin/python scripts/render_lifecycle_doc.py   (or: make lifecycle-doc)

tests/domain/test_architecture_doc.py fails when the two differ.
"""

from pathlib import Path

from app.domain.transitions import render_table_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
START, END = "<!-- transitions:start -->", "<!-- transitions:end -->"


def main() -> None:
    text = DOC.read_text()
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    DOC.write_text(f"{before}{START}\n{render_table_markdown()}\n{END}{after}")


if __name__ == "__main__":
    main()
