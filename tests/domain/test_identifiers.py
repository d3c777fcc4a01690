"""Identifier normalisation (app.domain.identifiers), as properties: whatever invisible
characters, case or separators are mixed into a number of a documented scheme, it is the
same number; normalising twice changes nothing; no invisible character survives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from app.domain.identifiers import SEPARATOR_FREE_SYSTEMS, normalise_identifier
from app.domain.invisible_characters import (
    DEFAULT_IGNORABLE_RANGES,
    is_default_ignorable,
    is_ignorable,
    is_invisible,
)

IGNORABLE = [chr(code) for first, last in DEFAULT_IGNORABLE_RANGES for code in (first, last)]
INVISIBLE = st.sampled_from([*IGNORABLE, "\u2800", "\u034f", "\u3164", "\ufe0f", "\u200b"])
SEPARATORS = st.sampled_from([" ", "-", ".", "/", "\u00a0", "\u2013", "\u2212", "\u3000"])
NUMBER = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=20)
SYSTEMS = st.sampled_from(sorted(SEPARATOR_FREE_SYSTEMS))


@st.composite
def spelled(draw, number: str) -> str:
    """`number` as a person might type or paste it: noise between any two characters,
    any letter in either case, full-width forms."""
    out = []
    for char in number:
        for _ in range(draw(st.integers(0, 2))):
            out.append(draw(st.one_of(INVISIBLE, SEPARATORS)))
        if draw(st.booleans()):
            char = char.lower()
        if draw(st.integers(0, 4)) == 0:
            char = chr(ord(char) + 0xFEE0)  # full-width
        out.append(char)
    out.extend(draw(st.lists(st.one_of(INVISIBLE, SEPARATORS), max_size=3)))
    return "".join(out)


@given(st.data(), NUMBER, SYSTEMS)
def test_every_spelling_of_a_number_is_the_same_number(data, number, system):
    variant = data.draw(spelled(number))
    assert normalise_identifier(variant, system) == number


@given(st.text(max_size=40), st.sampled_from([*sorted(SEPARATOR_FREE_SYSTEMS), "local", None]))
def test_normalising_twice_changes_nothing_and_leaves_nothing_ignorable(text, system):
    once = normalise_identifier(text, system)
    assert normalise_identifier(once, system) == once
    assert not any(is_ignorable(char) for char in once)
    # Controls other than whitespace are kept, for validation to refuse.
    assert [c for c in once if unicodedata.category(c) == "Cc"] == [
        c for c in text if unicodedata.category(c) == "Cc" and not c.isspace()
    ]


@given(st.text(min_size=1, max_size=20).filter(str.strip), st.data())
def test_another_system_keeps_case_but_loses_invisible_characters(text, data):
    noise = data.draw(st.lists(INVISIBLE, min_size=1, max_size=3))
    plain = normalise_identifier(text, "mutuality_member")
    assert normalise_identifier("".join(noise) + text, "mutuality_member") == plain


def test_the_default_ignorable_table_is_sorted_disjoint_and_covers_the_named_cases():
    lasts = -1
    for first, last in DEFAULT_IGNORABLE_RANGES:
        assert lasts < first <= last
        lasts = last
    for char in "\u034f\u115f\u1160\u3164\uffa0\ufe00\ufe0f\U000e0100\U000e01ef\u180b\u200b":
        assert is_default_ignorable(char), ascii(char)
    for char in "A1 -\u2800\u0600":
        assert not is_default_ignorable(char), ascii(char)
    # Every bidi control named in the standard is invisible.
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]:
        assert is_invisible(chr(code)) and unicodedata.category(chr(code)) == "Cf"
