"""Cases, actors and valid request payloads for the domain tests."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from app.domain.case import (
    Actor,
    Case,
    Coverage,
    Stay,
    Teleconsultation,
    TransferPlan,
    UnitMovement,
)
from app.domain.funding import Authorisation, FundingContext, FundingEvidence
from app.domain.money import Money
from app.domain.vocabulary import (
    Action,
    CaseStatus,
    CoverageRoute,
    Priority,
    Role,
    TeleconsultationMode,
    Transport,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

REFERRING_ORG = UUID("00000000-0000-0000-0000-0000000000a1")
RECEIVING_ORG = UUID("00000000-0000-0000-0000-0000000000b2")
PAYER_ORG = UUID("00000000-0000-0000-0000-0000000000c3")
OTHER_ORG = UUID("00000000-0000-0000-0000-0000000000d4")
PATIENT = UUID("00000000-0000-0000-0000-00000000e5e5")
CASE_ID = UUID("00000000-0000-0000-0000-00000000f6f6")
TELECONSULTATION_ID = UUID("00000000-0000-0000-0000-000000000707")

# The organisation each role acts for on the cases built here.
SIDES: dict[Role, UUID] = {
    Role.REFERRER: REFERRING_ORG,
    Role.COORDINATOR: RECEIVING_ORG,
    Role.CLINICIAN: RECEIVING_ORG,
    Role.PAYER: PAYER_ORG,
    # The receiving hospital's administrator: of the case's organisations, yet no side.
    Role.ORG_ADMIN: RECEIVING_ORG,
    Role.ADMIN: OTHER_ORG,
}

S2_AUTHORISATION = Authorisation("S2-FR-2026-0042", date(2026, 1, 1), date(2026, 12, 31))


def actor(role: Role, organization_id: UUID | None = None) -> Actor:
    org = SIDES[role] if organization_id is None else organization_id
    return Actor(sub=f"{role}-user", organization_id=org, roles=frozenset({role}))


COORDINATOR = actor(Role.COORDINATOR)
CLINICIAN = actor(Role.CLINICIAN)
REFERRER = actor(Role.REFERRER)
PAYER = actor(Role.PAYER)


def coverage(route: CoverageRoute = CoverageRoute.S2, **overrides: Any) -> Coverage:
    values: dict[str, Any] = {
        "route": route,
        "payer_organization_id": PAYER_ORG,
        "member_number": "M-123",
        "authorisation": S2_AUTHORISATION if route == CoverageRoute.S2 else None,
    }
    return Coverage(**(values | overrides))


def draft_case(priority: Priority = Priority.ROUTINE, **overrides: Any) -> Case:
    """A complete draft: every submit guard passes unless an override removes something."""
    values: dict[str, Any] = {
        "id": CASE_ID,
        "reference": "COR-2026-000123",
        "referring_organization_id": REFERRING_ORG,
        "receiving_organization_id": RECEIVING_ORG,
        "patient_id": PATIENT,
        "specialty": "cardiology",
        "priority": priority,
        "reason": "valve replacement",
        "clinical_summary": "summary",
        "coverage": coverage(),
        "actor": REFERRER,
        "now": NOW - timedelta(days=30),
    }
    return Case.create(**(values | overrides))


ADMITTED_AT = NOW - timedelta(days=3)


def case_in(status: CaseStatus, priority: Priority = Priority.ROUTINE, **overrides: Any) -> Case:
    """A case standing in `status` with what the earlier steps would have left on it."""
    case = draft_case(priority, **overrides)
    case.status = status
    case.version = 7
    case.events.clear()
    case.has_final_claim = True
    if status == CaseStatus.TELECONSULTATION_SCHEDULED:
        case.teleconsultations.append(
            Teleconsultation(
                TELECONSULTATION_ID, NOW + timedelta(days=1), TeleconsultationMode.VIDEO
            )
        )
    if status == CaseStatus.ON_HOLD:
        case.held_from = CaseStatus.SUBMITTED
    if status in (
        CaseStatus.TRANSFER_SCHEDULED,
        CaseStatus.ARRIVED,
        CaseStatus.ADMITTED,
        CaseStatus.DISCHARGED,
        CaseStatus.CLOSED,
    ):
        case.transfer = TransferPlan(NOW + timedelta(days=2), Transport.COMMERCIAL_FLIGHT, 1)
    if status in (CaseStatus.ADMITTED, CaseStatus.DISCHARGED, CaseStatus.CLOSED):
        case.stay = Stay(
            admitted_at=ADMITTED_AT,
            unit="cardiology-a",
            movements=[UnitMovement(None, "cardiology-a", ADMITTED_AT)],
        )
    return case


def valid_payload(action: Action) -> dict[str, Any]:
    """Request values that meet the action's guard on a case from `case_in`."""
    estimate = Money.parse("10000.00", "EUR")
    payloads: dict[Action, dict[str, Any]] = {
        Action.SUBMIT: {},
        Action.SCHEDULE_TELECONSULTATION: {
            "teleconsultation_id": TELECONSULTATION_ID,
            "scheduled_at": NOW + timedelta(days=1),
            "mode": TeleconsultationMode.VIDEO,
            "consultant": "Dr Consultant",
        },
        Action.RECORD_TELECONSULTATION: {"outcome": "transfer_recommended", "notes": "fit"},
        Action.ACCEPT: {"reason": "urgent valve case"},
        Action.DECLINE: {"reason": "treatable locally"},
        Action.APPROVE_FUNDING: {
            "evidence": FundingEvidence(authorisation=S2_AUTHORISATION),
            "context": FundingContext(
                latest_estimate_total=estimate,
                payments_received=estimate.multiply(Decimal("0.3")),
            ),
        },
        Action.SCHEDULE_TRANSFER: {
            "expected_arrival_at": NOW + timedelta(days=5),
            "transport": Transport.AIR_AMBULANCE,
            "escorts": 1,
            "interpreter_language": "es",
        },
        Action.RECORD_ARRIVAL: {"arrived_at": NOW},
        Action.ADMIT: {"admitted_at": NOW, "unit": "cardiology-b", "bed": "12"},
        Action.TRANSFER_UNIT: {"unit": "icu", "at": NOW},
        Action.DISCHARGE: {"discharged_at": NOW, "disposition": "home", "summary": "went well"},
        Action.CLOSE: {},
        Action.CANCEL: {"reason_code": "patient_withdrew", "reason": "changed mind"},
        Action.HOLD: {"reason": "border closed"},
        Action.RESUME: {},
    }
    return payloads[action]


def perform(case: Case, action: Action, who: Actor, now: datetime = NOW, **payload: Any) -> None:
    getattr(case, action.value.replace("-", "_"))(actor=who, now=now, **payload)
