"""The whole journey, entry to exit, through the API: an outpatient PET-scan, a ZOAST
emergency presentation, an information request, the stay's logistics up to the return
home, a follow-up teleconsultation, and every FHIR Bundle on the way checked against the
R4B models."""

import uuid
from datetime import UTC, date, datetime, timedelta

from fhir.resources.R4B.bundle import Bundle

from tests.api.conftest import authorisation, in_days, pay_deposit, register_patient
from tests.api.test_case_paths import act, new_case
from tests.api.test_documents import PDF, upload
from tests.clock import started


async def valid_bundle(world, case: dict, headers: dict) -> dict:
    """The case's Bundle, validated by the fhir.resources R4B models."""
    response = await world.client.get(f"/v1/cases/{case['id']}/fhir", headers=headers)
    assert response.status_code == 200, response.text
    bundle = response.json()
    Bundle.model_validate(bundle)  # raises on any invalid element
    return bundle


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


async def task(world, case: dict, body: dict, coordinator: dict, expect: int = 201):
    response = await world.post(
        f"/v1/cases/{case['id']}/logistics-tasks", body, coordinator, expect
    )
    return response


async def settle_and_claim(world, case: dict, coordinator: dict, return_status="not_needed"):
    """What close needs: the way home settled, and a final claim."""
    await task(world, case, {"kind": "return_transport", "status": return_status}, coordinator)
    await world.post(
        f"/v1/cases/{case['id']}/claims",
        {
            "number": f"CL-{case['reference']}",
            "kind": "final",
            "total": {"amount": "900.00", "currency": "EUR"},
        },
        coordinator,
        201,
    )


async def test_an_outpatient_pet_scan_from_referral_to_close(world):
    # S2: the stay is billed to the institution of the place of stay (Reg. 987/2009 Art. 62).
    cpam = {"name": "CPAM Roubaix-Tourcoing", "kind": "liaison_body", "country": "FR"}
    await world.post("/v1/organizations", cpam, world.admin, 201)
    referrer = world.headers("mons_gp", "referrer", sub="dr-dubois")
    coordinator = world.headers("tourcoing", "coordinator")
    clinician = world.headers("tourcoing", "clinician")
    # Registered without a postal code: the bundle has no postalCode rather than "".
    patient = await register_patient(world, "mons_gp", country="BE")
    today = datetime.now(UTC).date()
    coverage = {
        "route": "s2",
        "payer_organization_id": world.orgs["mutuality"],
        "authorisation": {
            "reference": "S2-BE-PET-1",
            "valid_from": str(today),
            "valid_until": str(today + timedelta(days=60)),
        },
    }
    case = await new_case(
        world,
        "mons_gp",
        "tourcoing",
        patient,
        coverage,
        specialty="nuclear_medicine",
        care_setting="outpatient",
    )
    assert case["care_setting"] == "outpatient" and case["origin"] == "referral"
    draft_bundle = await valid_bundle(world, case, referrer)
    [address] = resources(draft_bundle, "Patient")[0]["address"]
    assert "postalCode" not in address

    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "PET-CT indicated"}, clinician)
    path = f"/v1/cases/{case['id']}"
    await act(world, case, "approve-funding", {}, coordinator)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.05), "transport": "ground_ambulance"},
        coordinator,
    )
    arrived = await act(world, case, "record-arrival", {"arrived_at": in_days(0)}, coordinator)
    assert "record-attendance" in arrived["allowed_actions"]
    assert "discharge" in arrived["allowed_actions"] and "admit" in arrived["allowed_actions"]

    too_soon = await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(0), "disposition": "home", "summary": "Scan done."},
        clinician,
        422,
    )
    assert too_soon["missing"] == ["attendance"]
    missing = await act(world, case, "record-attendance", {}, clinician, 422)
    assert missing["missing"] == ["attended_at", "service", "outcome"]
    scanned = await act(
        world,
        case,
        "record-attendance",
        {
            "attended_at": in_days(0),
            "service": "nuclear-medicine",
            "outcome": "completed",
            "notes": "FDG PET-CT, no uptake.",
        },
        clinician,
    )
    assert scanned["status"] == "arrived"
    assert [a["service"] for a in scanned["attendances"]] == ["nuclear-medicine"]
    assert scanned["stay"] is None

    letter = {
        "diagnoses": [
            {"display": "Follicular lymphoma, in remission", "code": "C82.9", "system": "icd-10"}
        ],
        "procedures": [{"display": "FDG PET-CT"}],
        "medications": [],
        "follow_up_instructions": "Haematology review in 3 months.",
        "language": "fr",
    }
    done = await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(0), "disposition": "home", "letter": letter},
        clinician,
    )
    assert done["status"] == "discharged" and done["stay"] is None
    assert done["discharge_letter"]["diagnoses"][0]["code"] == "C82.9"
    assert done["discharge_letter"]["language"] == "fr"

    bundle = await valid_bundle(world, case, referrer)
    [encounter] = resources(bundle, "Encounter")
    assert encounter["class"]["code"] == "AMB"
    assert encounter["status"] == "finished"

    # The referrer's SDK reads the letter, and says it arrived.
    read = (await world.client.get(path, headers=referrer)).json()
    assert read["discharge_letter"]["follow_up_instructions"] == "Haematology review in 3 months."
    assert "acknowledge-discharge" in read["allowed_actions"]
    acknowledged = await act(world, case, "acknowledge-discharge", None, referrer)
    assert acknowledged["discharge_letter"]["acknowledged_by"] == "dr-dubois"
    twice = await act(world, case, "acknowledge-discharge", None, referrer, 422)
    assert twice["missing"] == ["not_yet_acknowledged"]

    await settle_and_claim(world, case, coordinator)
    closed = await act(world, case, "close", None, coordinator)
    assert closed["status"] == "closed"
    await valid_bundle(world, case, coordinator)


async def test_a_day_case_is_class_ss_and_admitting_an_outpatient_makes_it_inpatient(world):
    referrer = world.headers("mons_gp", "referrer")
    coordinator = world.headers("tourcoing", "coordinator")
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    coverage = {"route": "zoast", "payer_organization_id": world.orgs["mutuality"]}
    day = await new_case(world, "mons_gp", "tourcoing", patient, coverage, care_setting="day_case")
    await act(world, day, "submit", None, referrer)
    await act(world, day, "accept", {"reason": "Chemotherapy cycle"}, coordinator)
    await act(world, day, "approve-funding", {}, coordinator)
    await act(
        world,
        day,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.05), "transport": "other"},
        coordinator,
    )
    await act(world, day, "record-arrival", None, coordinator)
    for _ in range(2):
        await act(
            world,
            day,
            "record-attendance",
            {"attended_at": in_days(0), "service": "oncology-day-unit", "outcome": "completed"},
            coordinator,
        )
    bundle = await valid_bundle(world, day, coordinator)
    assert [e["class"]["code"] for e in resources(bundle, "Encounter")] == ["SS", "SS"]

    # The same day case needing a bed: admitted, it becomes an inpatient stay (IMP).
    admitted = await act(
        world, day, "admit", {"admitted_at": in_days(0), "unit": "oncology"}, coordinator
    )
    assert admitted["care_setting"] == "inpatient"
    assert "record-attendance" not in admitted["allowed_actions"]
    bundle = await valid_bundle(world, day, coordinator)
    classes = sorted(e["class"]["code"] for e in resources(bundle, "Encounter"))
    assert classes == ["IMP", "IMP", "IMP"]

    inpatient = await new_case(world, "mons_gp", "tourcoing", patient, coverage)
    await act(world, inpatient, "submit", None, referrer)
    await act(world, inpatient, "accept", {"reason": "ok"}, coordinator)
    await act(world, inpatient, "approve-funding", {}, coordinator)
    await act(
        world,
        inpatient,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.05), "transport": "other"},
        coordinator,
    )
    arrived = await act(world, inpatient, "record-arrival", None, coordinator)
    assert "record-attendance" not in arrived["allowed_actions"]
    refused = await act(
        world,
        inpatient,
        "record-attendance",
        {"attended_at": in_days(0), "service": "x", "outcome": "completed"},
        coordinator,
        409,
    )
    assert refused["code"] == "invalid_transition"


async def test_a_zoast_emergency_presentation_from_the_emergency_department_to_close(world):
    coordinator = world.headers("tourcoing", "coordinator")
    clinician = world.headers("tourcoing", "clinician")
    # A Mouscron resident walks into Tourcoing's emergency department: the hospital registers
    # the patient and opens the case itself, already admitted.
    patient = (
        await world.post(
            "/v1/patients",
            {
                "family_name": "Vandenbroucke",
                "given_names": ["Luc"],
                "birth_date": "1958-02-01",
                "sex": "male",
                "nationality": "BE",
                "residence": {"country": "BE", "postal_code": "7500", "city": "Tournai"},
                "languages": ["fr"],
                "identifiers": [{"system": "niss", "value": "58020100123"}],
            },
            coordinator,
            201,
        )
    ).json()
    body = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "cardiology",
        "clinical_summary": "Chest pain, STEMI.",
        "coverage": {
            "route": "zoast",
            "payer_organization_id": world.orgs["mutuality"],
            "member_number": "MUT-77",
        },
        "presentation": {
            "presented_at": in_days(-0.1),
            "admitted_at": in_days(-0.05),
            "unit": "cardiac-icu",
            "bed": "2",
        },
    }
    opened = (await world.post("/v1/cases", body, coordinator, 201)).json()
    assert opened["status"] == "admitted" and opened["origin"] == "emergency_presentation"
    assert opened["receiving_organization_id"] == world.orgs["tourcoing"]
    assert opened["referring_organization_id"] == world.orgs["tourcoing"]
    assert opened["priority"] == "emergency"
    assert opened["stay"]["unit"] == "cardiac-icu" and opened["stay"]["bed"] == "2"
    timeline = (
        await world.client.get(f"/v1/cases/{opened['id']}/timeline", headers=coordinator)
    ).json()["items"]
    assert [(e["type"], e["from_status"], e["to_status"]) for e in timeline] == [
        ("case.created", None, "admitted")
    ]
    # The payer sees the case it pays for.
    payer = world.headers("mutuality", "payer")
    listed = await world.client.get(
        "/v1/cases", params={"origin": "emergency_presentation"}, headers=payer
    )
    assert [c["id"] for c in listed.json()["items"]] == [opened["id"]]

    # A unit transfer leaves the old unit's bed: the new one is given, or none yet.
    moved = await act(world, opened, "transfer-unit", {"unit": "cardiology"}, clinician)
    assert moved["stay"]["bed"] is None
    moved = await act(
        world, opened, "transfer-unit", {"unit": "cardiology-b", "bed": "14"}, clinician
    )
    assert moved["stay"]["bed"] == "14"
    assert [m["bed"] for m in moved["stay"]["movements"]] == ["2", None, "14"]

    # Logistics during the stay: an interpreter (an IETF tag) and lodging for a companion.
    interpreter = await task(
        world,
        opened,
        {"kind": "interpreter", "language": "nl", "due_date": in_days(1)[:10]},
        coordinator,
    )
    assert interpreter.json()["language"] == "nl"
    no_language = await task(world, opened, {"kind": "interpreter"}, coordinator, 422)
    assert no_language.json()["code"] == "language_required"
    bad_tag = await task(
        world, opened, {"kind": "interpreter", "language": "dutch!"}, coordinator, 422
    )
    assert bad_tag.json()["code"] == "validation_failed"
    lodging = await task(
        world, opened, {"kind": "accommodation", "beneficiary": "companion"}, coordinator
    )
    assert lodging.json()["beneficiary"] == "companion"

    discharged = await act(
        world,
        opened,
        "discharge",
        {"discharged_at": in_days(0), "disposition": "home", "summary": "Stented, stable."},
        clinician,
    )
    assert discharged["status"] == "discharged"
    refused = await act(world, opened, "close", None, coordinator, 422)
    assert refused["missing"] == ["final_claim", "return_transport"]
    await settle_and_claim(world, opened, coordinator, return_status="not_needed")
    closed = await act(world, opened, "close", None, coordinator)
    assert closed["status"] == "closed"
    bundle = await valid_bundle(world, opened, coordinator)
    assert resources(bundle, "Encounter")[0]["class"]["code"] == "IMP"
    after = await task(world, opened, {"kind": "escort"}, coordinator, 409)
    assert after.json()["code"] == "checklist_closed"


async def test_an_ehic_visitor_presents_arrived_and_planned_routes_are_refused(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    # The visitor is registered by the hospital they walked into.
    patient = await register_patient(world, "chu_martinique")
    base = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "emergency_medicine",
        "presentation": {"presented_at": in_days(-0.02)},
    }
    opened = (
        await world.post("/v1/cases", {**base, "coverage": {"route": "ehic"}}, coordinator, 201)
    ).json()
    assert opened["status"] == "arrived" and opened["care_setting"] == "outpatient"
    assert opened["presented_at"] is not None
    assert "record-attendance" in opened["allowed_actions"]
    await valid_bundle(world, opened, coordinator)

    planned = await world.post("/v1/cases", {**base, "coverage": {"route": "s2"}}, coordinator, 422)
    assert planned.json()["missing"] == ["route_fits_unplanned_care"]
    nothing = await world.post("/v1/cases", {"origin": "emergency_presentation"}, coordinator, 422)
    assert set(nothing.json()["missing"]) == {
        "patient_id",
        "specialty",
        "coverage_route",
        "presented_at",
    }
    elsewhere = await world.post(
        "/v1/cases",
        {
            **base,
            "coverage": {"route": "ehic"},
            "receiving_organization_id": world.orgs["chu_guadeloupe"],
        },
        coordinator,
        422,
    )
    assert elsewhere.json()["code"] == "presentation_elsewhere"
    # Only the hospital's own people open one: a referrer may not.
    referrer = await world.post(
        "/v1/cases",
        {**base, "coverage": {"route": "ehic"}},
        world.headers("castries", "referrer"),
        403,
    )
    assert referrer.json()["code"] == "forbidden_action"


async def test_the_information_loop_and_lead_times_without_the_wait(world):
    referrer = world.headers("castries", "referrer", sub="dr-charles")
    clinician = world.headers("chu_martinique", "clinician")
    patient = await register_patient(world, "castries")
    case = await new_case(
        world, "castries", "chu_martinique", patient, {"route": "self_pay"}, specialty="nephrology"
    )
    await act(world, case, "submit", None, referrer)
    missing = await act(world, case, "request-information", {}, clinician, 422)
    assert missing["missing"] == ["questions", "due_date"]
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    past = await act(
        world,
        case,
        "request-information",
        {"questions": "Creatinine?", "due_date": yesterday},
        clinician,
        422,
    )
    assert past["missing"] == ["due_date_not_past"]
    due = (datetime.now(UTC) + timedelta(days=2)).date()
    asked = await act(
        world,
        case,
        "request-information",
        {"questions": "Latest creatinine and a renal ultrasound?", "due_date": due.isoformat()},
        clinician,
    )
    assert asked["status"] == "information_requested"
    assert asked["allowed_actions"] == ["decline"]
    [request] = asked["information_requests"]
    assert request["due_date"] == due.isoformat() and request["answered_at"] is None
    assert request["overdue"] is False
    mine = (await world.client.get(f"/v1/cases/{case['id']}", headers=referrer)).json()
    assert mine["allowed_actions"] == ["provide-information", "cancel"]
    bundle = await valid_bundle(world, case, referrer)
    [question] = [t for t in resources(bundle, "Task") if t["id"] == request["id"]]
    assert question["status"] == "requested"
    assert question["restriction"]["period"]["end"] == due.isoformat()

    empty = await act(world, case, "provide-information", {"answer": "  "}, referrer, 422)
    assert empty["missing"] == ["answer"]
    # An answer points only at documents on this case.
    elsewhere = await new_case(
        world, "castries", "chu_martinique", patient, {"route": "self_pay"}, specialty="nephrology"
    )
    ultrasound = (await upload(world.client, case, referrer, PDF, title="Ultrasound")).json()
    foreign = (await upload(world.client, elsewhere, referrer, PDF, title="Other")).json()
    stray = str(uuid.uuid4())
    refused = await act(
        world,
        case,
        "provide-information",
        {"answer": "See attached.", "document_ids": [ultrasound["id"], foreign["id"], stray]},
        referrer,
        422,
    )
    assert refused["code"] == "document_not_on_case"
    assert refused["document_ids"] == [foreign["id"], stray]
    # The referrer answers three days later; the receiving side decides an hour after that.
    later = datetime.now(UTC) + timedelta(days=3)
    with started(later, after=timedelta(0)):
        answered = await act(
            world,
            case,
            "provide-information",
            {
                "answer": "Creatinine 180 µmol/l; ultrasound attached.",
                "document_ids": [ultrasound["id"]],
            },
            referrer,
        )
    assert answered["information_requests"][0]["document_ids"] == [ultrasound["id"]]
    assert answered["status"] == "submitted"
    assert answered["information_requests"][0]["answered_by"] == "dr-charles"
    with started(later, after=timedelta(hours=1)):
        await act(world, case, "accept", {"reason": "Transplant work-up"}, clinician)
    bundle = await valid_bundle(world, case, referrer)
    [question] = [t for t in resources(bundle, "Task") if t["id"] == request["id"]]
    assert question["status"] == "completed"

    flows = (
        await world.client.get(
            "/v1/stats/flows", headers=world.headers("chu_martinique", "coordinator")
        )
    ).json()
    [row] = [r for r in (flows.get("items") or flows) if r["specialty"] == "nephrology"]
    # Three days waiting on the referrer do not count: about an hour of review remains.
    assert row["median_days_to_decision"] is not None
    assert row["median_days_to_decision"] < 0.1


async def test_a_follow_up_teleconsultation_after_discharge_with_a_join_link(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    clinician = world.headers("chu_martinique", "clinician")
    patient = await register_patient(world, "castries")
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
    }
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    await act(world, case, "submit", None, referrer)

    # A teleconsultation in Martinique's time: the zone is kept and shown back.
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    link = {
        "channel_type": "ms-teams",
        "address_url": "https://teams.example.org/l/meetup-join/abc",
        "additional_info": ["https://chu-martinique.example.org/teleconsultation-guide"],
        "max_participants": 4,
        "session_key": "8830",
    }
    booked = await act(
        world,
        case,
        "schedule-teleconsultation",
        {
            "scheduled_at": at.astimezone().isoformat(),
            "mode": "video",
            "time_zone": "America/Martinique",
            "virtual_service": link,
        },
        coordinator,
    )
    [tele] = booked["teleconsultations"]
    assert tele["time_zone"] == "America/Martinique"
    assert tele["scheduled_at"].endswith("-04:00")
    assert datetime.fromisoformat(tele["scheduled_at"]) == at
    assert tele["virtual_service"]["address_url"] == link["address_url"]
    payer_view = (
        await world.client.get(
            f"/v1/cases/{case['id']}", headers=world.headers("lc_ministry", "payer")
        )
    ).json()
    assert "session_key" not in payer_view["teleconsultations"][0]["virtual_service"]
    assert tele["virtual_service"]["session_key"] == "8830"

    early = await act(
        world, case, "record-teleconsultation", {"outcome": "transfer_recommended"}, clinician, 422
    )
    assert early["missing"] == ["teleconsultation_started"]
    with started(at):
        await act(
            world, case, "record-teleconsultation", {"outcome": "transfer_recommended"}, clinician
        )
    unknown_zone = await act(world, case, "hold", {"reason": "x"}, coordinator)
    assert unknown_zone["status"] == "on_hold"
    await act(world, case, "resume", None, coordinator)

    path = f"/v1/cases/{case['id']}"
    await world.post(
        f"{path}/estimates", {"total": {"amount": "900.00", "currency": "EUR"}}, coordinator, 201
    )
    guarantee = {"reference": "G-1", "amount": {"amount": "900.00", "currency": "EUR"}}
    # The CARES agreement asks prior authorisation and a 50 % advance.
    await pay_deposit(world, path, coordinator, "450.00")
    await act(
        world,
        case,
        "approve-funding",
        {"guarantee": guarantee, "authorisation": authorisation()},
        coordinator,
    )
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.05), "transport": "commercial_flight"},
        coordinator,
    )
    await act(world, case, "admit", {"admitted_at": in_days(0), "unit": "surgery"}, clinician)
    await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(0), "disposition": "home", "summary": "Recovered."},
        clinician,
    )
    follow_at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    bad_zone = await act(
        world,
        case,
        "schedule-follow-up",
        {"scheduled_at": follow_at.isoformat(), "mode": "video", "time_zone": "Mars/Olympus"},
        coordinator,
        422,
    )
    assert bad_zone["missing"] == ["time_zone_known"]
    follow = await act(
        world,
        case,
        "schedule-follow-up",
        {
            "scheduled_at": follow_at.astimezone(
                __import__("zoneinfo").ZoneInfo("America/St_Lucia")
            ).isoformat(),
            "mode": "video",
            "virtual_service": {"channel_type": "zoom", "address_url": "https://zoom.example/j/1"},
        },
        coordinator,
    )
    assert follow["status"] == "discharged"
    follow_up = follow["teleconsultations"][-1]
    assert follow_up["kind"] == "follow_up" and follow_up["time_zone"] == "-04:00"
    early = await act(world, case, "record-follow-up", {"outcome": "completed"}, clinician, 422)
    assert early["missing"] == ["follow_up_started"]
    with started(follow_at):
        recorded = await act(
            world, case, "record-follow-up", {"outcome": "completed", "notes": "Healed."}, clinician
        )
    assert recorded["teleconsultations"][-1]["status"] == "fulfilled"
    bundle = await valid_bundle(world, case, referrer)
    appointments = resources(bundle, "Appointment")
    assert [a["appointmentType"]["text"] for a in appointments] == ["ROUTINE", "FOLLOWUP"]
    await settle_and_claim(world, case, coordinator, return_status="completed")
    closed = await act(world, case, "close", None, coordinator)
    assert closed["status"] == "closed"


async def test_every_bundle_is_valid_fhir_at_every_status(world):
    """A case walked through its statuses; each answer's Bundle passes the R4B models."""
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    payer = world.headers("lc_ministry", "payer")
    patient = await register_patient(world, "castries")
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
    }
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    today = date.today()
    steps = [
        ("submit", None, referrer),
        (
            "request-information",
            {"questions": "ECG?", "due_date": str(today + timedelta(days=3))},
            coordinator,
        ),
        ("provide-information", {"answer": "Attached."}, referrer),
        (
            "schedule-teleconsultation",
            {"scheduled_at": in_days(0.5), "mode": "phone"},
            coordinator,
        ),
        ("hold", {"reason": "Storm"}, coordinator),
        ("resume", None, coordinator),
        ("decline", {"reason": "Treat locally"}, coordinator),
    ]
    seen = set()
    for action, body, headers in steps:
        case = await act(world, case, action, body, headers)
        seen.add(case["status"])
        for who in (referrer, coordinator, payer):
            await valid_bundle(world, case, who)
    assert seen == {
        "submitted",
        "information_requested",
        "teleconsultation_scheduled",
        "on_hold",
        "declined",
    }


async def test_earlier_cases_of_the_same_person_at_the_receiving_hospital_only(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    # First referred from Saint Lucia...
    first_patient = await register_patient(
        world, "castries", identifier={"system": "passport", "value": "LC770991"}
    )
    coverage = {"route": "self_pay"}
    first = await new_case(world, "castries", "chu_martinique", first_patient, coverage)
    # ...to Guadeloupe as well (another hospital: never shown to Martinique)...
    elsewhere = await new_case(world, "castries", "chu_guadeloupe", first_patient, coverage)
    # ...and later from Dominica, whose hospital registered the same person again (the
    # number typed with a zero-width space: identifiers are stored normalised).
    again = await register_patient(
        world, "dominica", identifier={"system": "passport", "value": "LC770\u200b991"}
    )
    stranger = await register_patient(world, "dominica")
    new = await new_case(world, "dominica", "chu_martinique", again, coverage)
    unrelated = await new_case(world, "dominica", "chu_martinique", stranger, coverage)

    response = await world.client.get(f"/v1/cases/{new['id']}/earlier-cases", headers=coordinator)
    assert response.status_code == 200, response.text
    ids = [c["id"] for c in response.json()["items"]]
    assert ids == [first["id"]]
    assert elsewhere["id"] not in response.text and unrelated["id"] not in ids

    guadeloupe = await world.client.get(
        f"/v1/cases/{elsewhere['id']}/earlier-cases",
        headers=world.headers("chu_guadeloupe", "coordinator"),
    )
    assert guadeloupe.json()["items"] == []  # Martinique's cases are not Guadeloupe's

    for who in (world.headers("dominica", "referrer"), world.headers("mutuality", "payer")):
        refused = await world.client.get(f"/v1/cases/{new['id']}/earlier-cases", headers=who)
        assert refused.status_code in (403, 404)
    referrer = await world.client.get(
        f"/v1/cases/{new['id']}/earlier-cases", headers=world.headers("dominica", "referrer")
    )
    assert referrer.status_code == 403 and referrer.json()["code"] == "forbidden_role"
