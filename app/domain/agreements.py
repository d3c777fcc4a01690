"""Agreements: the care corridors that decide who pays, for whom, where."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from .errors import ValidationFailed
from .vocabulary import AgreementKind


def _normalise(text: str) -> str:
    # Postal codes arrive as "97 110", "1000 bx" or "b-7500"; compare them bare.
    return "".join(text.split()).upper()


@dataclass(frozen=True)
class ZoneEntry:
    """Part of an agreement's residence zone; without codes or prefixes, the whole country."""

    country: str
    postal_codes: tuple[str, ...] = ()
    postal_code_prefixes: tuple[str, ...] = ()

    def covers(self, country: str | None, postal_code: str | None) -> bool:
        if country is None or _normalise(country) != _normalise(self.country):
            return False
        if not self.postal_codes and not self.postal_code_prefixes:
            return True
        if postal_code is None:
            return False
        code = _normalise(postal_code)
        return code in {_normalise(c) for c in self.postal_codes} or any(
            code.startswith(_normalise(prefix)) for prefix in self.postal_code_prefixes
        )


@dataclass(frozen=True)
class Agreement:
    id: UUID
    kind: AgreementKind
    receiving_organization_ids: frozenset[UUID]
    payer_organization_ids: frozenset[UUID]
    zone: tuple[ZoneEntry, ...]
    excluded_specialties: frozenset[str]
    prior_authorisation_required: bool
    advance_payment_required: bool
    deposit_ratio: Decimal | None
    valid_from: date
    valid_until: date | None

    def __post_init__(self) -> None:
        if self.deposit_ratio is not None and not Decimal(0) <= self.deposit_ratio <= Decimal(1):
            raise ValidationFailed("invalid_deposit_ratio", "deposit_ratio must lie in 0..1")
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValidationFailed("invalid_validity", "valid_until is before valid_from")

    def is_active(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def covers_residence(self, country: str | None, postal_code: str | None) -> bool:
        # An agreement without a zone does not restrict residence.
        return not self.zone or any(entry.covers(country, postal_code) for entry in self.zone)

    def excludes(self, specialty: str | None) -> bool:
        if specialty is None:
            return False
        wanted = specialty.strip().casefold()
        return any(wanted == excluded.strip().casefold() for excluded in self.excluded_specialties)

    def binds_receiver(self, receiving_organization_id: UUID | None) -> bool:
        # No receiver given: the question is about any receiver (an eligibility search).
        return (
            receiving_organization_id is None
            or receiving_organization_id in self.receiving_organization_ids
        )

    def applies_to(
        self,
        residence_country: str | None,
        postal_code: str | None,
        receiving_organization_id: UUID | None,
        specialty: str | None,
        on: date,
    ) -> bool:
        return (
            self.is_active(on)
            and self.binds_receiver(receiving_organization_id)
            and self.covers_residence(residence_country, postal_code)
            and not self.excludes(specialty)
        )


def applicable_agreements(
    agreements: Iterable[Agreement],
    residence_country: str | None,
    postal_code: str | None,
    receiving_organization_id: UUID | None,
    specialty: str | None,
    on: date,
    *,
    kind: AgreementKind | None = None,
) -> list[Agreement]:
    return [
        agreement
        for agreement in agreements
        if (kind is None or agreement.kind == kind)
        and agreement.applies_to(
            residence_country, postal_code, receiving_organization_id, specialty, on
        )
    ]


def deposit_ratio_for(agreement: Agreement | None, default: Decimal) -> Decimal:
    """The advance payment ratio of a case under this agreement: the agreement's own, else
    the deployment's default (`CORRIDOR_DEFAULT_DEPOSIT_RATIO`, itself defaulting to
    `funding.DEFAULT_DEPOSIT_RATIO`)."""
    if agreement is not None and agreement.deposit_ratio is not None:
        return agreement.deposit_ratio
    return default
