"""The journey's two ends through the generated Python SDK: an outpatient PET-scan with an
information request, its structured discharge letter read and acknowledged by the
referrer, a follow-up teleconsultation with a join link, return transport, and close;
then the worklist finding it."""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, date, datetime, timedelta

from app.platform.clock import TEST_CLOCK_HEADER
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "clients" / "python"))

from corridor_client import AuthenticatedClient
from corridor_client.api.cases import (
    cases_accept,
    cases_acknowledge_discharge,
    cases_add_logistics_task,
    cases_approve_funding,
    cases_close,
    cases_create,
    cases_discharge,
    cases_get,
    cases_issue_estimate,
    cases_list,
    cases_provide_information,
    cases_record_arrival,
    cases_record_attendance,
    cases_record_follow_up,
    cases_request_information,
    cases_schedule_follow_up,
    cases_schedule_transfer,
    cases_submit,
    cases_submit_claim,
)
from corridor_client.api.patients import patients_create
from corridor_client.models import (
    AcceptRequest,
    AcknowledgeDischargeRequest,
    ApproveFundingRequest,
    AttendanceOutcome,
    CareSetting,
    Case,
    CaseCreate,
    CaseStatus,
    ClaimCreate,
    ClaimKind,
    CloseRequest,
    CodedEntryIn,
    CoverageIn,
    CoverageRoute,
    DischargeLetterIn,
    DischargeRequest,
    Disposition,
    EstimateCreate,
    FollowUpOutcome,
    Guarantee,
    LogisticsTaskCreate,
    LogisticsTaskKind,
    LogisticsTaskStatus,
    Money,
    Patient,
    PatientCreate,
    PatientIdentifier,
    ProvideInformationRequest,
    RecordArrivalRequest,
    RecordAttendanceRequest,
    RecordFollowUpRequest,
    RequestInformationRequest,
    Residence,
    ScheduleFollowUpRequest,
    ScheduleTransferRequest,
    Sex,
    SubmitRequest,
    TeleconsultationMode,
    Transport,
    VirtualServiceIn,
)


def _client(server, world, org: str, role: str, sub: str) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=server.base_url,
        token=world.token(org, role, sub=sub),
        raise_on_unexpected_status=True,
    )


def test_an_outpatient_journey_with_a_question_a_letter_and_a_follow_up(live_server, org_setup):
    world = org_setup(live_server)
    physician = _client(live_server, world, "castries", "referrer", "dr-charles")
    office = _client(live_server, world, "chu_martinique", "coordinator", "io-martinique")
    clinician = _client(live_server, world, "chu_martinique", "clinician", "dr-nuc")

    def ok(answer) -> Case:
        assert isinstance(answer, Case), answer
        return answer

    patient = patients_create.sync(
        client=physician,
        body=PatientCreate(
            family_name="Désirée",
            given_names=["Anne"],
            sex=Sex.FEMALE,
            residence=Residence(country="LC", city="Castries"),
            identifiers=[PatientIdentifier(system="passport", value=f"LC-{uuid.uuid4().hex}")],
        ),
    )
    assert isinstance(patient, Patient), patient
    case = ok(
        cases_create.sync(
            client=physician,
            body=CaseCreate(
                patient_id=patient.id,
                receiving_organization_id=uuid.UUID(world.orgs["chu_martinique"]),
                specialty="nuclear_medicine",
                clinical_summary="Staging PET-CT for lymphoma.",
                care_setting=CareSetting.OUTPATIENT,
                coverage=CoverageIn(
                    route=CoverageRoute.THIRD_PARTY_GUARANTEE,
                    payer_organization_id=uuid.UUID(world.orgs["lc_ministry"]),
                ),
            ),
        )
    )
    assert case.care_setting == CareSetting.OUTPATIENT
    ok(cases_submit.sync(case.id, client=physician, body=SubmitRequest()))

    # The receiving team asks; the referrer answers through the SDK.
    due = date.today() + timedelta(days=3)
    asked = ok(
        cases_request_information.sync(
            case.id,
            client=clinician,
            body=RequestInformationRequest(questions="Last CT report?", due_date=due),
        )
    )
    assert asked.status == CaseStatus.INFORMATION_REQUESTED
    assert asked.information_requests[0].due_date == due
    answered = ok(
        cases_provide_information.sync(
            case.id, client=physician, body=ProvideInformationRequest(answer="CT of 2 March.")
        )
    )
    assert answered.status == CaseStatus.SUBMITTED
    ok(cases_accept.sync(case.id, client=clinician, body=AcceptRequest(reason="Indicated")))
    total = Money(amount="900.00", currency="EUR")
    cases_issue_estimate.sync(case.id, client=office, body=EstimateCreate(total=total, lines=[]))
    ok(
        cases_approve_funding.sync(
            case.id,
            client=office,
            body=ApproveFundingRequest(guarantee=Guarantee(reference="G-9", amount=total)),
        )
    )
    ok(
        cases_schedule_transfer.sync(
            case.id,
            client=office,
            body=ScheduleTransferRequest(
                expected_arrival_at=datetime.now(UTC) + timedelta(hours=1),
                transport=Transport.COMMERCIAL_FLIGHT,
            ),
        )
    )
    ok(cases_record_arrival.sync(case.id, client=office, body=RecordArrivalRequest()))
    ok(
        cases_record_attendance.sync(
            case.id,
            client=clinician,
            body=RecordAttendanceRequest(
                attended_at=datetime.now(UTC),
                service="nuclear-medicine",
                outcome=AttendanceOutcome.COMPLETED,
            ),
        )
    )
    discharged = ok(
        cases_discharge.sync(
            case.id,
            client=clinician,
            body=DischargeRequest(
                discharged_at=datetime.now(UTC) + timedelta(minutes=1),
                disposition=Disposition.HOME,
                letter=DischargeLetterIn(
                    diagnoses=[CodedEntryIn(display="Lymphoma, stage II", code="C85.9")],
                    follow_up_instructions="Review by teleconsultation in a month.",
                    language="en",
                ),
            ),
        )
    )
    assert discharged.status == CaseStatus.DISCHARGED

    # The referrer's SDK reads the structured letter and acknowledges it.
    read = ok(cases_get.sync(case.id, client=physician))
    assert read.discharge_letter.diagnoses[0].code == "C85.9"
    assert read.discharge_letter.follow_up_instructions.startswith("Review")
    acknowledged = ok(
        cases_acknowledge_discharge.sync(
            case.id, client=physician, body=AcknowledgeDischargeRequest()
        )
    )
    assert acknowledged.discharge_letter.acknowledged_by == "dr-charles"

    # A follow-up with a join link, recorded once it has begun (on the server's test clock).
    follow_up_at = datetime.now(UTC) + timedelta(days=30)
    booked = ok(
        cases_schedule_follow_up.sync(
            case.id,
            client=office,
            body=ScheduleFollowUpRequest(
                scheduled_at=follow_up_at,
                mode=TeleconsultationMode.VIDEO,
                time_zone="America/Martinique",
                virtual_service=VirtualServiceIn(
                    channel_type="ms-teams", address_url="https://teams.example.org/j/42"
                ),
            ),
        )
    )
    follow_up = booked.teleconsultations[-1]
    assert follow_up.virtual_service.address_url == "https://teams.example.org/j/42"
    assert follow_up.scheduled_at.utcoffset() == timedelta(hours=-4)
    during_the_call = AuthenticatedClient(
        base_url=live_server.base_url,
        token=world.token("chu_martinique", "clinician", sub="dr-nuc"),
        raise_on_unexpected_status=True,
        headers={TEST_CLOCK_HEADER: (follow_up_at + timedelta(minutes=1)).isoformat()},
    )
    ok(
        cases_record_follow_up.sync(
            case.id,
            client=during_the_call,
            body=RecordFollowUpRequest(outcome=FollowUpOutcome.COMPLETED),
        )
    )

    cases_add_logistics_task.sync(
        case.id,
        client=office,
        body=LogisticsTaskCreate(
            kind=LogisticsTaskKind.RETURN_TRANSPORT, status=LogisticsTaskStatus.NOT_NEEDED
        ),
    )
    cases_submit_claim.sync(
        case.id,
        client=office,
        body=ClaimCreate(number=f"CL-{case.reference}", kind=ClaimKind.FINAL, total=total),
    )
    closed = ok(cases_close.sync(case.id, client=office, body=CloseRequest()))
    assert closed.status == CaseStatus.CLOSED

    # The office finds it again by reference, and by the patient's name without accents.
    page = cases_list.sync(client=office, reference=case.reference)
    assert [c.id for c in page.items] == [case.id]
    page = cases_list.sync(client=office, q="desiree anne", care_setting=[CareSetting.OUTPATIENT])
    assert [c.id for c in page.items] == [case.id]
