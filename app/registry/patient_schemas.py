from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from app.db.models.patients import PatientIdentifierRow, PatientRow
from app.domain.vocabulary import Sex
from app.platform.schemas import CountryCode, RequestBody, ShortText, VisibleText, stored_in

IdentifierSystem = Annotated[
    stored_in(
        Annotated[str, StringConstraints(min_length=1, pattern=r"^[a-z0-9_\-.:]+$")],
        PatientIdentifierRow.system,
    ),
    Field(examples=["passport", "nir", "niss", "ehic", "mutuality_member", "oecs_id"]),
]
IdentifierValue = stored_in(VisibleText, PatientIdentifierRow.value)
# Lengths of text stored in a column are the column's (stored_in).
FamilyName = stored_in(VisibleText, PatientRow.family_name)
Nationality = stored_in(CountryCode, PatientRow.nationality)
Language = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
    Field(examples=["fr", "en"]),
]


class PatientIdentifier(RequestBody):
    system: IdentifierSystem
    value: IdentifierValue


class Residence(RequestBody):
    country: CountryCode
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=12)] | None = (
        None
    )
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None


class PatientCreate(RequestBody):
    family_name: FamilyName
    given_names: list[ShortText] = Field(default_factory=list, max_length=10)
    birth_date: date | None = None
    sex: Sex = Sex.UNKNOWN
    nationality: Nationality | None = None
    residence: Residence
    languages: list[Language] = Field(default_factory=list, max_length=10)
    identifiers: list[PatientIdentifier] = Field(default_factory=list, max_length=20)


class PatientUpdate(RequestBody):
    """Fields to change; absent fields are left as they are."""

    family_name: FamilyName | None = None
    given_names: list[ShortText] | None = Field(default=None, max_length=10)
    birth_date: date | None = None
    sex: Sex | None = None
    nationality: Nationality | None = None
    residence: Residence | None = None
    languages: list[Language] | None = Field(default=None, max_length=10)
    identifiers: list[PatientIdentifier] | None = Field(default=None, max_length=20)


class Patient(BaseModel):
    id: uuid.UUID
    organization_id: uuid.UUID = Field(description="The organisation that registered the patient.")
    family_name: str
    given_names: list[str]
    birth_date: date | None
    sex: Sex
    nationality: str | None
    residence: Residence
    languages: list[str]
    identifiers: list[PatientIdentifier]
    version: int
    created_at: datetime
    updated_at: datetime
