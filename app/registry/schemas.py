from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from app.domain.vocabulary import AgreementKind, OrganizationKind
from app.platform.schemas import VISIBLE_CHARACTER, CountryCode, RequestBody, ShortText, Specialty


class OrganizationIdentifier(RequestBody):
    system: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    value: Annotated[str, StringConstraints(min_length=1, max_length=120)]


class OrganizationCreate(RequestBody):
    name: ShortText
    kind: OrganizationKind
    country: CountryCode
    identifiers: list[OrganizationIdentifier] = Field(default_factory=list, max_length=20)


class Organization(BaseModel):
    id: uuid.UUID
    name: str
    kind: OrganizationKind
    country: str
    identifiers: list[OrganizationIdentifier]
    created_at: datetime


PostalCode = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=12, pattern=VISIBLE_CHARACTER
    ),
]


class ZoneEntry(RequestBody):
    country: CountryCode
    postal_codes: list[PostalCode] = Field(default_factory=list, max_length=5000)
    postal_code_prefixes: list[PostalCode] = Field(default_factory=list, max_length=500)


DepositRatio = Annotated[
    str,
    StringConstraints(pattern=r"^(0(\.\d{1,4})?|1(\.0{1,4})?)$"),
    Field(description="A decimal string between 0 and 1", examples=["0.3"]),
]


class AgreementCreate(RequestBody):
    name: ShortText
    kind: AgreementKind
    receiving_organization_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)
    payer_organization_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)
    zone: list[ZoneEntry] = Field(default_factory=list, max_length=50)
    excluded_specialties: list[Specialty] = Field(default_factory=list, max_length=200)
    prior_authorisation_required: bool = False
    advance_payment_required: bool = False
    deposit_ratio: DepositRatio | None = None
    valid_from: date
    valid_until: date | None = None

    @model_validator(mode="after")
    def _validity_in_order(self) -> AgreementCreate:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until must not be before valid_from")
        return self


class Agreement(BaseModel):
    id: uuid.UUID
    name: str
    kind: AgreementKind
    receiving_organization_ids: list[uuid.UUID]
    payer_organization_ids: list[uuid.UUID]
    zone: list[ZoneEntry]
    excluded_specialties: list[str]
    prior_authorisation_required: bool
    advance_payment_required: bool
    deposit_ratio: str | None
    valid_from: date
    valid_until: date | None
    created_at: datetime


class EligibleAgreement(BaseModel):
    agreement: Agreement
    prior_authorisation_required: bool
    advance_payment_required: bool
    deposit_ratio: str


class Eligibility(BaseModel):
    eligible: bool = Field(description="At least one active agreement applies.")
    prior_authorisation_required: bool
    advance_payment_required: bool
    agreements: list[EligibleAgreement]
