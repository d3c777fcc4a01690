from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

from app.domain.vocabulary import ClaimKind, ClaimStatus, PaymentKind, PaymentPayer
from app.platform.schemas import VISIBLE_CHARACTER, Money, RequestBody

LineText = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=300, pattern=VISIBLE_CHARACTER
    ),
]


class Line(RequestBody):
    description: LineText
    amount: Money


class EstimateCreate(RequestBody):
    total: Money
    lines: list[Line] = Field(default_factory=list, max_length=500)
    valid_until: date | None = None


class Estimate(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    number: int = Field(description="1 for the first quote; each new quote supersedes the last.")
    total: Money
    lines: list[Line]
    valid_until: date | None
    created_at: datetime


class PaymentCreate(RequestBody):
    amount: Money
    kind: PaymentKind
    received_at: AwareDatetime
    payer: PaymentPayer
    reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = (
        None
    )


class Payment(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    amount: Money
    kind: PaymentKind
    received_at: datetime
    payer: PaymentPayer
    reference: str | None
    created_at: datetime


class ClaimCreate(RequestBody):
    number: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=60, pattern=VISIBLE_CHARACTER
        ),
    ]
    kind: ClaimKind
    total: Money
    lines: list[Line] = Field(default_factory=list, max_length=500)
    debtor_organization_id: uuid.UUID | None = Field(
        default=None, description="Defaults to the case's payer."
    )
    replaces_claim_id: uuid.UUID | None = Field(
        default=None, description="A contested claim this one corrects."
    )


class Claim(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    number: str
    kind: ClaimKind
    status: ClaimStatus
    total: Money
    lines: list[Line]
    creditor_organization_id: uuid.UUID
    debtor_organization_id: uuid.UUID
    replaces_claim_id: uuid.UUID | None
    contest_reason: str | None
    paid_amount: Money | None
    paid_at: date | None
    payment_reference: str | None
    version: int
    created_at: datetime
    updated_at: datetime
