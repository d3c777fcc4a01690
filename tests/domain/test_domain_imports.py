"""app/domain stays in the standard library: no framework can creep into the rules."""

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "app" / "domain"


def imported_modules(path: Path) -> list[tuple[str, int]]:
    """(module, relative level) for every import statement in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
    return found


def is_allowed(module: str, level: int) -> bool:
    if level > 0:
        return True
    if module == "app.domain" or module.startswith("app.domain."):
        return True
    return module.split(".")[0] in sys.stdlib_module_names


DOMAIN_FILES = sorted(DOMAIN.glob("*.py"))


def test_the_domain_package_is_found():
    assert {"case.py", "transitions.py", "money.py"} <= {p.name for p in DOMAIN_FILES}


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: p.name)
def test_only_standard_library_imports(path):
    foreign = [m for m, level in imported_modules(path) if not is_allowed(m, level)]
    assert foreign == []


def test_the_check_would_catch_a_framework(tmp_path):
    leaky = tmp_path / "leaky.py"
    leaky.write_text("import pydantic\nfrom sqlalchemy import orm\nfrom .x import y\n")
    assert [m for m, lv in imported_modules(leaky) if not is_allowed(m, lv)] == [
        "pydantic",
        "sqlalchemy",
    ]
