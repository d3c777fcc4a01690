"""The other paths of the lifecycle: ZOAST, emergency, EHIC, cancellation, hold and resume."""

from tests.api.conftest import authorisation, in_days, register_patient
from tests.clock import started


async def new_case(
    world,
    referring: str,
    receiving: str,
    patient: dict,
    coverage: dict,
    headers: dict | None = None,
    **fields,
):
    """`headers`: the referrer's, made beforehand (e.g. before the clock moves)."""
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs[receiving],
        "specialty": fields.pop("specialty", "cardiology"),
        "clinical_summary": "Clinical summary.",
        "coverage": coverage,
        **fields,
    }
    headers = headers or world.headers(referring, "referrer")
    response = await world.post("/v1/cases", body, headers, 201)
    return response.json()


async def act(world, case: dict, action: str, body: dict | None, headers: dict, expect: int = 200):
    response = await world.post(f"/v1/cases/{case['id']}/{action}", body, headers, expect)
    return response.json()


async def test_zoast_case_needs_no_authorisation_for_a_zone_resident(world):
    referrer = world.headers("mons_gp", "referrer")
    coordinator = world.headers("tourcoing", "coordinator")
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    case = await new_case(
        world,
        "mons_gp",
        "tourcoing",
        patient,
        {
            "route": "zoast",
            "payer_organization_id": world.orgs["mutuality"],
            "member_number": "M-1",
        },
    )
    await act(world, case, "submit", None, referrer)
    await act(
        world, case, "accept", {"reason": "Within ZOAST, no teleconsultation needed"}, coordinator
    )
    funded = await act(world, case, "approve-funding", {}, coordinator)
    assert funded["status"] == "funding_approved"
    assert funded["funding"]["route"] == "zoast"


async def test_zoast_refused_outside_the_zone_or_for_an_excluded_specialty(world):
    # ZOAST conventions: residence in the zone; listed specialties are excluded. The case
    # is refused when it is opened, naming the condition, and nothing is written.
    outside = await register_patient(world, "mons_gp", country="BE", postal_code="1000")
    inside = await register_patient(world, "mons_gp", country="BE", postal_code="7500")
    coverage = {"route": "zoast", "payer_organization_id": world.orgs["mutuality"]}
    referrer = world.headers("mons_gp", "referrer")
    for patient, specialty, condition in (
        (outside, "cardiology", "residence_in_zone"),
        (inside, "cosmetic_surgery", "specialty_not_excluded"),
    ):
        body = {
            "patient_id": patient["id"],
            "receiving_organization_id": world.orgs["tourcoing"],
            "specialty": specialty,
            "clinical_summary": "Clinical summary.",
            "coverage": coverage,
        }
        refused = (await world.post("/v1/cases", body, referrer, 422)).json()
        assert refused["code"] == "route_not_applicable"
        assert refused["route"] == "zoast"
        assert refused["failed_conditions"] == [condition]
    listed = await world.client.get(
        "/v1/cases", params={"patient_id": inside["id"]}, headers=referrer
    )
    assert listed.json()["items"] == []


async def test_emergency_case_skips_funding(world):
    referrer = world.headers("dominica", "referrer")
    coordinator = world.headers("chu_guadeloupe", "coordinator")
    patient = await register_patient(world, "dominica", country="DM")
    case = await new_case(
        world, "dominica", "chu_guadeloupe", patient, {"route": "self_pay"}, priority="emergency"
    )
    await act(world, case, "submit", None, referrer)
    accepted = await act(world, case, "accept", {"reason": "Polytrauma"}, coordinator)
    assert "schedule-transfer" in accepted["allowed_actions"]
    scheduled = await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(0.1), "transport": "air_ambulance"},
        coordinator,
    )
    assert scheduled["status"] == "transfer_scheduled"
    admitted = await act(
        world, case, "admit", {"admitted_at": in_days(0), "unit": "trauma-icu"}, coordinator
    )
    assert admitted["status"] == "admitted"


async def test_ehic_is_refused_for_a_referral_and_outside_the_eu(world):
    # Regulation 883/2004 Art. 19: the EHIC covers care that becomes necessary during a
    # stay, never care the patient is referred for; Dominica is outside the coordination.
    referrer = world.headers("dominica", "referrer")
    patient = await register_patient(world, "dominica", country="DM")
    body = {
        "patient_id": patient["id"],
        "receiving_organization_id": world.orgs["chu_guadeloupe"],
        "specialty": "cardiology",
        "priority": "emergency",
        "coverage": {"route": "ehic", "insurance_country": "DM"},
    }
    refused = (await world.post("/v1/cases", body, referrer, 422)).json()
    assert refused["code"] == "route_not_applicable"
    assert refused["failed_conditions"] == [
        "insurance_country_in_eu_eea_ch",
        "payer_country_in_eu_eea_ch",
        "unplanned_care",
    ]
    belgian = {**body, "coverage": {"route": "ehic", "insurance_country": "BE"}}
    refused = (await world.post("/v1/cases", belgian, referrer, 422)).json()
    assert refused["failed_conditions"] == ["unplanned_care"]


async def test_s2_transfer_needs_an_authorisation_valid_on_arrival(world):
    referrer = world.headers("mons_gp", "referrer")
    coordinator = world.headers("tourcoing", "coordinator")
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="1000")
    case = await new_case(
        world,
        "mons_gp",
        "tourcoing",
        patient,
        {"route": "s2", "payer_organization_id": world.orgs["mutuality"]},
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    missing = await act(world, case, "approve-funding", {}, coordinator, 422)
    assert missing["missing"] == ["authorisation"]
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).date()
    authorisation = {
        "reference": "S2-BE-42",
        "valid_from": str(today),
        "valid_until": str(today + timedelta(days=5)),
    }
    await act(world, case, "approve-funding", {"authorisation": authorisation}, coordinator)
    late = await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(10), "transport": "ground_ambulance"},
        coordinator,
        422,
    )
    assert late["missing"] == ["authorisation_valid_on_arrival"]
    ok = await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(2), "transport": "ground_ambulance"},
        coordinator,
    )
    assert ok["status"] == "transfer_scheduled"


async def test_self_pay_needs_the_deposit(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(
        world,
        "castries",
        "chu_martinique",
        patient,
        {"route": "self_pay", "agreement_id": world.agreements["cares"]},
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    no_estimate = await act(world, case, "approve-funding", {}, coordinator, 422)
    # The agreement's flags apply to every route it covers: prior authorisation too.
    assert no_estimate["missing"] == ["authorisation", "estimate"]
    path = f"/v1/cases/{case['id']}"
    await world.post(
        f"{path}/estimates", {"total": {"amount": "1000.00", "currency": "EUR"}}, coordinator, 201
    )
    payment = {
        "amount": {"amount": "499.99", "currency": "EUR"},
        "kind": "deposit",
        "received_at": in_days(0),
        "payer": "patient",
    }
    await world.post(f"{path}/payments", payment, coordinator, 201)
    # The CARES agreement asks 50 %, not the default 30 %.
    pa = {"authorisation": authorisation()}
    short = await act(world, case, "approve-funding", pa, coordinator, 422)
    assert short["missing"] == ["deposit"]
    await world.post(
        f"{path}/payments",
        {**payment, "amount": {"amount": "0.01", "currency": "EUR"}},
        coordinator,
        201,
    )
    assert (await act(world, case, "approve-funding", pa, coordinator))[
        "status"
    ] == "funding_approved"


async def test_cancel_by_referrer_only_early_and_hold_resume_returns_where_it_was(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
    }
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    await act(world, case, "submit", None, referrer)
    scheduled = await act(
        world,
        case,
        "schedule-teleconsultation",
        {"scheduled_at": in_days(1), "mode": "phone"},
        coordinator,
    )
    held = await act(
        world, case, "hold", {"reason": "Hurricane warning: airport closed"}, coordinator
    )
    assert held["status"] == "on_hold" and held["held_from"] == "teleconsultation_scheduled"
    assert held["allowed_actions"] == ["cancel", "resume"]
    forbidden = await act(world, case, "cancel", {"reason_code": "patient_withdrew"}, referrer, 403)
    assert forbidden["code"] == "forbidden_action"
    resumed = await act(world, case, "resume", None, coordinator)
    assert resumed["status"] == "teleconsultation_scheduled"
    assert resumed["version"] == scheduled["version"] + 2
    no_reason = await act(world, case, "cancel", {}, coordinator, 422)
    assert no_reason["missing"] == ["reason_code"]
    cancelled = await act(world, case, "cancel", {"reason_code": "treated_locally"}, coordinator)
    assert cancelled["status"] == "cancelled"
    assert cancelled["teleconsultations"][0]["status"] == "cancelled"
    again = await act(world, case, "resume", None, coordinator, 409)
    assert again["code"] == "invalid_transition" and again["allowed_actions"] == []

    draft = await new_case(world, "castries", "chu_martinique", patient, coverage)
    gone = await act(
        world, draft, "cancel", {"reason_code": "duplicate", "reason": "Sent twice"}, referrer
    )
    assert gone["status"] == "cancelled" and gone["cancel_reason_code"] == "duplicate"


async def test_decline_after_teleconsultation_and_more_information_loop(world):
    referrer = world.headers("castries", "referrer")
    clinician = world.headers("chu_martinique", "clinician")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    await act(world, case, "submit", None, referrer)
    past = await act(
        world,
        case,
        "schedule-teleconsultation",
        {"scheduled_at": in_days(-1), "mode": "video"},
        coordinator,
        422,
    )
    assert past["missing"] == ["scheduled_at_in_future"]
    await act(
        world,
        case,
        "schedule-teleconsultation",
        {"scheduled_at": in_days(1), "mode": "video"},
        coordinator,
    )
    with started(in_days(1)):
        back = await act(
            world,
            case,
            "record-teleconsultation",
            {"outcome": "more_information_needed"},
            clinician,
        )
    assert back["status"] == "submitted"
    await act(
        world,
        case,
        "schedule-teleconsultation",
        {"scheduled_at": in_days(2), "mode": "video"},
        coordinator,
    )
    with started(in_days(2)):
        declined = await act(
            world, case, "record-teleconsultation", {"outcome": "treat_locally"}, clinician
        )
    assert declined["status"] == "declined"
    assert [t["status"] for t in declined["teleconsultations"]] == ["fulfilled", "fulfilled"]
