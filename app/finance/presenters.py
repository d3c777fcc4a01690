"""Money rows (estimates, payments, claims) to response bodies."""

from __future__ import annotations

from app.domain.money import Money
from app.finance import schemas as finance_schemas
from app.models import ClaimRow, EstimateRow, PaymentRow


def money(amount, currency: str) -> dict:
    return Money(amount, currency).to_json()


def estimate(row: EstimateRow) -> dict:
    return finance_schemas.Estimate(
        id=row.id,
        case_id=row.case_id,
        number=row.number,
        total=money(row.total_amount, row.currency),
        lines=row.lines,
        valid_until=row.valid_until,
        created_at=row.created_at,
    ).model_dump(mode="json")


def payment(row: PaymentRow) -> dict:
    return finance_schemas.Payment(
        id=row.id,
        case_id=row.case_id,
        amount=money(row.amount, row.currency),
        kind=row.kind,
        received_at=row.received_at,
        payer=row.payer,
        reference=row.reference,
        created_at=row.created_at,
    ).model_dump(mode="json")


def claim(row: ClaimRow) -> dict:
    return finance_schemas.Claim(
        id=row.id,
        case_id=row.case_id,
        number=row.number,
        kind=row.kind,
        status=row.status,
        total=money(row.total_amount, row.currency),
        lines=row.lines,
        creditor_organization_id=row.creditor_organization_id,
        debtor_organization_id=row.debtor_organization_id,
        replaces_claim_id=row.replaces_claim_id,
        contest_reason=row.contest_reason,
        paid_amount=money(row.paid_amount, row.currency) if row.paid_amount is not None else None,
        paid_at=row.paid_at,
        payment_reference=row.payment_reference,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    ).model_dump(mode="json")
