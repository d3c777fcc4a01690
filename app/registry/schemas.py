from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from app.db.models.organizations import AgreementRow, OrganizationRow
from app.domain.vocabulary import (
    AgreementKind,
    CaseStatus,
    CoverageRoute,
    OrganizationKind,
    RouteVerdict,
    SuspensionReason,
)
from app.platform.schemas import (
    VISIBLE_CHARACTER,
    CountryCode,
    RequestBody,
    Specialty,
    VisibleText,
    stored_in,
)


class OrganizationIdentifier(RequestBody):
    system: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    value: Annotated[str, StringConstraints(min_length=1, max_length=120)]


class OrganizationCreate(RequestBody):
    name: stored_in(VisibleText, OrganizationRow.name)
    kind: OrganizationKind
    country: stored_in(CountryCode, OrganizationRow.country)
    identifiers: list[OrganizationIdentifier] = Field(default_factory=list, max_length=20)
    time_zone: (
        stored_in(Annotated[str, StringConstraints(min_length=1)], OrganizationRow.time_zone) | None
    ) = Field(
        default=None,
        description="IANA time zone of a facility (stays, bills and authorisations use its "
        "local dates); defaults to the country's zone when it has only one.",
        examples=["America/Martinique"],
    )


class Organization(BaseModel):
    id: uuid.UUID
    name: str
    slug: str = Field(description="Its public name in the directory (never the id there).")
    kind: OrganizationKind
    country: str
    identifiers: list[OrganizationIdentifier]
    time_zone: str | None = None
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
    name: stored_in(VisibleText, AgreementRow.name)
    kind: AgreementKind
    receiving_organization_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)
    payer_organization_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)
    coordinating_organization_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=50,
        description="Coordination bodies (`coordination_body` organisations: observatories, "
        "a programme's secretariat) that see the corridor's statistics, never a case.",
    )
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


class SuspensionInForce(BaseModel):
    id: uuid.UUID
    receiving_organization_id: uuid.UUID | None = Field(
        default=None,
        description="The receiving hospital that paused its own intake; null: the whole "
        "corridor is suspended.",
    )
    reason: SuspensionReason
    note: str | None = Field(
        description="Free text for the agreement's parties (receiving, payer and "
        "coordinating organisations, platform admins); null for anyone else."
    )
    suspended_at: datetime
    held_count: int = Field(description="How many of your own cases it holds now.")


class Agreement(BaseModel):
    id: uuid.UUID
    name: str
    slug: str = Field(description="Its public name in the directory (never the id there).")
    kind: AgreementKind
    receiving_organization_ids: list[uuid.UUID]
    payer_organization_ids: list[uuid.UUID]
    coordinating_organization_ids: list[uuid.UUID] = Field(default_factory=list)
    suspension: SuspensionInForce | None = Field(
        default=None,
        description="The suspension in force: no submission on the agreement until it resumes.",
    )
    intake_pauses: list[SuspensionInForce] = Field(
        default_factory=list,
        description="Receiving hospitals that paused their own intake on the agreement: no "
        "submission to them on it until they resume.",
    )
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


class CoverageHint(BaseModel):
    """What the route's answer would be if an unknown fact were presumed from another."""

    fact: str = Field(examples=["insurance_country"])
    presumed_from: str = Field(
        description="`residence_country` or `nationality`", examples=["residence_country"]
    )
    value: str = Field(examples=["LC"])
    verdict: RouteVerdict
    failed_conditions: list[str]


class CoverageOption(BaseModel):
    """One funding route weighed against the facts: the route advisor's line."""

    route: CoverageRoute
    applicable: bool = Field(description="true only when `verdict` is `applicable`.")
    verdict: RouteVerdict = Field(
        description="`applicable`; `not_applicable` (`failed_conditions` says why); or "
        "`undetermined`: nothing fails yet but a condition needs a fact not known "
        "(`missing_facts`), with what residence and nationality suggest (`hints`)."
    )
    failed_conditions: list[str] = Field(
        description="The conditions that fail, as `route_not_applicable` names them."
    )
    missing_facts: list[str] = Field(
        default_factory=list,
        description="Undetermined: the facts to give (e.g. `insurance_country`).",
    )
    hints: list[CoverageHint] = Field(
        default_factory=list,
        description="Undetermined: the answer if the insuring state were the residence's "
        "or the nationality's (advice, never a decision: Reg. 883/2004 follows insurance).",
    )
    legal_basis: str = Field(examples=["Regulation (EC) 883/2004 Art. 20"])
    debtor: str = Field(
        description="`payer`, `patient` or `place_of_stay_institution` (S2, EHIC: the "
        "liaison body of the treating state is billed)"
    )
    agreement_id: uuid.UUID | None = Field(description="The zone agreement a ZOAST rests on.")
    prior_authorisation_required: bool
    guarantee_required: bool
    deposit_ratio: str | None = Field(description="Advance on the estimate; null: none.")
    documents: list[str] = Field(description="What to gather for this route.")


class CoverageOptions(BaseModel):
    care: str = Field(description="`planned` or `unplanned` care, which EHIC and S2 read.")
    current_route: CoverageRoute | None
    options: list[CoverageOption]


class Eligibility(BaseModel):
    eligible: bool = Field(description="At least one active agreement applies.")
    prior_authorisation_required: bool
    advance_payment_required: bool
    agreements: list[EligibleAgreement]
    coverage_options: list[CoverageOption] = Field(
        default_factory=list,
        description="Every funding route for this prospective patient, applicable or not.",
    )


class RegimeCountryList(BaseModel):
    name: str = Field(examples=["eu_eea_ch"])
    title: str
    countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes")
    updated_at: datetime


class RegimeCountryListUpdate(RequestBody):
    countries: list[CountryCode] = Field(max_length=300)


class SuspendAgreement(RequestBody):
    reason: SuspensionReason
    note: Annotated[str, StringConstraints(max_length=2000)] | None = Field(
        default=None,
        description="What happened, in words for the corridor's people (no patient data).",
    )


class AgreementSuspension(BaseModel):
    """A corridor's suspension, and what suspending or resuming did: case counts by status,
    never a case (the corridor's cases are not all the caller's)."""

    id: uuid.UUID
    agreement_id: uuid.UUID
    receiving_organization_id: uuid.UUID | None = Field(
        description="The hospital whose intake is paused; null: the whole corridor."
    )
    reason: SuspensionReason
    note: str | None
    suspended_at: datetime
    held_count: int = Field(
        description="How many of your own cases it put on hold (or held, when resuming); "
        "the corridor's other cases are other organisations' and are not counted."
    )
    resumed_at: datetime | None
    resumed_count: int | None = Field(
        description="How many of your own cases it brought back; cases held for other reasons stay."
    )
    by_status: dict[CaseStatus, int] = Field(
        description="Your own cases of this request by the status they were held from "
        "(suspend, pause) or resumed to (resume)."
    )


class CoordinatingOrganizations(RequestBody):
    organization_ids: list[uuid.UUID] = Field(
        max_length=50,
        description="The coordination bodies that see the corridor's statistics (replaces "
        "the list; empty: none).",
    )
