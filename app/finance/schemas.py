from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints, model_serializer

from app.cases.schemas import Currency, ExchangeRate
from app.db.models.finance import ClaimRow, PaymentRow
from app.domain.vocabulary import (
    ClaimCodeSystem,
    ClaimDebtor,
    ClaimKind,
    ClaimPaymentKind,
    ClaimStatus,
    HomeReimbursementStatus,
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


Quantity = Annotated[
    str,
    StringConstraints(pattern=r"^(0|[1-9][0-9]{0,5})(\.[0-9]{1,3})?$"),
    Field(description="An exact decimal string (acts, days, units)", examples=["2"]),
]
LineCode = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=40, pattern=VISIBLE_CHARACTER
    ),
    Field(examples=["DEQP003"]),
]


class Line(RequestBody):
    """A line; a claim's line may carry its code in a named system and its quantity and
    unit price (then `amount` is exactly `quantity` x `unit_price`: 422
    `line_amount_mismatch`; a code without its system, or a quantity without its unit
    price: 422 `line_code_incomplete`)."""

    description: LineText
    amount: Money
    code_system: ClaimCodeSystem | None = Field(
        default=None,
        description="ccam, ghs, ngap (France), inami (Belgium's nomenclature) or local "
        "(the hospital's tariff).",
    )
    code: LineCode | None = None
    quantity: Quantity | None = None
    unit_price: Money | None = None

    @model_serializer(mode="wrap")
    def _without_absent_coding(self, handler):
        # A line without a code or a quantity reads back as it was written.
        dumped = handler(self)
        for name in ("code_system", "code", "quantity", "unit_price"):
            if dumped.get(name) is None:
                dumped.pop(name, None)
        return dumped


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
    care_from: date | None = Field(
        default=None,
        description="The first day of the care billed (the facility's local date); default: "
        "the admission, arrival or presentation.",
    )
    care_until: date | None = Field(
        default=None,
        description="The last day of the care billed; default: the discharge, else today "
        "(an interim claim). Never after the day of submission (422 `care_dates_invalid`). "
        "Reg. 987/2009 Art. 67(1)'s introduction deadline counts from it.",
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
    care_from: date | None = None
    care_until: date | None = None
    introduction_deadline: date | None = Field(
        default=None,
        description="Reg. 987/2009 Art. 67(1): 12 months after the end of the calendar "
        "half-year in which the care ended (claims under S2, the EHIC or a ZOAST; null "
        "otherwise).",
    )
    introduction_overdue: bool = Field(
        default=False, description="The claim was submitted after its introduction deadline."
    )
    contest_deadline: date | None = Field(
        default=None,
        description="Reg. 987/2009 Art. 67(5): the last day of the 18th month after the "
        "month the claim was submitted, by which the debtor pays or contests it.",
    )
    contest_window_open: bool = Field(
        default=False, description="Submitted, and the debtor may still contest it."
    )
    contest_overdue: bool = Field(
        default=False,
        description="Past the contest deadline, neither paid in full nor contested.",
    )
    home_reimbursement: HomeReimbursement | None = Field(
        default=None,
        description="A patient's invoice under Directive 2011/24: its submission to the "
        "home insurer and the answer (Art. 7(4)).",
    )
    version: int
    created_at: datetime
    updated_at: datetime


class HomeReimbursement(BaseModel):
    status: HomeReimbursementStatus
    submitted_on: date
    reference: str = Field(description="The home insurer's file reference.")
    insurer_organization_id: uuid.UUID | None = None
    insurer_name: str | None = None
    amount: Money | None = Field(default=None, description="Reimbursed (none when refused).")
    decided_on: date | None = None
    refusal_reason: str | None = None


class ContestedLine(BaseModel):
    line: int = Field(description="The line's position in `lines`, from 0")
    reason: str


class ClaimPayment(BaseModel):
    id: uuid.UUID
    kind: ClaimPaymentKind = Field(
        description="down_payment, instalment, or deposit_applied (advances received, "
        "deducted from a final claim)"
    )
    amount: Money
    paid_at: date
    reference: str | None
    created_at: datetime


Claim.model_rebuild()
