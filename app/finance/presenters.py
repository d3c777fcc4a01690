"""Money rows (estimates, payments, claims) to response bodies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.db.models import ClaimPaymentRow, ClaimRow, EstimateRow, PaymentRow
from app.domain.claims import ClaimDeadlines, deadlines_of
from app.domain.money import Money
from app.domain.vocabulary import ClaimPaymentKind
from app.finance import schemas as finance_schemas
from app.platform.clock import now_utc


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
    counted = rate = None
    if row.counted_currency is not None:
        counted = money(row.counted_amount, row.counted_currency)
        other = row.counted_currency if row.exchange_rate_base == row.currency else row.currency
        rate = {
            "base": row.exchange_rate_base,
            "quote": other,
            "rate": _decimal(row.exchange_rate),
            "source": row.exchange_rate_source,
        }
    return finance_schemas.Payment(
        id=row.id,
        case_id=row.case_id,
        amount=money(row.amount, row.currency),
        kind=row.kind,
        received_at=row.received_at,
        payer=row.payer,
        reference=row.reference,
        counted_amount=counted,
        exchange_rate=rate,
        created_at=row.created_at,
    ).model_dump(mode="json")


def _decimal(value) -> str:
    # 2.700000000 -> "2.70": at least two places, no trailing zeros beyond them.
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


def claim(
    row: ClaimRow, payments: list[ClaimPaymentRow] | None = None, today: date | None = None
) -> dict:
    advances = sum(
        (item.amount for item in payments or [] if item.kind == ClaimPaymentKind.DEPOSIT_APPLIED),
        Decimal(0),
    )
    deadlines = claim_deadlines(row, today)
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
        debtor=row.debtor_kind or "payer",
        replaces_claim_id=row.replaces_claim_id,
        contest_reason=row.contest_reason,
        contested_lines=row.contested_lines or [],
        payments=[
            {
                "id": item.id,
                "kind": item.kind,
                "amount": money(item.amount, item.currency),
                "paid_at": item.paid_at,
                "reference": item.reference,
                "created_at": item.created_at,
            }
            for item in payments or []
        ],
        paid_amount=money(row.paid_amount, row.currency) if row.paid_amount is not None else None,
        advances_received=money(advances, row.currency),
        net_amount_due=money(row.total_amount - advances, row.currency),
        paid_at=row.paid_at,
        payment_reference=row.payment_reference,
        care_from=row.care_from,
        care_until=row.care_until,
        introduction_deadline=deadlines.introduction_deadline,
        introduction_overdue=deadlines.introduction_overdue,
        contest_deadline=deadlines.contest_deadline,
        contest_window_open=deadlines.contest_window_open,
        contest_overdue=deadlines.contest_overdue,
        home_reimbursement=row.home_reimbursement,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    ).model_dump(mode="json")


def claim_deadlines(row, today: date | None = None) -> ClaimDeadlines:
    """Reg. 987/2009 Art. 67's deadlines stored on the claim, and their flags today (UTC;
    a day's difference at midnight does not move an 18-month window)."""
    return deadlines_of(
        row.introduction_deadline,
        row.contest_deadline,
        row.created_at.date(),
        row.status,
        today or now_utc().date(),
    )
