"""The public directory's rules: what a resident brings, language matching. Its care
settings are the cases' (`vocabulary.CareSetting`, one enum in the contract).

Which agreement covers a resident stays in `agreements.py`; this module only says what the
directory adds to it.
"""

import itertools
import re
import unicodedata
from collections.abc import Iterable

from .vocabulary import AgreementKind

# What a resident brings to be treated under an agreement of each kind: public guidance,
# the same for everyone under that kind (no case or patient data).
WHAT_TO_BRING: dict[AgreementKind, tuple[str, ...]] = {
    AgreementKind.ZOAST: ("health_insurance_card", "proof_of_residence"),
    AgreementKind.S2: ("s2_form", "identity_document"),
    AgreementKind.EU_DIRECTIVE: ("health_insurance_card", "identity_document"),
    # CARES corridors: the payer ministry guarantees the care in a letter.
    AgreementKind.BILATERAL: ("ministry_guarantee_letter", "passport"),
    AgreementKind.PRIVATE_CONTRACT: ("payer_guarantee_letter", "passport"),
}


def speaks(languages: tuple[str, ...], wanted: str | None) -> bool:
    """RFC 4647 basic filtering: "fr" matches "fr" and "fr-BE"; "fr-BE" matches only
    "fr-BE" (a service declared as plain "fr" is taken to serve every French speaker)."""
    if wanted is None:
        return True
    asked = wanted.casefold()
    for tag in languages:
        spoken = tag.casefold()
        if spoken == asked or spoken.startswith(asked + "-") or asked.startswith(spoken + "-"):
            return True
    return False


# -- public slugs ---------------------------------------------------------------------
# The public directory names organisations and agreements by slug, never by their ids
# (an id is what every authenticated route takes: the directory must not hand them out).

MAX_SLUG_CHARS = 60
_SLUG_SEPARATORS = re.compile(r"[^a-z0-9]+")


def slug_of(name: str) -> str:
    """`CHU de Martinique` -> `chu-de-martinique`: ASCII letters and digits, dashes."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    slug = _SLUG_SEPARATORS.sub("-", plain.lower()).strip("-")
    return slug[:MAX_SLUG_CHARS].rstrip("-") or "unnamed"


def free_slug(name: str, taken: Iterable[str]) -> str:
    """The name's slug, or with the first free `-2`, `-3`... suffix when another holds it."""
    base, used = slug_of(name), set(taken)
    if base not in used:
        return base
    for number in itertools.count(2):
        suffix = f"-{number}"
        candidate = base[: MAX_SLUG_CHARS - len(suffix)].rstrip("-") + suffix
        if candidate not in used:
            return candidate
    raise AssertionError("unreachable")
