"""Patient identifiers compared as people read them, not as bytes.

`P123` typed with a full-width digit, a zero-width space, a variation selector, a
right-to-left mark, in lower case or as `p 12-3` is the same passport number to a
person; stored as given it would be a second patient (a duplicate that the 409
misses) and a search that misses. Every identifier is normalised once, before it is
stored or compared:

1. Unicode NFKC (full-width and compatibility forms fold to their plain letters);
2. every ignorable character removed (`app.domain.invisible_characters`: format
   characters, every Default_Ignorable_Code_Point — variation selectors, the
   combining grapheme joiner U+034F, the Hangul fillers — and the braille blank).
   Control characters stay, to be refused as garbage (a NUL is 422 `unstorable_text`),
   except whitespace, which step 3 handles;
3. per system: the documented schemes (passport, NIR, NISS, EHIC) are upper-cased
   and lose every separator (whitespace, dashes, dots, slashes), since none of them
   carries meaning in a space, a dash or a letter's case; any other system keeps its
   case (some local schemes distinguish it) and has its whitespace collapsed;
4. NFKC again (removing a joiner can bring two combinable characters together).

Migration 0015_security_round_three re-normalises the identifiers stored before.
"""

from __future__ import annotations

import unicodedata

from .invisible_characters import without_ignorable

# Identifier systems that name a person's statutory insurance (Belgian NISS, French NIR,
# the EHIC card number): what payers' billing systems and reimbursing insurers match on.
INSURANCE_IDENTIFIER_SYSTEMS = ("niss", "nir", "ehic")

# Systems whose numbers are read without case or separators.
SEPARATOR_FREE_SYSTEMS = frozenset({"passport", *INSURANCE_IDENTIFIER_SYSTEMS})

# Separators people type inside a number: dashes (Pd), dots, slashes, the minus sign.
_SEPARATOR_SYMBOLS = frozenset(".·/\\_\u2212\u2044\u2215")


def _is_separator(char: str) -> bool:
    return (
        char.isspace()
        or unicodedata.category(char) in ("Pd", "Zs", "Zl", "Zp")
        or char in _SEPARATOR_SYMBOLS
    )


def normalise_system(text: str) -> str:
    """An identifier system's name: NFKC, nothing invisible, trimmed."""
    visible = without_ignorable(unicodedata.normalize("NFKC", text))
    return unicodedata.normalize("NFKC", visible).strip()


def normalise_identifier(text: str, system: str | None = None) -> str:
    """The identifier `text` of `system` as it is stored and compared."""
    folded = unicodedata.normalize("NFKC", text)
    visible = without_ignorable(folded)
    if system is not None and normalise_system(system).lower() in SEPARATOR_FREE_SYSTEMS:
        visible = "".join(char for char in visible if not _is_separator(char)).upper()
    else:
        visible = " ".join(visible.split())
    return unicodedata.normalize("NFKC", visible).strip()
