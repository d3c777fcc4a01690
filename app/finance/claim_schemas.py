"""Request bodies of the payer's answers to a claim (the claim itself: schemas.finance)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from app.platform.schemas import VISIBLE_CHARACTER, Money, RequestBody


class ClaimAcceptRequest(RequestBody):
    pass


class ClaimContestRequest(RequestBody):
    reason: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=2000, pattern=VISIBLE_CHARACTER
        ),
        Field(description="Why the payer contests the claim; the creditor corrects it."),
    ]


class ClaimPayRequest(RequestBody):
    amount: Money = Field(description="In the claim's currency; at most its total.")
    paid_at: date
    reference: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=120, pattern=VISIBLE_CHARACTER
        ),
        Field(description="The payer's payment reference, for reconciliation."),
    ]
