"""The parties of a case: the organisations that refer it, receive the patient and pay.

They are the case's tenants (who sees it, in `app/db/case_tenancy.py` and the row security
policies), the audience of its events, and what tells a payer that is only a payer (no
clinical text, not where the patient lies) from a care party.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar
from uuid import UUID


@dataclass(frozen=True)
class CaseParties:
    referring: UUID | None = None
    receiving: UUID | None = None
    payer: UUID | None = None

    # Where a case (its aggregate, its row, a row of a query) names each party, in the
    # order of the fields above.
    ATTRIBUTES: ClassVar[tuple[str, str, str]] = (
        "referring_organization_id",
        "receiving_organization_id",
        "payer_organization_id",
    )

    @classmethod
    def of(cls, holder: Any) -> CaseParties:
        """The parties of anything that names them by `ATTRIBUTES` (a case, its row)."""
        return cls(*(getattr(holder, name) for name in cls.ATTRIBUTES))

    @classmethod
    def from_mapping(cls, values: dict) -> CaseParties:
        return cls(*(values.get(name) for name in cls.ATTRIBUTES))

    @property
    def organizations(self) -> list[UUID]:
        """Each party once, in order: the case's tenants and its events' audience."""
        return list(dict.fromkeys(o for o in (self.referring, self.receiving, self.payer) if o))

    def includes(self, organization_id: UUID | None) -> bool:
        return organization_id is not None and organization_id in (
            self.referring,
            self.receiving,
            self.payer,
        )

    def cares_for(self, organization_id: UUID | None) -> bool:
        """Whether the organisation refers or receives the patient (a care party)."""
        return organization_id is not None and organization_id in (self.referring, self.receiving)

    def pays_only(self, organization_id: UUID | None) -> bool:
        """Whether the organisation is the payer and no care party: it sees no clinical text."""
        return (
            organization_id is not None
            and organization_id == self.payer
            and not self.cares_for(organization_id)
        )
