"""What approve-funding needs, by route: one place for the regimes' and the agreements' rules.

`requirements_for()` combines the route's regime (app/domain/regimes.py) with the flags
of the agreement that covers the case (`prior_authorisation_required`,
`advance_payment_required`, `deposit_ratio`): a flag applies to every route the agreement
covers, except where the regime's law forbids it (no deposit under S2, EHIC or a ZOAST,
no prior authorisation under EHIC or a ZOAST). `check_funding()` then reports every
missing item by its machine name; an empty list approves.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .agreements import Agreement, deposit_ratio_for
from .exchange import ExchangeRate
from .money import Money
from .regimes import REGIMES, CareKind, Debtor
from .vocabulary import AgreementKind, AuthorisationDecision, CoverageRoute, Priority

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

    def covers(self, start: date, end: date) -> bool:
        return self.is_complete() and self.valid_from <= start and end <= self.valid_until


@dataclass(frozen=True)
class PriorAuthorisation:
    """The state of affiliation's decision on a prior authorisation under Directive 2011/24
    Art. 8-9: granted (for the period it states) or refused (with the reason the decision
    gives, Art. 9(4)), by the institution that issued it, on the day it was decided."""

    decision: AuthorisationDecision
    reference: str
    issuing_institution: str
    decided_on: date
    valid_from: date | None = None
    valid_until: date | None = None
    refusal_reason: str | None = None

    def problems(self, today: date) -> list[str]:
        """What makes the record itself unacceptable, by name (empty: it can be kept)."""
        found = []
        if not self.reference.strip():
            found.append("reference")
        if not self.issuing_institution.strip():
            found.append("issuing_institution")
        if self.decided_on > today:
            found.append("decided_on_not_future")
        if self.decision == AuthorisationDecision.GRANTED:
            if self.valid_from is None or self.valid_until is None:
                found.append("validity")
            elif self.valid_from > self.valid_until:
                found.append("validity_in_order")
        elif not (self.refusal_reason or "").strip():
            found.append("refusal_reason")
        return found

    def granted_for(self, day: date | None) -> bool:
        """Granted, and valid on `day` (the first day of care) when it is known."""
        if self.decision != AuthorisationDecision.GRANTED or self.valid_until is None:
            return False
        return day is None or self.valid_from <= day <= self.valid_until


def prior_authorisation_missing(
    required: bool, record: PriorAuthorisation | None, care_start: date | None
) -> list[str]:
    """Directive 2011/24 Art. 8: where the state of affiliation requires its prior
    authorisation, the care is neither funded nor travelled for until it is granted, for
    the day the care begins. One rule for approve-funding and schedule-transfer."""
    if not required:
        return []
    if record is None or record.decision != AuthorisationDecision.GRANTED:
        return ["prior_authorisation_granted"]
    if not record.granted_for(care_start):
        return ["prior_authorisation_covers_care"]
    return []


@dataclass(frozen=True)
class Guarantee:
    reference: str
    amount: Money  # as the letter states it
    # In the case's currency at a recorded rate (or a fixed parity), when the letter is in
    # another one: every comparison uses it (`in_case_currency`).
    counted: Money | None = None
    rate: ExchangeRate | None = None
    # The dates of care the guarantor pays for (an insurer's guarantee of payment states
    # them); None: the letter states none.
    valid_from: date | None = None
    valid_until: date | None = None

    @property
    def in_case_currency(self) -> Money:
        return self.counted or self.amount

    def has_validity(self) -> bool:
        return (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_from <= self.valid_until
        )

    def valid_on(self, day: date) -> bool:
        return self.has_validity() and self.valid_from <= day <= self.valid_until


@dataclass(frozen=True)
class FundingEvidence:
    """What the approve-funding request brings."""

    authorisation: Authorisation | None = None
    guarantee: Guarantee | None = None
    note: str | None = None
    # The planned period of care, checked against the authorisation's validity.
    planned_start: date | None = None
    planned_end: date | None = None


@dataclass(frozen=True)
class FundingContext:
    """What the service loaded for the decision."""

    zoast_agreement: Agreement | None = None  # an active zoast agreement that applies
    latest_estimate_total: Money | None = None
    # deposits + balances - refunds, counted in the estimate's currency (converted at
    # each payment's recorded rate)
    payments_received: Money | None = None
    deposit_ratio: Decimal = DEFAULT_DEPOSIT_RATIO  # used when no agreement sets one
    priority: Priority = Priority.ROUTINE
    # The agreement whose flags apply to this case (named by the coverage or found).
    agreement: Agreement | None = None
    today: date | None = None  # the receiving facility's local date
    care: CareKind = CareKind.PLANNED
    # The first day of care at the facility (arrival, admission, or the planned start).
    care_start: date | None = None
    # Directive 2011/24 Art. 8: the state of affiliation requires its prior authorisation
    # (`regimes.prior_authorisation_required`), and the decision recorded on the case.
    prior_authorisation_required: bool = False
    prior_authorisation: PriorAuthorisation | None = None


@dataclass(frozen=True)
class FundingRequirements:
    authorisation: bool
    guarantee: bool
    deposit_ratio: Decimal | None  # None: no deposit
    agreement_kind: AgreementKind | None
    debtor: Debtor
    # A capped, dated guarantee (the patient owes the excess) rather than one covering the
    # whole estimate.
    guarantee_capped: bool = False

    @property
    def estimate(self) -> bool:
        covers_estimate = self.guarantee and not self.guarantee_capped
        return covers_estimate or self.deposit_ratio is not None


def requirements_for(
    route: CoverageRoute,
    agreement: Agreement | None,
    default_deposit_ratio: Decimal = DEFAULT_DEPOSIT_RATIO,
) -> FundingRequirements:
    """The one place where a route's regime and an agreement's flags meet."""
    regime = REGIMES[CoverageRoute(route)]
    flagged_authorisation = agreement is not None and agreement.prior_authorisation_required
    flagged_deposit = agreement is not None and agreement.advance_payment_required
    authorisation = (regime.authorisation or flagged_authorisation) and not (
        regime.authorisation_forbidden
    )
    deposit = (regime.deposit or flagged_deposit) and not regime.deposit_forbidden
    ratio = deposit_ratio_for(agreement, default_deposit_ratio) if deposit else None
    return FundingRequirements(
        authorisation=authorisation,
        guarantee=regime.guarantee,
        deposit_ratio=ratio,
        agreement_kind=regime.agreement_kind,
        debtor=regime.debtor,
        guarantee_capped=regime.guarantee_capped,
    )


def check_funding(
    route: CoverageRoute | None, evidence: FundingEvidence, context: FundingContext
) -> list[str]:
    if route is None:
        return ["coverage_route"]
    route = CoverageRoute(route)
    needs = requirements_for(route, context.agreement, context.deposit_ratio)
    missing: list[str] = []
    care = REGIMES[route].care
    if context.care not in care:
        # EHIC: care that became necessary during the stay, never care travelled for.
        missing.append(f"{next(iter(care))}_care")
    if needs.agreement_kind is not None and context.zoast_agreement is None:
        missing.append(f"{needs.agreement_kind}_agreement")
    if needs.authorisation:
        missing.extend(_authorisation_missing(evidence, context.today))
    missing.extend(
        prior_authorisation_missing(
            context.prior_authorisation_required,
            context.prior_authorisation,
            context.care_start or evidence.planned_start,
        )
    )
    estimate = context.latest_estimate_total
    if needs.guarantee:
        guarantee = evidence.guarantee
        if guarantee is None or not (guarantee.reference or "").strip():
            missing.append("guarantee")
        elif needs.guarantee_capped:
            missing.extend(_capped_guarantee_missing(guarantee, context))
        elif estimate is not None and not _covers(guarantee.in_case_currency, estimate):
            missing.append("guarantee_amount_below_estimate")
    if needs.estimate and estimate is None:
        missing.append("estimate")
    if needs.deposit_ratio is not None and estimate is not None:
        deposit_due = estimate.multiply(needs.deposit_ratio)
        received = context.payments_received or Money.zero(estimate.currency)
        if not _covers(received, deposit_due):
            missing.append("deposit")
    return missing


def _authorisation_missing(evidence: FundingEvidence, today: date | None) -> list[str]:
    authorisation = evidence.authorisation
    if authorisation is None or not authorisation.is_complete():
        return ["authorisation"]
    # Regulation 987/2009 Art. 26(1): the S2 is valid for the period it states; with no
    # planned dates, it must at least not have expired.
    start, end = evidence.planned_start, evidence.planned_end or evidence.planned_start
    if start is not None and end < start:
        return ["planned_dates_in_order"]
    if today is not None and authorisation.valid_until < today:
        return ["authorisation_expired"]
    if start is not None and not authorisation.covers(start, end):
        return ["authorisation_covers_planned_dates"]
    return []


def _capped_guarantee_missing(guarantee: Guarantee, context: FundingContext) -> list[str]:
    """An insurer's guarantee of payment states its cap and the dates of care it pays for:
    the care must begin within them (what falls outside is the patient's)."""
    if guarantee.amount.amount <= 0:
        return ["guarantee_cap"]
    if not guarantee.has_validity():
        return ["guarantee_validity"]
    start = context.care_start or context.today
    if start is not None and not guarantee.valid_on(start):
        return ["guarantee_valid_for_care"]
    return []


def _covers(amount: Money, needed: Money) -> bool:
    # Every sum compares amounts counted in the case currency at the recorded rate (the
    # services count payments and guarantees so); an amount left in another currency is
    # never taken for a cover.
    return amount.currency == needed.currency and amount >= needed
