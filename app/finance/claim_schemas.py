"""Request bodies of the payer's answers to a claim (the claim itself: schemas.finance)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from app.db.models.finance import ClaimPaymentRow
from app.domain.vocabulary import PayerPaymentKind
from app.platform.schemas import VISIBLE_CHARACTER, Money, RequestBody, VisibleText, stored_in


class ClaimAcceptRequest(RequestBody):
    pass


class ContestedLineIn(RequestBody):
    line: Annotated[int, Field(ge=0, le=499, description="Position in the claim's lines")]
    reason: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=2000, pattern=VISIBLE_CHARACTER
        ),
    ]


class ClaimContestRequest(RequestBody):
    reason: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=2000, pattern=VISIBLE_CHARACTER
        ),
        Field(description="Why the payer contests the claim; the creditor corrects it."),
    ]
    lines: list[ContestedLineIn] = Field(
        default_factory=list,
        max_length=500,
        description="The lines contested, each with its reason (none: the whole claim).",
    )


class ClaimPayRequest(RequestBody):
    amount: Money = Field(
        description="In the claim's currency; all payments together at most its total."
    )
    kind: PayerPaymentKind = Field(
        default=PayerPaymentKind.INSTALMENT,
        description="`down_payment` (before acceptance) or `instalment`.",
    )
    paid_at: date
    reference: Annotated[
        stored_in(VisibleText, ClaimPaymentRow.reference),
        Field(description="The payer's payment reference, for reconciliation."),
    ]


HomeText = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=200, pattern=VISIBLE_CHARACTER
    ),
]


class HomeSubmissionRequest(RequestBody):
    """The patient's invoice submitted to the insurer of the state of affiliation."""

    submitted_on: date
    reference: Annotated[
        HomeText, Field(max_length=120, description="The home insurer's file reference.")
    ]
    insurer_organization_id: uuid.UUID | None = Field(
        default=None, description="The home insurer, when it is a Corridor organisation."
    )
    insurer_name: HomeText | None = Field(
        default=None, description="Else its name (one of the two is needed)."
    )


class HomeDecisionRequest(RequestBody):
    """The home insurer's answer: an amount reimbursed (less than the invoice: partial) or
    a refusal with its reason."""

    decided_on: date
    amount: Money | None = Field(
        default=None, description="Reimbursed, in the home insurer's currency."
    )
    refusal_reason: (
        Annotated[
            str,
            StringConstraints(
                strip_whitespace=True, min_length=1, max_length=2000, pattern=VISIBLE_CHARACTER
            ),
        ]
        | None
    ) = Field(default=None, description="Refused: the reason the insurer gives.")
