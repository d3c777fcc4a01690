"""Patient identifiers compared as people read them, not as bytes.

`P123` typed with a full-width digit, a zero-width space or a right-to-left mark is
the same passport number to a person; stored as given it would be a second patient
(a duplicate that the 409 misses) and a search that misses. Every identifier is
normalised once, before it is stored or compared: Unicode NFKC, then every format
character (category Cf: zero-width space/joiners, direction marks and embeddings,
the byte-order mark, the soft hyphen) removed, then the surrounding whitespace.
Letter case is kept: some schemes distinguish it. Control characters are not
invisible look-alikes but garbage: they are left for validation to refuse (a NUL is
422 `unstorable_text`).
"""

from __future__ import annotations

import unicodedata

INVISIBLE_CATEGORIES = frozenset({"Cf"})

# Identifier systems that name a person's statutory insurance (Belgian NISS, French NIR,
# the EHIC card number): what payers' billing systems and reimbursing insurers match on.
INSURANCE_IDENTIFIER_SYSTEMS = ("niss", "nir", "ehic")


def normalise_identifier(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in folded if unicodedata.category(ch) not in INVISIBLE_CATEGORIES)
    # NFKC again: removing a joiner can bring two combinable characters together.
    return unicodedata.normalize("NFKC", visible).strip()
