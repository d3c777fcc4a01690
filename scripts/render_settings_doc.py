"""Write docs/settings.md from the Settings class: each setting's environment variable,
default and meaning (the comment above its field in app/platform/settings.py).

`make settings-doc` runs it; tests/contract/test_settings_doc.py fails when the page
and the class disagree, or when a setting has no comment to explain it."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from pydantic import SecretStr

from app.platform.settings import DEVELOPMENT_SECRET, Settings

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "app" / "platform" / "settings.py"
PAGE = ROOT / "docs" / "settings.md"

HEADER = """# Settings

Every setting is an environment variable prefixed `CORRIDOR_` (`DATABASE_URL` also works
for the database). This page is generated from `app/platform/settings.py` by
`make settings-doc`; a test fails when the two disagree.

| variable | default | meaning |
| --- | --- | --- |
"""


def meanings() -> dict[str, str]:
    """The comment lines right above each field of the class, joined: every setting says
    what it is for, in its own comment."""
    lines = SOURCE.read_text().splitlines()
    tree = ast.parse(SOURCE.read_text())
    (settings,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Settings"]
    found: dict[str, str] = {}
    for node in settings.body:
        if not isinstance(node, ast.AnnAssign) or not isinstance(node.target, ast.Name):
            continue
        comment = []
        index = node.lineno - 2
        while index >= 0 and lines[index].strip().startswith("#"):
            comment.insert(0, lines[index].strip().lstrip("#").strip())
            index -= 1
        found[node.target.id] = " ".join(comment)
    return found


def default_of(name: str) -> str:
    field = Settings.model_fields[name]
    value = field.default
    if isinstance(value, SecretStr):
        if value.get_secret_value() == DEVELOPMENT_SECRET:
            return "a development value (refused in production)"
        return "(secret)"
    if value is None:
        return "unset"
    if isinstance(value, Path):
        return f"`{value}`"
    if isinstance(value, list):
        return "`" + ",".join(str(item) for item in value) + "`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def render() -> str:
    explained = meanings()
    rows = []
    for name in Settings.model_fields:
        variable = f"`CORRIDOR_{name.upper()}`"
        if name == "database_url":
            variable += " or `DATABASE_URL`"
        meaning = explained.get(name, "").replace("|", "\\|")
        rows.append(f"| {variable} | {default_of(name)} | {meaning} |")
    return HEADER + "\n".join(rows) + "\n"


if __name__ == "__main__":
    missing = [name for name, text in meanings().items() if not text]
    if missing:
        sys.exit(f"settings without a comment to explain them: {', '.join(missing)}")
    PAGE.write_text(render())
    print(f"wrote {PAGE.relative_to(ROOT)}")
