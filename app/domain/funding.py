"""Funding rules by coverage route, checked by approve-funding.

Each rule takes what the request brings (evidence) and what the service loaded (context)
and returns the machine names of what is missing; an empty list approves.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .agreements import Agreement
from .money import Money
from .vocabulary import CoverageRoute, Priority

DEFAULT_DEPOSIT_RATIO = Decimal("0.3")


@dataclass(frozen=True)
class Authorisation:
    reference: str
    valid_from: date
    valid_until: date

    def has_reference(self) -> bool:
        return bool(self.reference and self.reference.strip())

    def is_complete(self) -> bool:
        return self.has_reference() and self.valid_from <= self.valid_until

    def valid_on(self, day: date) -> bool:
        return self.is_complete() and self.valid_from <= day <= self.valid_until


@dataclass(frozen=True)
class Guarantee:
    reference: str
    amount: Money


@dataclass(frozen=True)
class FundingEvidence:
    """What the approve-funding request brings."""

    authorisation: Authorisation | None = None
    guarantee: Guarantee | None = None
    note: str | None = None


@dataclass(frozen=True)
class FundingContext:
    """What the service loaded for the decision."""

    zoast_agreement: Agreement | None = None  # an active zoast agreement that applies
    latest_estimate_total: Money | None = None
    payments_received: Money | None = None  # deposits + balances - refunds
    deposit_ratio: Decimal = DEFAULT_DEPOSIT_RATIO
    priority: Priority = Priority.ROUTINE


Rule = Callable[[FundingEvidence, FundingContext], list[str]]


def zoast_rule(evidence: FundingEvidence, context: FundingContext) -> list[str]:
    return [] if context.zoast_agreement is not None else ["zoast_agreement"]


def s2_rule(evidence: FundingEvidence, context: FundingContext) -> list[str]:
    authorisation = evidence.authorisation
    return [] if authorisation is not None and authorisation.is_complete() else ["authorisation"]


def third_party_guarantee_rule(evidence: FundingEvidence, context: FundingContext) -> list[str]:
    guarantee, estimate = evidence.guarantee, context.latest_estimate_total
    missing = []
    if guarantee is None or not (guarantee.reference or "").strip():
        missing.append("guarantee")
    if estimate is None:
        missing.append("estimate")
    if not missing and not _covers(guarantee.amount, estimate):
        missing.append("guarantee_amount_below_estimate")
    return missing


def self_pay_rule(evidence: FundingEvidence, context: FundingContext) -> list[str]:
    estimate = context.latest_estimate_total
    if estimate is None:
        return ["estimate"]
    deposit_due = estimate.multiply(context.deposit_ratio)
    received = context.payments_received or Money.zero(estimate.currency)
    return [] if _covers(received, deposit_due) else ["deposit"]


def eu_directive_rule(evidence: FundingEvidence, context: FundingContext) -> list[str]:
    authorisation = evidence.authorisation
    if authorisation is not None and authorisation.has_reference():
        return []
    return self_pay_rule(evidence, context)


def ehic_rule(evidence: FundingEvidence, context: FundingContext) -> list[str]:
    # EHIC covers unplanned care only; an emergency is transferred from accepted instead.
    return ["ehic_planned_care_not_covered"]


FUNDING_RULES: dict[CoverageRoute, Rule] = {
    CoverageRoute.ZOAST: zoast_rule,
    CoverageRoute.S2: s2_rule,
    CoverageRoute.EU_DIRECTIVE: eu_directive_rule,
    CoverageRoute.EHIC: ehic_rule,
    CoverageRoute.THIRD_PARTY_GUARANTEE: third_party_guarantee_rule,
    CoverageRoute.SELF_PAY: self_pay_rule,
}


def check_funding(
    route: CoverageRoute | None, evidence: FundingEvidence, context: FundingContext
) -> list[str]:
    if route is None:
        return ["coverage_route"]
    return FUNDING_RULES[CoverageRoute(route)](evidence, context)


def _covers(amount: Money, needed: Money) -> bool:
    # Money in another currency never counts: nobody converts at approval time.
    return amount.currency == needed.currency and amount >= needed
