"""The directory's public shapes: only what a resident may read (no case, no patient)."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

from app.db.models.directory import DirectoryServiceRow
from app.domain.vocabulary import AgreementKind, CareSetting
from app.platform.schemas import CountryCode, ShortText, Specialty, stored_in

# An IETF BCP 47 language tag: "fr", "en", "fr-BE", "gcf" (Guadeloupean Creole).
LanguageTag = Annotated[
    str,
    StringConstraints(min_length=2, max_length=35, pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"),
    Field(description="An IETF BCP 47 language tag", examples=["fr-BE"]),
]


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone: Annotated[str, StringConstraints(pattern=r"^\+[0-9 ]{6,20}$")] | None = Field(
        None, examples=["+596 596 55 20 00"]
    )
    email: (
        Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@ ]+@[^@ ]+\.[^@ ]+$")] | None
    ) = Field(None, examples=["international@chu-martinique.fr"])
    url: HttpUrl | None = Field(None, examples=["https://www.chu-martinique.fr/"])
    department: ShortText | None = Field(None, examples=["International patients office"])


class ServiceCreate(BaseModel):
    """A service the organisation offers to residents across the border."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "specialty": "cardiology",
                    "care_setting": "inpatient",
                    "languages": ["fr", "en"],
                    "lead_time_days": 14,
                    "contact": {
                        "phone": "+596 596 55 20 00",
                        "email": "international@chu-martinique.fr",
                    },
                }
            ]
        },
    )

    specialty: stored_in(Specialty, DirectoryServiceRow.specialty)
    care_setting: CareSetting
    languages: list[LanguageTag] = Field(min_length=1, max_length=20)
    lead_time_days: int = Field(ge=0, le=3650, description="Typical wait before care, in days.")
    contact: Contact


class Service(ServiceCreate):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d",
                    "organization_id": "6f1c2a9e-3b7d-4e0a-9c55-1d2e3f405162",
                    "specialty": "cardiology",
                    "care_setting": "inpatient",
                    "languages": ["fr", "en"],
                    "lead_time_days": 14,
                    "contact": {
                        "phone": "+596 596 55 20 00",
                        "email": "international@chu-martinique.fr",
                    },
                }
            ]
        },
    )

    id: uuid.UUID
    organization_id: uuid.UUID


# An organisation's or agreement's public name in the directory (never its id).
PublicSlug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=64,
        description="A public name: lower-case letters, digits and dashes, unique",
        examples=["chu-de-martinique"],
    ),
]


class DirectoryAgreement(BaseModel):
    """The agreement under which the resident may be treated there, and its terms."""

    slug: PublicSlug
    name: str
    kind: AgreementKind
    prior_authorisation_required: bool
    advance_payment_required: bool
    what_to_bring: list[str] = Field(
        description="Documents to bring: health_insurance_card, proof_of_residence, "
        "ministry_guarantee_letter, passport, s2_form, identity_document, "
        "payer_guarantee_letter."
    )
    suspended: bool = Field(
        default=False,
        description="The corridor is suspended (a border closure, a transport disruption, "
        "capacity): it takes no new referral until it resumes.",
    )
    suspension_reason: str | None = Field(
        default=None,
        description="Why, while suspended: border_closure, transport_disruption, capacity "
        "or other.",
    )


class DirectoryService(BaseModel):
    id: uuid.UUID
    specialty: str
    care_setting: CareSetting
    languages: list[str]
    lead_time_days: int
    contact: Contact
    agreements: list[PublicSlug] = Field(
        description="The slugs of the agreements (of this entry's `agreements`) covering "
        "this service."
    )


class Facility(BaseModel):
    slug: PublicSlug
    name: str
    country: CountryCode
    agreements: list[DirectoryAgreement]
    services: list[DirectoryService]


class Directory(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "residence_country": "LC",
                    "facilities": [
                        {
                            "slug": "chu-de-martinique",
                            "name": "CHU de Martinique",
                            "country": "MQ",
                            "agreements": [
                                {
                                    "slug": "cares-saint-lucia-martinique",
                                    "name": "CARES Saint Lucia - Martinique",
                                    "kind": "bilateral",
                                    "prior_authorisation_required": True,
                                    "advance_payment_required": True,
                                    "what_to_bring": ["ministry_guarantee_letter", "passport"],
                                }
                            ],
                            "services": [
                                {
                                    "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d",
                                    "specialty": "cardiology",
                                    "care_setting": "inpatient",
                                    "languages": ["fr", "en"],
                                    "lead_time_days": 14,
                                    "contact": {"phone": "+596 596 55 20 00"},
                                    "agreements": ["cares-saint-lucia-martinique"],
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )

    residence_country: CountryCode | None = Field(
        default=None, description="The residence asked about; null: the whole offer."
    )
    postal_code: str | None = None
    facilities: list[Facility]
    next_cursor: str | None = Field(
        default=None, description="The next page of facilities (`cursor`); null: the last."
    )


class DirectoryBundle(BaseModel):
    """A FHIR R4 Bundle of type `searchset`: HealthcareService (match) and Organization
    (include) resources, FHIR JSON (hl7.org/fhir/R4/bundle.html)."""

    model_config = ConfigDict(extra="allow")

    resourceType: str = Field(examples=["Bundle"])
    type: str = Field(examples=["searchset"])
    total: int
    link: list[dict]
    entry: list[dict]
