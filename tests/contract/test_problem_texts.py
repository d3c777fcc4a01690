"""Every problem code has its title and detail in English, French, Dutch and Spanish.

The codes are found in the application's source, not listed by hand, so a code added
anywhere fails here until both catalogues (app/platform/locales/*/LC_MESSAGES/problems.po)
translate it. Where the source puts codes (by the AST): `code="..."` keywords, `code =
"..."` class attributes, the code argument of `problem_response(...)` and
`_oauth_error(...)`, the first argument of a DomainError whose constructor takes the
code first, and `{status: "code"}` tables of HTTP statuses.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.platform.problem_texts import LANGUAGES, language_of, localise, message
from tests.conftest import ROOT

CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PROBLEM_HELPERS = {"problem_response", "_oauth_error"}


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _code(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def _domain_errors(trees: list[ast.Module]) -> tuple[set[str], set[str]]:
    """DomainError and its subclasses, and those of them whose constructor takes the
    code first."""
    classes = {
        node.name: node
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }

    def first_parameter(name: str, seen: frozenset[str] = frozenset()) -> str | None:
        node = classes.get(name)
        if node is None or name in seen:
            return None
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                parameters = item.args.args[1:]
                return parameters[0].arg if parameters else None
        for base in node.bases:
            found = first_parameter(_name(base) or "", seen | {name})
            if found is not None:
                return found
        return None

    def is_domain_error(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name == "DomainError":
            return True
        node = classes.get(name)
        if node is None or name in seen:
            return False
        return any(is_domain_error(_name(base) or "", seen | {name}) for base in node.bases)

    family = {name for name in classes if is_domain_error(name)}
    return family, {name for name in family if first_parameter(name) == "code"}


def discover_codes(root: Path) -> dict[str, set[str]]:
    paths = sorted(root.rglob("*.py"))
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in paths]
    family, code_first = _domain_errors(trees)
    codes: dict[str, set[str]] = {}

    def add(node: ast.AST, path: Path) -> None:
        code = _code(node)
        if code is not None:
            codes.setdefault(code, set()).add(str(path.relative_to(ROOT)))

    for path, tree in zip(paths, trees, strict=True):
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.Assign) and any(
                        _name(target) == "code" for target in item.targets
                    ):
                        add(item.value, path)
                    if (
                        isinstance(item, ast.AnnAssign)
                        and _name(item.target) == "code"
                        and item.value is not None
                    ):
                        add(item.value, path)
                if node.name in family:
                    # super().__init__("code", detail): the parents all take the code first.
                    for call in ast.walk(node):
                        if (
                            isinstance(call, ast.Call)
                            and _name(call.func) == "__init__"
                            and isinstance(call.func, ast.Attribute)
                            and isinstance(call.func.value, ast.Call)
                            and _name(call.func.value.func) == "super"
                            and len(call.args) >= 2
                        ):
                            add(call.args[0], path)
            elif isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        add(keyword.value, path)
                name = _name(node.func)
                if name in PROBLEM_HELPERS and len(node.args) >= 3:
                    add(node.args[2], path)
                if name in code_first and len(node.args) >= 2:
                    add(node.args[0], path)
            elif isinstance(node, ast.Dict) and node.keys:
                keys = [key.value if isinstance(key, ast.Constant) else None for key in node.keys]
                if all(isinstance(key, int) and 400 <= key < 600 for key in keys):
                    for value in node.values:
                        add(value, path)
    return codes


CODES = discover_codes(ROOT / "app")


def test_the_discovery_finds_codes_of_every_kind() -> None:
    # One of each way the source names a code: if discovery broke, this says so.
    for code in (
        "invalid_transition",  # super().__init__("invalid_transition", ...)
        "invalid_amount",  # MoneyError("invalid_amount", ...)
        "invalid_cursor",  # InvalidRequest(..., code="invalid_cursor")
        "precondition_failed",  # class attribute code = "..."
        "validation_failed",  # problem_response(request, 422, "validation_failed", ...)
        "unsupported_grant_type",  # _oauth_error(request, 400, "unsupported_grant_type", ...)
        "method_not_allowed",  # {405: "method_not_allowed"}
    ):
        assert code in CODES, code
    assert "create" not in CODES  # ActionForbidden("create", ...) names an action


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_has_a_title_and_detail(code: str, language: str) -> None:
    where = ", ".join(sorted(CODES[code]))
    title, detail = message(language, code, "title"), message(language, code, "detail")
    assert title, f"{code} (raised in {where}) has no title in {language}: add it to problems.po"
    assert detail, f"{code} (raised in {where}) has no detail in {language}: add it to problems.po"
    if language != "en":
        assert title != message("en", code, "title"), f"{code}: the {language} title is English"
        assert detail != message("en", code, "detail"), f"{code}: the {language} detail is English"
    # What a caller gets: the catalogue's title; the detail filled from the problem.
    shown_title, shown_detail = localise(
        code,
        422,
        "An English detail from the raise site.",
        language,
        {"current_status": "submitted", "missing": ["estimate", "deposit"]},
    )
    assert shown_title == title
    if language == "en":
        assert shown_detail == "An English detail from the raise site."
    else:
        assert "{" not in shown_detail and shown_detail != "An English detail from the raise site."


def test_no_language_lacks_a_code() -> None:
    """One message naming, per language, every code without a title or a detail there."""
    lacking = {
        language: sorted(
            code
            for code in CODES
            if not message(language, code, "title") or not message(language, code, "detail")
        )
        for language in LANGUAGES
    }
    assert LANGUAGES == ("en", "fr", "nl", "es")
    missing = {language: codes for language, codes in lacking.items() if codes}
    assert not missing, "codes lacking a title or detail, by language: " + "; ".join(
        f"{language}: {', '.join(codes)}" for language, codes in missing.items()
    )


def test_an_exact_translation_of_the_raised_detail_wins() -> None:
    from app.integrations.service import PRIVATE_TARGET_HINT

    for language in ("fr", "nl", "es"):
        _, detail = localise("webhook_target_not_allowed", 422, PRIVATE_TARGET_HINT, language, {})
        assert "CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true" in detail
        assert detail != PRIVATE_TARGET_HINT
        generic = message(language, "webhook_target_not_allowed", "detail")
        assert detail != generic


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "en"),
        ("", "en"),
        ("fr", "fr"),
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("en-GB,fr;q=0.5", "en"),
        ("de-DE,fr;q=0.4,en;q=0.3", "fr"),
        ("en;q=0.2, fr;q=0.9", "fr"),
        ("fr;q=0, en", "en"),
        ("de, it", "en"),
        ("de, es", "es"),
        ("nl-BE,nl;q=0.9,fr;q=0.8", "nl"),
        ("es-DO,es;q=0.9,en;q=0.5", "es"),
        ("en;q=0.5, nl;q=0.6", "nl"),
        ("*", "en"),
        ("fr;q=banana", "en"),
    ],
)
def test_the_language_follows_accept_language(header: str | None, language: str) -> None:
    assert language_of(header) == language
