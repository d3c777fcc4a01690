"""A referral physician's integration, through the generated Python SDK only.

The real server runs under uvicorn on loopback (`live_server`); the physician in
Castries and the coordinator in Martinique each hold an SDK client with their own
token. Nothing here speaks HTTP except the SDK.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime, timedelta

from app.platform.clock import TEST_CLOCK_HEADER
from tests.conftest import ROOT

# The SDK is generated into clients/python and not installed into the venv (an
# editable install would leave build metadata inside the generated tree).
sys.path.insert(0, str(ROOT / "clients" / "python"))

from corridor_client import AuthenticatedClient
from corridor_client.api.cases import (
    cases_admit,
    cases_approve_funding,
    cases_create,
    cases_discharge,
    cases_get,
    cases_issue_estimate,
    cases_record_arrival,
    cases_record_teleconsultation,
    cases_schedule_teleconsultation,
    cases_schedule_transfer,
    cases_submit,
    cases_timeline,
)
from corridor_client.api.patients import patients_create
from corridor_client.models import (
    AdmitRequest,
    ApproveFundingRequest,
    Case,
    CaseCreate,
    CaseStatus,
    CoverageIn,
    CoverageRoute,
    DischargeRequest,
    Disposition,
    Estimate,
    EstimateCreate,
    Guarantee,
    Money,
    Patient,
    PatientCreate,
    PatientIdentifier,
    Priority,
    Problem,
    RecordArrivalRequest,
    RecordTeleconsultationRequest,
    ReferringPractitioner,
    Residence,
    ScheduleTeleconsultationRequest,
    ScheduleTransferRequest,
    Sex,
    SubmitRequest,
    TeleconsultationMode,
    TeleconsultationOutcome,
    Transport,
)


def _in_days(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def test_a_referral_from_submission_to_discharge_summary(live_server, org_setup) -> None:
    world = org_setup(live_server)
    physician = AuthenticatedClient(
        base_url=live_server.base_url,
        token=world.token("castries", "referrer", sub="dr-charles"),
        raise_on_unexpected_status=True,
    )
    coordinator = AuthenticatedClient(
        base_url=live_server.base_url,
        token=world.token("chu_martinique", "coordinator", sub="io-martinique"),
        raise_on_unexpected_status=True,
    )

    # The physician registers the patient and refers them.
    patient = patients_create.sync(
        client=physician,
        body=PatientCreate(
            family_name="Joseph",
            given_names=["Marie"],
            sex=Sex.FEMALE,
            residence=Residence(country="LC", city="Castries"),
            identifiers=[PatientIdentifier(system="passport", value=f"LC-{uuid.uuid4().hex}")],
        ),
        idempotency_key=str(uuid.uuid4()),
    )
    assert isinstance(patient, Patient), patient
    created = cases_create.sync_detailed(
        client=physician,
        body=CaseCreate(
            patient_id=patient.id,
            receiving_organization_id=uuid.UUID(world.orgs["chu_martinique"]),
            specialty="cardiology",
            priority=Priority.URGENT,
            reason="Valve replacement",
            clinical_summary="Severe aortic stenosis, NYHA III.",
            referring_practitioner=ReferringPractitioner(name="Dr A. Charles"),
            coverage=CoverageIn(
                route=CoverageRoute.THIRD_PARTY_GUARANTEE,
                payer_organization_id=uuid.UUID(world.orgs["lc_ministry"]),
                agreement_id=uuid.UUID(world.agreements["cares"]),
            ),
        ),
        idempotency_key=str(uuid.uuid4()),
    )
    assert created.status_code == 201
    case = created.parsed
    assert isinstance(case, Case), case
    assert case.status == CaseStatus.DRAFT
    assert created.headers["location"] == f"/v1/cases/{case.id}"
    assert created.headers["etag"] == '"1"'

    submitted = cases_submit.sync(case.id, client=physician, body=SubmitRequest(), if_match='"1"')
    assert isinstance(submitted, Case), submitted
    assert submitted.status == CaseStatus.SUBMITTED

    # A refused transition is a typed Problem, not an exception.
    again = cases_submit.sync_detailed(case.id, client=physician, body=SubmitRequest())
    assert again.status_code == 409
    assert isinstance(again.parsed, Problem)
    assert again.parsed.code == "invalid_transition"
    assert again.parsed.current_status == "submitted"
    assert "submit" not in again.parsed.allowed_actions

    # The coordinator, with a client of their own, moves the case on.
    def coordinator_does(module, body) -> Case:
        answer = module.sync(case.id, client=coordinator, body=body)
        assert isinstance(answer, Case), answer
        return answer

    call_at = datetime.now(UTC) + timedelta(hours=2)
    booked = coordinator_does(
        cases_schedule_teleconsultation,
        ScheduleTeleconsultationRequest(
            scheduled_at=call_at, mode=TeleconsultationMode.VIDEO, consultant="Dr Cardio"
        ),
    )
    assert booked.status == CaseStatus.TELECONSULTATION_SCHEDULED
    # An outcome is recorded once the call has begun: the coordinator records it a minute
    # into the call, on the server's test clock (no sleep).
    during_the_call = AuthenticatedClient(
        base_url=live_server.base_url,
        token=world.token("chu_martinique", "coordinator", sub="io-martinique"),
        raise_on_unexpected_status=True,
        headers={TEST_CLOCK_HEADER: (call_at + timedelta(minutes=1)).isoformat()},
    )
    too_early = cases_record_teleconsultation.sync_detailed(
        case.id,
        client=coordinator,
        body=RecordTeleconsultationRequest(outcome=TeleconsultationOutcome.TRANSFER_RECOMMENDED),
    )
    assert too_early.status_code in (409, 422), too_early.content
    accepted = cases_record_teleconsultation.sync(
        case.id,
        client=during_the_call,
        body=RecordTeleconsultationRequest(outcome=TeleconsultationOutcome.TRANSFER_RECOMMENDED),
    )
    assert isinstance(accepted, Case), accepted
    assert accepted.status == CaseStatus.ACCEPTED
    estimate = cases_issue_estimate.sync(
        case.id,
        client=coordinator,
        body=EstimateCreate(total=Money(amount="18500.00", currency="EUR"), lines=[]),
    )
    assert isinstance(estimate, Estimate), estimate
    funded = coordinator_does(
        cases_approve_funding,
        ApproveFundingRequest(
            guarantee=Guarantee(
                reference="MOH-LC-2026-77", amount=Money(amount="18500.00", currency="EUR")
            )
        ),
    )
    assert funded.status == CaseStatus.FUNDING_APPROVED

    # A stale If-Match is a typed 412.
    stale = cases_schedule_transfer.sync_detailed(
        case.id,
        client=coordinator,
        body=ScheduleTransferRequest(expected_arrival_at=_in_days(3), transport=Transport.SEA),
        if_match='"1"',
    )
    assert stale.status_code == 412
    assert isinstance(stale.parsed, Problem)
    assert stale.parsed.status == 412

    current = cases_get.sync_detailed(case.id, client=coordinator)
    scheduled = cases_schedule_transfer.sync(
        case.id,
        client=coordinator,
        body=ScheduleTransferRequest(
            expected_arrival_at=_in_days(3), transport=Transport.AIR_AMBULANCE, escorts=1
        ),
        if_match=current.headers["etag"],
    )
    assert isinstance(scheduled, Case), scheduled
    assert scheduled.status == CaseStatus.TRANSFER_SCHEDULED
    coordinator_does(cases_record_arrival, RecordArrivalRequest())
    coordinator_does(cases_admit, AdmitRequest(admitted_at=_in_days(0), unit="cardiology-icu"))
    discharged = coordinator_does(
        cases_discharge,
        DischargeRequest(
            discharged_at=_in_days(0),
            disposition=Disposition.HOME,
            summary="Valve replaced, stable.",
        ),
    )
    assert discharged.status == CaseStatus.DISCHARGED

    # The physician follows the case and reads the discharge summary.
    mine = cases_get.sync(case.id, client=physician)
    assert isinstance(mine, Case), mine
    assert mine.status == CaseStatus.DISCHARGED
    assert mine.stay.discharge_summary == "Valve replaced, stable."
    assert mine.stay.disposition == Disposition.HOME
    timeline = cases_timeline.sync(case.id, client=physician)
    assert [event.type_ for event in timeline.items if event.type_.startswith("case.")] == [
        "case.created",
        "case.submitted",
        "case.teleconsultation_scheduled",
        "case.teleconsultation_recorded",
        "case.funding_approved",
        "case.transfer_scheduled",
        "case.arrived",
        "case.admitted",
        "case.discharged",
    ]
