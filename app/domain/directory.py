"""The public directory's rules: what a resident brings, language matching. Its care
settings are the cases' (`vocabulary.CareSetting`, one enum in the contract).

Which agreement covers a resident stays in `agreements.py`; this module only says what the
directory adds to it.
"""

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
