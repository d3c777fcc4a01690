"""A whole CARES case: a Saint Lucia referral treated in Martinique, paid by the ministry."""

from app.domain.case import Case
from app.domain.vocabulary import CaseStatus
from tests.api.conftest import in_days, register_patient
from tests.clock import started


async def test_full_cares_case_from_referral_to_close(world):
    referrer = world.headers("castries", "referrer", sub="dr-castries")
    coordinator = world.headers("chu_martinique", "coordinator", sub="io-martinique")
    clinician = world.headers("chu_martinique", "clinician", sub="dr-cardio")
    payer = world.headers("lc_ministry", "payer", sub="ministry-desk")

    patient = await register_patient(world, "castries")
    created = await world.post(
        "/v1/cases",
        {
            "patient_id": patient["id"],
            "receiving_organization_id": world.orgs["chu_martinique"],
            "specialty": "cardiology",
            "priority": "urgent",
            "reason": "Valve replacement",
            "clinical_summary": "Severe aortic stenosis, NYHA III.",
            "referring_practitioner": {"name": "Dr A. Charles", "contact": "+1 758 000 0000"},
            "coverage": {
                "route": "third_party_guarantee",
                "payer_organization_id": world.orgs["lc_ministry"],
                "agreement_id": world.agreements["cares"],
            },
        },
        referrer,
        201,
    )
    case = created.json()
    assert case["status"] == "draft"
    assert case["reference"].startswith("COR-")
    assert created.headers["location"] == f"/v1/cases/{case['id']}"
    assert created.headers["etag"] == '"1"'
    assert case["allowed_actions"] == ["submit", "cancel"]
    path = f"/v1/cases/{case['id']}"

    async def act(action, body, headers, expect=200):
        return (await world.post(f"{path}/{action}", body, headers, expect)).json()

    assert (await act("submit", None, referrer))["status"] == "submitted"
    booked = await act(
        "schedule-teleconsultation",
        {"scheduled_at": in_days(1), "mode": "video", "consultant": "Dr Cardio"},
        coordinator,
    )
    assert booked["status"] == "teleconsultation_scheduled"
    assert booked["teleconsultations"][0]["status"] == "booked"
    early = await act(
        "record-teleconsultation", {"outcome": "transfer_recommended"}, clinician, 422
    )
    assert early["missing"] == ["teleconsultation_started"]
    with started(booked["teleconsultations"][0]["scheduled_at"]):
        accepted = await act(
            "record-teleconsultation",
            {"outcome": "transfer_recommended", "notes": "Surgery indicated"},
            clinician,
        )
    assert accepted["status"] == "accepted"

    # Funding: a guarantee below the estimate is refused, then a sufficient one is accepted.
    await world.post(
        f"{path}/estimates",
        {"total": {"amount": "18500.00", "currency": "EUR"}, "lines": []},
        coordinator,
        201,
    )
    short = await world.post(
        f"{path}/approve-funding",
        {
            "guarantee": {
                "reference": "MOH-LC-2026-77",
                "amount": {"amount": "10000.00", "currency": "EUR"},
            }
        },
        payer,
        422,
    )
    assert short.json()["code"] == "guard_failed"
    # The CARES agreement requires prior authorisation and a 50 % advance on every route.
    assert short.json()["missing"] == [
        "authorisation",
        "guarantee_amount_below_estimate",
        "deposit",
    ]
    await world.post(
        f"{path}/payments",
        {
            "kind": "deposit",
            "payer": "third_party",
            "amount": {"amount": "9250.00", "currency": "EUR"},
            "received_at": in_days(0),
        },
        coordinator,
        201,
    )
    funded = await act(
        "approve-funding",
        {
            "guarantee": {
                "reference": "MOH-LC-2026-77",
                "amount": {"amount": "18500.00", "currency": "EUR"},
            },
            "authorisation": {
                "reference": "MOH-LC-PA-2026-77",
                "valid_from": in_days(-1)[:10],
                "valid_until": in_days(60)[:10],
            },
        },
        payer,
    )
    assert funded["status"] == "funding_approved"
    # The payer's view carries no clinical text.
    assert "clinical_summary" not in funded and "reason" not in funded

    await world.post(f"{path}/logistics-tasks", {"kind": "visa"}, coordinator, 201)
    transfer = await act(
        "schedule-transfer",
        {
            "expected_arrival_at": in_days(3),
            "transport": "air_ambulance",
            "escorts": 1,
            "interpreter_language": "en",
        },
        coordinator,
    )
    assert transfer["transfer"]["transport"] == "air_ambulance"
    assert transfer["logistics_tasks"][0]["kind"] == "visa"
    assert (await act("record-arrival", {}, coordinator))["status"] == "arrived"
    admitted = await act(
        "admit", {"admitted_at": in_days(0), "unit": "cardiology-icu", "bed": "4"}, clinician
    )
    assert admitted["status"] == "admitted"
    moved = await act("transfer-unit", {"unit": "cardiology-ward"}, clinician)
    assert moved["status"] == "admitted"
    assert [m["to_unit"] for m in moved["stay"]["movements"]] == [
        "cardiology-icu",
        "cardiology-ward",
    ]
    same = await world.post(f"{path}/transfer-unit", {"unit": "cardiology-ward"}, clinician, 422)
    assert same.json()["missing"] == ["unit_differs"]
    discharged = await act(
        "discharge",
        {
            "discharged_at": in_days(0),
            "disposition": "home",
            "summary": "Valve replaced, stable.",
        },
        clinician,
    )
    assert discharged["status"] == "discharged"

    no_claim = await world.post(f"{path}/close", None, coordinator, 422)
    assert no_claim.json()["missing"] == ["final_claim", "return_transport"]
    # The way home, booked during the stay: the checklist stays open after arrival.
    flight = await world.post(
        f"{path}/logistics-tasks",
        {"kind": "return_transport", "assignee": "travel-desk", "due_date": in_days(5)[:10]},
        coordinator,
        201,
    )
    booked_home = await world.client.patch(
        f"{path}/logistics-tasks/{flight.json()['id']}",
        json={"status": "completed"},
        headers={**coordinator, "If-Match": flight.headers["ETag"]},
    )
    assert booked_home.status_code == 200, booked_home.text
    await world.post(
        f"{path}/claims",
        {
            "number": "CHUM-2026-0001",
            "kind": "final",
            "total": {"amount": "18200.00", "currency": "EUR"},
        },
        coordinator,
        201,
    )
    closed = await act("close", None, coordinator)
    assert closed["status"] == "closed"
    assert closed["allowed_actions"] == []

    # The referrer reads the discharge summary; the payer does not.
    mine = (await world.client.get(path, headers=referrer)).json()
    assert mine["stay"]["discharge_summary"] == "Valve replaced, stable."
    theirs = (await world.client.get(path, headers=payer)).json()
    assert "discharge_summary" not in theirs["stay"]

    timeline = (await world.client.get(f"{path}/timeline", headers=referrer)).json()["items"]
    transitions = [event["type"] for event in timeline if event["type"].startswith("case.")]
    assert transitions == [
        "case.created",
        "case.submitted",
        "case.teleconsultation_scheduled",
        "case.teleconsultation_recorded",
        "case.funding_approved",
        "case.transfer_scheduled",
        "case.arrived",
        "case.admitted",
        "case.unit_transferred",
        "case.discharged",
        "case.closed",
    ]
    assert "estimate.issued" in {event["type"] for event in timeline}
    # A claim is between the hospital and the payer: the referrer does not follow it.
    assert "claim.submitted" not in {event["type"] for event in timeline}
    billing = (await world.client.get(f"{path}/timeline", headers=payer)).json()["items"]
    assert "claim.submitted" in {event["type"] for event in billing}
    funding_event = next(e for e in timeline if e["type"] == "case.funding_approved")
    assert funding_event["actor"] == {
        "sub": "ministry-desk",
        "organization_id": world.orgs["lc_ministry"],
        "role": "payer",
    }
    # Replaying the timeline gives the current status.
    replayed = Case.replay_status(
        (CaseStatus(e["from_status"]) if e["from_status"] else None, CaseStatus(e["to_status"]))
        for e in timeline
    )
    assert replayed == closed["status"] == "closed"
    # Patient data never appears in events.
    assert "Joseph" not in str(timeline) and "stenosis" not in str(timeline)
