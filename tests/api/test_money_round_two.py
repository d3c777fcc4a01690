"""Issue 24, money and regimes round two (items 1-4), as the hospital's international
office, the Saint Lucia ministry, the Belgian mutuality and the French liaison body would
meet them over HTTP."""

import json

from tests.api.conftest import authorisation, in_days, register_patient
from tests.api.test_case_paths import act, new_case
from tests.api.test_regimes_and_money import cares_case, discharged

EC_PER_EURO = {"base": "EUR", "quote": "XCD", "rate": "2.95", "source": "ECB/ECCB 2026-12-01"}


def eur(amount: str) -> dict:
    return {"amount": amount, "currency": "EUR"}


def xcd(amount: str) -> dict:
    return {"amount": amount, "currency": "XCD"}


async def balance_of(world, path: str, headers: dict) -> dict:
    response = await world.client.get(f"{path}/balance", headers=headers)
    assert response.status_code == 200, response.text
    return {line["currency"]: line for line in response.json()["currencies"]}


async def claim_of(world, claim_id: str, headers: dict) -> dict:
    response = await world.client.get(f"/v1/claims/{claim_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def pay_claim(world, claim: dict, amount: dict, headers: dict, expect: int = 200):
    body = {"amount": amount, "paid_at": in_days(0)[:10], "reference": f"PAY-{claim['number']}"}
    return await world.post(f"/v1/claims/{claim['id']}/pay", body, headers, expect)


async def liaison_body(world, key: str, name: str, country: str) -> str:
    body = {"name": name, "kind": "liaison_body", "country": country}
    world.orgs[key] = (await world.post("/v1/organizations", body, world.admin, 201)).json()["id"]
    return world.orgs[key]


# -- item 1: every sum compares counted amounts in the case currency -----------------------


async def test_an_xcd_advance_counted_in_euros_funds_and_an_xcd_guarantee_converts(world):
    case, path = await cares_case(world)
    office = world.headers("chu_martinique", "coordinator")
    ministry = world.headers("lc_ministry", "payer")
    await world.post(f"{path}/estimates", {"total": eur("11000.00")}, office, 201)
    # The ministry sends EC$16,500; the office counts it at the day's rate (2.95 XCD per EUR).
    advance = {
        "kind": "deposit",
        "payer": "third_party",
        "amount": xcd("16500.00"),
        "received_at": in_days(0),
        "exchange_rate": EC_PER_EURO,
    }
    counted = (await world.post(f"{path}/payments", advance, office, 201)).json()
    assert counted["counted_amount"] == eur("5593.22")
    # A letter of guarantee in XCD with no rate is refused, naming both currencies.
    letter = {"reference": "MOH-LC-2026-77", "amount": xcd("33000.00")}
    body = {"guarantee": letter, "authorisation": authorisation()}
    refused = await act(world, case, "approve-funding", body, ministry, 422)
    assert refused["code"] == "currency_mismatch"
    assert refused["currencies"] == ["XCD", "EUR"]
    assert "XCD" in refused["detail"] and "EUR" in refused["detail"]
    # Too small once counted: EC$30,000 is 10,169.49 EUR, below the 11,000 EUR estimate.
    small = {
        **body,
        "guarantee": {**letter, "amount": xcd("30000.00"), "exchange_rate": EC_PER_EURO},
    }
    refused = await act(world, case, "approve-funding", small, ministry, 422)
    assert refused["missing"] == ["guarantee_amount_below_estimate"]
    # EC$33,000 at 2.95 is 11,186.44 EUR: it covers the estimate; the 5,593.22 EUR advance
    # covers the agreement's 50 % (5,500 EUR): no "deposit" missing any more.
    body["guarantee"] = {**letter, "exchange_rate": EC_PER_EURO}
    funded = await act(world, case, "approve-funding", body, ministry)
    assert funded["status"] == "funding_approved"
    guarantee = funded["funding"]["guarantee"]
    assert guarantee["amount"] == xcd("33000.00")
    assert guarantee["counted_amount"] == eur("11186.44")
    assert guarantee["exchange_rate"]["rate"] == "2.95"
    lines = await balance_of(world, path, office)
    assert list(lines) == ["EUR"]  # nothing left over in XCD: all of it counts in euros
    assert (lines["EUR"]["guaranteed"], lines["EUR"]["deposited"]) == ("11186.44", "5593.22")
    assert lines["EUR"]["outstanding"] == "5406.78"
    # Claims stay within the guarantee as counted: 11,186.45 EUR is one cent too many.
    await discharged(world, case, office)
    over = {"number": f"CHUM-{case['reference']}", "kind": "final", "total": eur("11186.45")}
    refused = (await world.post(f"{path}/claims", over, office, 422)).json()
    assert refused["code"] == "claim_exceeds_guarantee"
    within = await world.post(f"{path}/claims", {**over, "total": eur("11000.00")}, office, 201)
    assert within.json()["advances_received"] == eur("5593.22")


async def test_the_advance_counts_at_the_fixed_parity_without_a_rate(world):
    case, path = await cares_case(world)
    office = world.headers("chu_martinique", "coordinator")
    ministry = world.headers("lc_ministry", "payer")
    await world.post(
        f"{path}/estimates", {"total": {"amount": "4000.00", "currency": "USD"}}, office, 201
    )
    advance = {
        "kind": "deposit",
        "payer": "third_party",
        "amount": xcd("5400.00"),
        "received_at": in_days(0),
    }
    assert (await world.post(f"{path}/payments", advance, office, 201)).json()[
        "counted_amount"
    ] == {
        "amount": "2000.00",
        "currency": "USD",
    }
    # The ECCB parity (2.70 XCD per USD) counts a guarantee in XCD by itself.
    body = {
        "guarantee": {"reference": "MOH-9", "amount": xcd("10800.00")},
        "authorisation": authorisation(),
    }
    funded = await act(world, case, "approve-funding", body, ministry)
    assert funded["funding"]["guarantee"]["counted_amount"] == {
        "amount": "4000.00",
        "currency": "USD",
    }


# -- item 2: the advance is deducted from the payer's final claim ---------------------------


async def test_the_ministry_pays_the_net_amount_and_the_claim_and_balance_agree(world):
    case, path = await cares_case(world)
    office = world.headers("chu_martinique", "coordinator")
    ministry = world.headers("lc_ministry", "payer")
    await world.post(f"{path}/estimates", {"total": eur("18500.00")}, office, 201)
    advance = {
        "kind": "deposit",
        "payer": "third_party",
        "amount": eur("9250.00"),
        "received_at": in_days(0),
    }
    await world.post(f"{path}/payments", advance, office, 201)
    guarantee = {"reference": "MOH-LC-18500", "amount": eur("18500.00")}
    await act(
        world,
        case,
        "approve-funding",
        {"guarantee": guarantee, "authorisation": authorisation()},
        ministry,
    )
    await discharged(world, case, office)
    body = {"number": f"CHUM-F-{case['reference']}", "kind": "final", "total": eur("18500.00")}
    claim = (await world.post(f"{path}/claims", body, office, 201)).json()
    assert (claim["advances_received"], claim["net_amount_due"]) == (eur("9250.00"), eur("9250.00"))
    assert claim["status"] == "submitted"  # the ministry still accepts it
    assert [p["kind"] for p in claim["payments"]] == ["deposit_applied"]
    # The ministry sees the same figures on its side.
    seen = await claim_of(world, claim["id"], ministry)
    assert seen["net_amount_due"] == eur("9250.00")
    await world.post(f"/v1/claims/{claim['id']}/accept", {}, ministry)
    # Only Corridor applies advances: a payer cannot record one as its own payment.
    own = {
        "amount": eur("100.00"),
        "kind": "deposit_applied",
        "paid_at": in_days(0)[:10],
        "reference": "PAY-OWN",
    }
    refused = await world.post(f"/v1/claims/{claim['id']}/pay", own, ministry, 422)
    assert refused.json()["code"] == "validation_failed"
    # Paying the whole 18,500 would pay the advance twice: refused.
    twice = (await pay_claim(world, claim, eur("18500.00"), ministry, 422)).json()
    assert twice["code"] == "payment_exceeds_claim"
    assert "9250.00 EUR still due" in twice["detail"]
    paid = (await pay_claim(world, claim, eur("9250.00"), ministry)).json()
    assert paid["status"] == "paid"
    lines = await balance_of(world, path, office)
    assert (lines["EUR"]["outstanding"], lines["EUR"]["refund_due"]) == ("0.00", "0.00")
    # The billing export states both, for the ministry's accounts.
    export = await world.client.get(
        "/v1/billing/export", params={"format": "jsonl"}, headers=ministry
    )
    [row] = [json.loads(line) for line in export.text.splitlines() if line]
    assert (row["total_amount"], row["advances_received"], row["net_amount_due"]) == (
        "18500.00",
        "9250.00",
        "9250.00",
    )
    # The office closes the case: the claim is settled.
    way_home = {"kind": "return_transport", "status": "not_needed"}
    await world.post(f"{path}/logistics-tasks", way_home, office, 201)
    assert (await act(world, case, "close", None, office))["status"] == "closed"


async def test_an_advance_after_the_final_claim_is_deducted_then_and_announced(world):
    case, path = await cares_case(world)
    office = world.headers("chu_martinique", "coordinator")
    ministry = world.headers("lc_ministry", "payer")
    await world.post(f"{path}/estimates", {"total": eur("10000.00")}, office, 201)
    advance = {
        "kind": "deposit",
        "payer": "third_party",
        "amount": eur("5000.00"),
        "received_at": in_days(0),
    }
    await world.post(f"{path}/payments", advance, office, 201)
    guarantee = {"reference": "MOH-LC-10000", "amount": eur("12000.00")}
    await act(
        world,
        case,
        "approve-funding",
        {"guarantee": guarantee, "authorisation": authorisation()},
        ministry,
    )
    await discharged(world, case, office)
    body = {"number": f"CHUM-A-{case['reference']}", "kind": "final", "total": eur("12000.00")}
    claim = (await world.post(f"{path}/claims", body, office, 201)).json()
    assert claim["net_amount_due"] == eur("7000.00")
    # The family pays 16,500 XCD at the desk after the claim went out: it is deducted too.
    later = {
        "kind": "balance",
        "payer": "patient",
        "amount": xcd("5900.00"),
        "received_at": in_days(0),
        "exchange_rate": EC_PER_EURO,
    }
    await world.post(f"{path}/payments", later, office, 201)
    now = await claim_of(world, claim["id"], ministry)
    assert (now["advances_received"], now["net_amount_due"], now["version"]) == (
        eur("7000.00"),
        eur("5000.00"),
        2,
    )
    lines = await balance_of(world, path, office)
    assert lines["EUR"]["outstanding"] == "5000.00"  # the claim and the balance agree
    events = (
        await world.client.get("/v1/events", params={"types": "claim.*"}, headers=ministry)
    ).json()["items"]
    assert [(e["type"], e["data"].get("payment_kind")) for e in events] == [
        ("claim.submitted", None),
        ("claim.paid", "deposit_applied"),
    ]
    # A refund of money already deducted from the claim is refused.
    refund = {
        "kind": "refund",
        "payer": "patient",
        "amount": eur("100.00"),
        "received_at": in_days(0),
    }
    refused = (await world.post(f"{path}/payments", refund, office, 422)).json()
    assert refused["code"] == "refund_exceeds_received"
    await world.post(f"/v1/claims/{claim['id']}/accept", {}, ministry)
    assert (await pay_claim(world, claim, eur("5000.00"), ministry)).json()["status"] == "paid"
    lines = await balance_of(world, path, office)
    assert (lines["EUR"]["outstanding"], lines["EUR"]["refund_due"]) == ("0.00", "0.00")


# -- item 3: no deposit where the regime forbids it ----------------------------------------


async def s2_case_at_tourcoing(world) -> tuple[dict, str]:
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="1000")
    case = await new_case(
        world,
        "mons_gp",
        "tourcoing",
        patient,
        {"route": "s2", "payer_organization_id": world.orgs["mutuality"], "member_number": "MC-S2"},
    )
    await act(world, case, "submit", None, world.headers("mons_gp", "referrer"))
    await act(world, case, "accept", {"reason": "ok"}, world.headers("tourcoing", "coordinator"))
    return case, f"/v1/cases/{case['id']}"


async def test_an_s2_patient_pays_no_deposit(world):
    # Reg. 883/2004 Art. 20(2): care in kind, on the terms of the French insured.
    _case, path = await s2_case_at_tourcoing(world)
    office = world.headers("tourcoing", "coordinator")
    await world.post(f"{path}/estimates", {"total": eur("8000.00")}, office, 201)
    body = {
        "kind": "deposit",
        "payer": "patient",
        "amount": eur("500.00"),
        "received_at": in_days(0),
    }
    refused = (await world.post(f"{path}/payments", body, office, 422)).json()
    assert (refused["code"], refused["route"]) == ("deposit_not_allowed_for_route", "s2")
    assert (await world.client.get(f"{path}/payments", headers=office)).json() == []
    french = await world.client.get(f"{path}/payments", headers={**office, "Accept-Language": "fr"})
    assert french.status_code == 200
    refused_fr = await world.client.post(
        f"{path}/payments",
        json={
            "kind": "deposit",
            "payer": "patient",
            "amount": eur("500.00"),
            "received_at": in_days(0),
        },
        headers={**office, "Accept-Language": "fr"},
    )
    assert refused_fr.status_code == 422 and "en nature" in refused_fr.json()["detail"]


# -- item 4: S2 and EHIC claims go to the institution of the place of stay -----------------


async def test_an_s2_stay_is_billed_to_the_liaison_body_and_the_patient_share_apart(world):
    cpam = await liaison_body(world, "cpam", "CPAM Roubaix-Tourcoing", "FR")
    case, path = await s2_case_at_tourcoing(world)
    office = world.headers("tourcoing", "coordinator")
    s2 = {
        "reference": "S2-BE-2026-5",
        "valid_from": in_days(-10)[:10],
        "valid_until": in_days(30)[:10],
    }
    await act(world, case, "approve-funding", {"authorisation": s2}, office)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(1), "transport": "ground_ambulance"},
        office,
    )
    await act(world, case, "admit", {"admitted_at": in_days(-4), "unit": "cardio"}, office)
    await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(-1), "disposition": "home", "summary": "Stable."},
        office,
    )
    # The patient pays 300 EUR of the share at the desk on leaving (a payment, no deposit).
    desk = {
        "kind": "balance",
        "payer": "patient",
        "amount": eur("300.00"),
        "received_at": in_days(0),
    }
    await world.post(f"{path}/payments", desk, office, 201)
    # Naming the competent institution (the mutuality) is refused: it is not billed here.
    wrong = {
        "number": f"TCG-W-{case['reference']}",
        "kind": "final",
        "total": eur("6400.00"),
        "debtor_organization_id": world.orgs["mutuality"],
    }
    refused = (await world.post(f"{path}/claims", wrong, office, 422)).json()
    assert refused["code"] == "debtor_not_place_of_stay_institution"
    # The institution of the place of stay is found from the hospital's country.
    body = {"number": f"TCG-{case['reference']}", "kind": "final", "total": eur("6400.00")}
    claim = (await world.post(f"{path}/claims", body, office, 201)).json()
    assert (claim["debtor"], claim["debtor_organization_id"]) == ("payer", cpam)
    # Care in kind: the institution pays the whole tariff, nothing is deducted from it.
    assert (claim["advances_received"], claim["net_amount_due"]) == (eur("0.00"), eur("6400.00"))
    # The ticket modérateur (20 %) is the patient's, on an invoice of its own.
    share = {
        "number": f"TCG-TM-{case['reference']}",
        "kind": "final",
        "total": eur("1600.00"),
        "debtor": "patient",
    }
    invoice = (await world.post(f"{path}/claims", share, office, 201)).json()
    assert (invoice["debtor"], invoice["debtor_organization_id"]) == ("patient", None)
    # The liaison body lists, reads and pays the claim addressed to it...
    cpam_payer = world.headers("cpam", "payer", sub="cpam-desk")
    listed = (await world.client.get("/v1/claims", headers=cpam_payer)).json()["items"]
    assert [c["id"] for c in listed] == [claim["id"]]
    await world.post(f"/v1/claims/{claim['id']}/accept", {}, cpam_payer)
    assert (await pay_claim(world, claim, eur("6400.00"), cpam_payer)).json()["status"] == "paid"
    # Its billing export has the stay, to claim it back from the Belgian institution.
    export = await world.client.get(
        "/v1/billing/export", params={"format": "jsonl"}, headers=cpam_payer
    )
    [row] = [json.loads(line) for line in export.text.splitlines() if line]
    assert (row["claim_id"], row["route"], row["authorisation_reference"]) == (
        claim["id"],
        "s2",
        "S2-BE-2026-5",
    )
    assert row["admission_date"] is not None and row["net_amount_due"] == "6400.00"
    # ...but sees no clinical data: not the case, not the patient invoice.
    assert (
        await world.client.get(f"/v1/cases/{case['id']}", headers=cpam_payer)
    ).status_code == 404
    assert (
        await world.client.get(f"/v1/claims/{invoice['id']}", headers=cpam_payer)
    ).status_code == 404
    feed = (await world.client.get("/v1/events", headers=cpam_payer)).json()["items"]
    assert {e["type"] for e in feed} == {"claim.submitted", "claim.accepted", "claim.paid"}
    assert all("summary" not in str(e["data"]) for e in feed)
    # The patient pays the share at the desk; the office records it; the case closes.
    assert (invoice["advances_received"], invoice["net_amount_due"]) == (
        eur("300.00"),
        eur("1300.00"),
    )
    await pay_claim(world, invoice, eur("1300.00"), office)
    lines = await balance_of(world, path, office)
    assert (lines["EUR"]["claimed"], lines["EUR"]["outstanding"]) == ("8000.00", "0.00")
    way_home = {"kind": "return_transport", "status": "not_needed"}
    await world.post(f"{path}/logistics-tasks", way_home, office, 201)
    assert (await act(world, case, "close", None, office))["status"] == "closed"


async def test_several_liaison_bodies_must_be_named_and_the_named_one_must_be_french(world):
    await liaison_body(world, "cpam", "CPAM Roubaix-Tourcoing", "FR")
    cleiss = await liaison_body(world, "cleiss", "CNAM - CLEISS", "FR")
    belgian = await liaison_body(world, "inami", "INAMI", "BE")
    case, path = await s2_case_at_tourcoing(world)
    office = world.headers("tourcoing", "coordinator")
    s2 = {
        "reference": "S2-BE-2026-6",
        "valid_from": in_days(-10)[:10],
        "valid_until": in_days(30)[:10],
    }
    await act(world, case, "approve-funding", {"authorisation": s2}, office)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(1), "transport": "ground_ambulance"},
        office,
    )
    await act(world, case, "admit", {"admitted_at": in_days(-4), "unit": "cardio"}, office)
    await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(-1), "disposition": "home", "summary": "Stable."},
        office,
    )
    body = {"number": f"TCG-{case['reference']}", "kind": "final", "total": eur("3000.00")}
    refused = (await world.post(f"{path}/claims", body, office, 422)).json()
    assert refused["code"] == "place_of_stay_institution_required"
    abroad = (
        await world.post(f"{path}/claims", {**body, "debtor_organization_id": belgian}, office, 422)
    ).json()
    assert abroad["code"] == "debtor_not_place_of_stay_institution"
    named = (
        await world.post(f"{path}/claims", {**body, "debtor_organization_id": cleiss}, office, 201)
    ).json()
    assert named["debtor_organization_id"] == cleiss


async def test_an_ehic_walk_in_is_billed_to_the_cgss_and_closes(world):
    cgss = await liaison_body(world, "cgss", "CGSS Martinique", "MQ")
    await liaison_body(world, "cleiss", "CNAM - CLEISS", "FR")
    office = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "chu_martinique", country="BE", postal_code="1000")
    body = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "emergency_medicine",
        "presentation": {"presented_at": in_days(-0.2)},
        "coverage": {"route": "ehic", "insurance_country": "BE", "member_number": "80061012345"},
    }
    case = (await world.post("/v1/cases", body, office, 201)).json()
    path = f"/v1/cases/{case['id']}"
    attended = {"attended_at": in_days(-0.15), "service": "emergency", "outcome": "completed"}
    await act(world, case, "record-attendance", attended, office)
    await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(-0.1), "disposition": "home", "summary": "Sutured."},
        office,
    )
    # The territory's own institution (CGSS Martinique) before the national one.
    claim_body = {"number": f"CHUM-U-{case['reference']}", "kind": "final", "total": eur("240.00")}
    claim = (await world.post(f"{path}/claims", claim_body, office, 201)).json()
    assert claim["debtor_organization_id"] == cgss
    deposit = {
        "kind": "deposit",
        "payer": "patient",
        "amount": eur("50.00"),
        "received_at": in_days(0),
    }
    assert (await world.post(f"{path}/payments", deposit, office, 422)).json()["code"] == (
        "deposit_not_allowed_for_route"
    )
    way_home = {"kind": "return_transport", "status": "not_needed"}
    await world.post(f"{path}/logistics-tasks", way_home, office, 201)
    closed = await act(world, case, "close", None, office)
    assert closed["status"] == "closed"


# -- item 4: the coverage corrected after the visit ------------------------------------------


async def test_a_walk_in_shows_an_ehic_after_discharge_and_the_office_corrects_the_coverage(
    world,
):
    cgss = await liaison_body(world, "cgss", "CGSS Martinique", "MQ")
    office = world.headers("chu_martinique", "coordinator", sub="office-fdf")
    patient = await register_patient(world, "chu_martinique", country="BE", postal_code="1000")
    body = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "emergency_medicine",
        "presentation": {"presented_at": in_days(-0.2)},
        "coverage": {"route": "self_pay"},  # no card on the night
    }
    case = (await world.post("/v1/cases", body, office, 201)).json()
    path = f"/v1/cases/{case['id']}"
    attended = {"attended_at": in_days(-0.15), "service": "emergency", "outcome": "completed"}
    await act(world, case, "record-attendance", attended, office)
    discharge = {"discharged_at": in_days(-0.1), "disposition": "home", "summary": "Sutured."}
    after = await act(world, case, "discharge", discharge, office)
    # The patient sends the EHIC the next day. S2 cannot fit an emergency: refused, unchanged.
    correction = {"coverage": {"route": "s2", "insurance_country": "BE"}, "reason": "S2?"}
    headers = {**office, "If-Match": f'"{after["version"]}"'}
    refused = await world.post(f"{path}/coverage-corrections", correction, headers, 422)
    assert refused.json()["code"] == "route_not_applicable"
    empty = await world.post(f"{path}/coverage-corrections", {"coverage": {}}, headers, 422)
    assert empty.json()["missing"] == ["coverage_route"]
    clinician = {**world.headers("chu_martinique", "clinician"), "If-Match": headers["If-Match"]}
    ehic = {
        "coverage": {"route": "ehic", "insurance_country": "BE", "member_number": "80061012345"},
        "reason": "EHIC presented after discharge",
    }
    forbidden = await world.post(f"{path}/coverage-corrections", ehic, clinician, 403)
    assert forbidden.json()["code"] == "forbidden_action"
    corrected = (await world.post(f"{path}/coverage-corrections", ehic, headers, 200)).json()
    assert (corrected["coverage"]["route"], corrected["version"]) == ("ehic", after["version"] + 1)
    # On the timeline and the feed, with the routes before and after, no patient data.
    timeline = (await world.client.get(f"{path}/timeline", headers=office)).json()["items"]
    [event] = [e for e in timeline if e["type"] == "case.coverage_corrected"]
    assert event["data"] == {"previous_route": "self_pay", "route": "ehic"}
    assert event["reason"] == "EHIC presented after discharge"
    feed = (
        await world.client.get(
            "/v1/events", params={"types": "case.coverage_corrected"}, headers=office
        )
    ).json()["items"]
    assert [e["case_id"] for e in feed] == [case["id"]]
    # Audited: who corrected it, allowed.
    audit = (
        await world.client.get("/v1/audit-events", params={"limit": 200}, headers=world.admin)
    ).json()["items"]
    rows = [r for r in audit if r["object_id"] == case["id"] and "coverage" in r["operation"]]
    assert {(r["actor"]["sub"], r["status"]) for r in rows} >= {("office-fdf", 200)}
    # Now billable to the institution of the place of stay, and closable.
    claim_body = {"number": f"CHUM-U-{case['reference']}", "kind": "final", "total": eur("180.00")}
    claim = (await world.post(f"{path}/claims", claim_body, office, 201)).json()
    assert claim["debtor_organization_id"] == cgss
    way_home = {"kind": "return_transport", "status": "not_needed"}
    await world.post(f"{path}/logistics-tasks", way_home, office, 201)
    closed = await act(world, case, "close", None, office)
    # Closed: nothing to correct any more.
    late = {**office, "If-Match": f'"{closed["version"]}"'}
    assert (await world.post(f"{path}/coverage-corrections", ehic, late, 409)).json()["code"] == (
        "field_not_editable"
    )
