"""Characters a person does not see: what identifiers and file names are stripped of.

`unicodedata` has no Default_Ignorable_Code_Point property, so its ranges are listed
here, as the Unicode standard derives them (DerivedCoreProperties.txt, Unicode 15.1:
Other_Default_Ignorable_Code_Point, Cf, Variation_Selector, minus the few visible
format characters). Whatever the running Python's Unicode version, this table is the
rule; `unicodedata` supplies the general categories (Cc, Cf) on top.
"""

from __future__ import annotations

import bisect
import unicodedata

# (first, last) inclusive, sorted.
DEFAULT_IGNORABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong / jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),  # zero-width space, joiners, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates, deprecated
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors 1-16
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # unassigned specials
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors 17-256, reserved
)
_FIRSTS = [first for first, _ in DEFAULT_IGNORABLE_RANGES]

# Visible as nothing but not default-ignorable: the braille pattern blank (a "space"
# that is a symbol, So) and the NFKC forms of the Hangul fillers are covered above.
BLANK_LOOKALIKES = frozenset({0x2800})

# Direction controls (bidi): all Cf and default-ignorable already; named for the docs.
BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])


def is_default_ignorable(char: str) -> bool:
    code = ord(char)
    index = bisect.bisect_right(_FIRSTS, code) - 1
    return index >= 0 and DEFAULT_IGNORABLE_RANGES[index][1] >= code


def is_ignorable(char: str) -> bool:
    """A format character (Cf), a default-ignorable code point, or a blank that is not
    whitespace: what a reader cannot tell from its absence. Controls (Cc) are not
    here: in an identifier they are garbage to refuse, not look-alikes to fold."""
    return (
        unicodedata.category(char) == "Cf"
        or is_default_ignorable(char)
        or ord(char) in BLANK_LOOKALIKES
    )


def without_ignorable(text: str) -> str:
    return "".join(char for char in text if not is_ignorable(char))


def is_invisible(char: str) -> bool:
    """A control (Cc), a format character (Cf), a default-ignorable code point, or a
    blank that is not whitespace: nothing a reader can tell apart from its absence."""
    return (
        unicodedata.category(char) in ("Cc", "Cf")
        or is_default_ignorable(char)
        or ord(char) in BLANK_LOOKALIKES
    )


def without_invisible(text: str) -> str:
    return "".join(char for char in text if not is_invisible(char))
