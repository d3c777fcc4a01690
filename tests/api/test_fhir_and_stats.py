"""The case as FHIR, and the statistics, each scoped to the caller."""

from tests.api.conftest import authorisation, in_days, pay_deposit, register_patient
from tests.api.test_case_paths import act, new_case


async def admitted_case(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
        "member_number": "LC-998",
    }
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "ok"}, coordinator)
    path = f"/v1/cases/{case['id']}"
    await world.post(
        f"{path}/estimates", {"total": {"amount": "100.00", "currency": "EUR"}}, coordinator, 201
    )
    guarantee = {"reference": "G-1", "amount": {"amount": "100.00", "currency": "EUR"}}
    await pay_deposit(world, path, coordinator, "50.00")
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
        {"expected_arrival_at": in_days(1), "transport": "sea"},
        coordinator,
    )
    await act(world, case, "admit", {"admitted_at": in_days(0), "unit": "cardiology"}, coordinator)
    return case, patient


async def test_the_fhir_bundle_holds_every_resource_and_hides_clinical_text_from_the_payer(world):
    case, patient = await admitted_case(world)
    response = await world.client.get(
        f"/v1/cases/{case['id']}/fhir", headers=world.headers("castries", "referrer")
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = sorted(entry["resource"]["resourceType"] for entry in bundle["entry"])
    assert kinds == [
        "Coverage",
        "Encounter",
        "Organization",
        "Organization",
        "Organization",
        "Patient",
        "ServiceRequest",
        "Task",
    ]
    by_kind = {entry["resource"]["resourceType"]: entry["resource"] for entry in bundle["entry"]}
    assert by_kind["Patient"]["id"] == patient["id"]
    assert by_kind["Task"]["status"] == "in-progress"
    assert by_kind["Encounter"]["status"] == "in-progress"
    assert by_kind["Coverage"]["subscriberId"] == "LC-998"
    assert by_kind["ServiceRequest"]["note"][0]["text"] == "Clinical summary."

    payer = await world.client.get(
        f"/v1/cases/{case['id']}/fhir", headers=world.headers("lc_ministry", "payer")
    )
    request = next(
        e["resource"]
        for e in payer.json()["entry"]
        if e["resource"]["resourceType"] == "ServiceRequest"
    )
    assert "note" not in request and "reasonCode" not in request
    other = await world.client.get(
        f"/v1/cases/{case['id']}/fhir", headers=world.headers("tourcoing", "coordinator")
    )
    assert other.status_code == 404


async def test_census_and_flows_count_only_the_callers_cases(world):
    case, _ = await admitted_case(world)
    martinique = world.headers("chu_martinique", "coordinator")
    census = (await world.client.get("/v1/stats/census", headers=martinique)).json()
    assert [p["case_id"] for p in census["admitted"]] == [case["id"]]
    assert census["admitted_by_unit"] == [{"unit": "cardiology", "count": 1, "suppressed": False}]
    elsewhere = (
        await world.client.get(
            "/v1/stats/census", headers=world.headers("tourcoing", "coordinator")
        )
    ).json()
    assert elsewhere["admitted"] == [] and elsewhere["expected"] == []

    flows = (await world.client.get("/v1/stats/flows", headers=martinique)).json()["items"]
    assert len(flows) == 1
    flow = flows[0]
    assert flow["origin_country"] == "LC" and flow["specialty"] == "cardiology"
    assert flow["referrals"] == 1 and flow["admitted"] == 1 and flow["discharged"] == 0
    assert flow["median_days_to_decision"] is not None
    assert (
        await world.client.get("/v1/stats/flows", headers=world.headers("mutuality", "payer"))
    ).json()["items"] == []
