"""Problem titles and details in the caller's language (English, French, Dutch or
Spanish, by Accept-Language), from the gettext catalogues under
`locales/<lang>/LC_MESSAGES/problems.po`, read with Babel.

Each problem code has two messages per language, with the code as context: `title` and
`detail` (a generic sentence, which may name the problem's members in braces, such as
`{current_status}` or `{missing}`). The `code` never changes with the language.

- English keeps the detail written where the error is raised (it is the most precise:
  it may name the action or the limit); its title comes from the catalogue.
- French, Dutch and Spanish take both from their catalogue: an exact translation of
  that English detail when the catalogue has one (msgctxt the code, msgid the English
  sentence), otherwise the code's generic detail.
- A code missing from a catalogue falls back to English, then to the HTTP phrase;
  `tests/contract/test_problem_texts.py` finds every code in the source and fails until
  every catalogue has it, naming the codes each language lacks.
"""

from __future__ import annotations

from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALES = Path(__file__).with_name("locales")
# Dutch for Flanders across the ZOAST border, Spanish for the Caribbean partners.
LANGUAGES = ("en", "fr", "nl", "es")
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(language: str) -> Catalog:
    with (LOCALES / language / "LC_MESSAGES" / "problems.po").open("rb") as source:
        return read_po(source, locale=language)


def message(language: str, code: str, key: str) -> str | None:
    found = catalogue(language).get(key, context=code)
    return found.string if found is not None and found.string else None


def language_of(accept_language: str | None) -> str:
    """The best of LANGUAGES for an Accept-Language header (RFC 9110 §12.5.4):
    highest q first, then the order given; `*` or nothing usable means English."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, parameters = item.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if quality > 0 and primary in LANGUAGES:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


class _Members(dict):
    """Format values: lists as "a, b"; a member the problem lacks stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, members: dict[str, Any]) -> str:
    values = _Members(
        {
            key: ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            for key, value in members.items()
            if value is not None
        }
    )
    return template.format_map(values)


def localise(
    code: str, status: int, detail: str, language: str, members: dict[str, Any]
) -> tuple[str, str]:
    """(title, detail) of a problem in `language`."""
    title = (
        message(language, code, "title")
        or message(DEFAULT_LANGUAGE, code, "title")
        or HTTPStatus(status).phrase
    )
    if language == DEFAULT_LANGUAGE:
        return title, detail
    translated = message(language, code, detail) or message(language, code, "detail")
    return title, _fill(translated, members) if translated else detail
