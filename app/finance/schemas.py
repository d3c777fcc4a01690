from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

from app.cases.schemas import Currency, ExchangeRate
from app.db.models.finance import ClaimRow, PaymentRow
from app.domain.vocabulary import (
    ClaimDebtor,
    ClaimKind,
    ClaimStatus,
    PaymentKind,
    PaymentPayer,
)
from app.platform.schemas import (
    VISIBLE_CHARACTER,
    Money,
    RequestBody,
    Trimmed,
    VisibleText,
    stored_in,
)

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
    total: Money | None = Field(
        default=None,
        description="The lines must add up to it (422 `lines_do_not_sum_to_total`); "
        "without it, the total is the sum of the lines.",
    )
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
    reference: stored_in(Trimmed, PaymentRow.reference) | None = None
    counted_in: Currency | None = Field(
        default=None,
        description="The currency this payment counts in (default: the latest estimate's). "
        "Fixed parities (XCD 2.70 per USD, ...) apply by themselves; other pairs need "
        "`exchange_rate`.",
    )
    exchange_rate: ExchangeRate | None = None


class Payment(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    amount: Money
    kind: PaymentKind
    received_at: datetime
    payer: PaymentPayer
    reference: str | None
    counted_amount: Money | None = Field(
        default=None, description="What the payment counts for in another currency."
    )
    exchange_rate: ExchangeRate | None = None
    created_at: datetime


class CurrencyBalance(BaseModel):
    currency: str
    quoted: str = Field(description="The latest estimate's total")
    guaranteed: str
    deposited: str
    received: str = Field(description="Balance payments received (not deposits)")
    refunded: str
    claimed: str = Field(description="Claims and invoices not contested or replaced")
    paid: str = Field(description="Paid on those claims and invoices")
    outstanding: str
    refund_due: str = Field(description="Money held beyond the final bill, to give back")


class Balance(BaseModel):
    case_id: uuid.UUID
    currencies: list[CurrencyBalance]


class ClaimCreate(RequestBody):
    number: stored_in(VisibleText, ClaimRow.number)
    kind: ClaimKind
    total: Money | None = Field(
        default=None, description="The lines must add up to it; without it, their sum."
    )
    lines: list[Line] = Field(default_factory=list, max_length=500)
    debtor_organization_id: uuid.UUID | None = Field(
        default=None,
        description="Defaults to the case's payer; under S2 and the EHIC to the institution "
        "of the place of stay (the `liaison_body` of the receiving hospital's country, else "
        "of its state; name it when there are several); none for an invoice to the patient.",
    )
    debtor: ClaimDebtor | None = Field(
        default=None,
        description="`patient` for an invoice to the patient: always under self-pay and "
        "Directive 2011/24; on another route, the patient share (ticket modérateur, "
        "co-payment) invoiced apart from the payer's claim. Default: by the route.",
    )
    replaces_claim_id: uuid.UUID | None = Field(
        default=None, description="A contested claim this one corrects."
    )
    debtor: ClaimDebtor | None = Field(
        default=None,
        description="`patient`: under `insurer_guarantee`, an invoice to the patient for what "
        "exceeds the insurer's cap (the insurer's claims stay within it). Otherwise the "
        "route decides.",
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
    debtor_organization_id: uuid.UUID | None
    debtor: ClaimDebtor = ClaimDebtor.PAYER
    replaces_claim_id: uuid.UUID | None
    contest_reason: str | None
    contested_lines: list[ContestedLine] = Field(default_factory=list)
    payments: list[ClaimPayment] = Field(default_factory=list)
    paid_amount: Money | None = Field(
        description="Everything set against the claim: the debtor's payments and the "
        "advances deducted."
    )
    advances_received: Money = Field(
        description="Advances the hospital received on the case (deposits, payments on "
        "account, counted in the claim's currency) deducted from this claim: a final claim's."
    )
    net_amount_due: Money = Field(
        description="`total` less `advances_received`: what the debtor pays to settle it."
    )
    paid_at: date | None
    payment_reference: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class ContestedLine(BaseModel):
    line: int = Field(description="The line's position in `lines`, from 0")
    reason: str


class ClaimPayment(BaseModel):
    id: uuid.UUID
    kind: str = Field(
        description="down_payment, instalment, or deposit_applied (advances received, "
        "deducted from a final claim)"
    )
    amount: Money
    paid_at: date
    reference: str | None
    created_at: datetime


Claim.model_rebuild()
