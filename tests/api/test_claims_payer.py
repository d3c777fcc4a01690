"""The payer's side of a claim: accept, contest, replace, pay; once, and never more."""

import uuid

from tests.api.conftest import in_days, register_patient
from tests.api.test_case_paths import act, new_case

EUR = "EUR"


def money(amount: str, currency: str = EUR) -> dict:
    return {"amount": amount, "currency": currency}


async def discharged_zoast_case(world, member_number: str = "MC-0042") -> dict:
    """A ZOAST case paid by the mutuality, treated in Tourcoing, discharged after 5 days."""
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
            "member_number": member_number,
        },
    )
    await act(world, case, "submit", None, referrer)
    await act(world, case, "accept", {"reason": "Within the zone"}, coordinator)
    await act(world, case, "approve-funding", {}, coordinator)
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(1), "transport": "ground_ambulance"},
        coordinator,
    )
    await act(world, case, "admit", {"admitted_at": in_days(-6), "unit": "cardio"}, coordinator)
    return await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(-1), "disposition": "home", "summary": "Stable."},
        coordinator,
    )


async def submit_claim(world, case: dict, number: str, amount: str, **fields) -> dict:
    response = await world.post(
        f"/v1/cases/{case['id']}/claims",
        {
            "number": number,
            "kind": fields.pop("kind", "final"),
            "total": money(amount),
            "lines": [{"description": "Stay", "amount": money(amount)}],
            **fields,
        },
        world.headers("tourcoing", "coordinator"),
        201,
    )
    return response.json()


def payer(world) -> dict:
    return world.headers("mutuality", "payer", sub="mutuality-desk")


async def test_accept_then_pay_once_with_events(world):
    case = await discharged_zoast_case(world)
    claim = await submit_claim(world, case, "TCG-2026-001", "4200.00")
    path = f"/v1/claims/{claim['id']}"

    read = await world.client.get(path, headers=payer(world))
    assert read.status_code == 200 and read.headers["etag"] == '"1"'
    stale = await world.client.post(
        f"{path}/accept", json={}, headers={**payer(world), "If-Match": '"9"'}
    )
    assert stale.status_code == 412
    accepted = await world.client.post(
        f"{path}/accept", json={}, headers={**payer(world), "If-Match": '"1"'}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted" and accepted.headers["etag"] == '"2"'

    pay_body = {"amount": money("4200.00"), "paid_at": "2026-03-02", "reference": "MC-PAY-77"}
    paid = await world.client.post(
        f"{path}/pay", json=pay_body, headers={**payer(world), "Idempotency-Key": "pay-1"}
    )
    assert paid.status_code == 200, paid.text
    body = paid.json()
    assert body["status"] == "paid"
    assert body["paid_amount"] == money("4200.00")
    assert body["paid_at"] == "2026-03-02" and body["payment_reference"] == "MC-PAY-77"

    # A retried payment (same key) replays the answer; a second payment is refused.
    replay = await world.client.post(
        f"{path}/pay", json=pay_body, headers={**payer(world), "Idempotency-Key": "pay-1"}
    )
    assert replay.status_code == 200 and replay.headers["idempotent-replayed"] == "true"
    twice = await world.client.post(f"{path}/pay", json=pay_body, headers=payer(world))
    assert twice.status_code == 409 and twice.json()["code"] == "claim_already_paid"
    assert twice.headers["content-type"] == "application/problem+json"

    events = (
        await world.client.get(
            "/v1/events",
            params={"types": "claim.*"},
            headers=world.headers("tourcoing", "coordinator"),
        )
    ).json()["items"]
    assert [(e["type"], e["data"]["claim_id"]) for e in events] == [
        ("claim.submitted", claim["id"]),
        ("claim.accepted", claim["id"]),
        ("claim.paid", claim["id"]),
    ]
    assert events[-1]["actor"] == {
        "sub": "mutuality-desk",
        "organization_id": world.orgs["mutuality"],
        "role": "payer",
    }
    # The referring practice is no party to the claim: it sees none of its answers.
    referrer_events = (
        await world.client.get(
            "/v1/events", params={"types": "claim.*"}, headers=world.headers("mons_gp", "referrer")
        )
    ).json()["items"]
    assert "claim.paid" not in {e["type"] for e in referrer_events}


async def test_paying_more_than_the_claim_or_in_another_currency_is_refused(world):
    case = await discharged_zoast_case(world)
    claim = await submit_claim(world, case, "TCG-2026-002", "1000.00")
    path = f"/v1/claims/{claim['id']}"
    early = await world.client.post(
        f"{path}/pay",
        json={"amount": money("1000.00"), "paid_at": "2026-03-02", "reference": "R"},
        headers=payer(world),
    )
    assert early.status_code == 409 and early.json()["code"] == "invalid_claim_transition"
    assert early.json()["current_status"] == "submitted"
    # Only a down payment (EESSI S089/S090) comes before acceptance; an instalment waits.
    assert early.json()["allowed_actions"] == ["accept", "contest", "pay"]

    await world.post(f"{path}/accept", {}, payer(world))
    for amount, code in (
        (money("1000.01"), "payment_exceeds_claim"),
        (money("500.00", "USD"), "currency_mismatch"),
        (money("0.00"), "invalid_amount"),
    ):
        refused = await world.client.post(
            f"{path}/pay",
            json={"amount": amount, "paid_at": "2026-03-02", "reference": "R"},
            headers=payer(world),
        )
        assert refused.status_code == 422 and refused.json()["code"] == code, refused.text
    # An instalment leaves the claim partially paid (EESSI S091/S092 payment notices); the
    # next one, up to the total, pays it; after that, nothing more.
    partial = await world.post(
        f"{path}/pay",
        {"amount": money("900.00"), "paid_at": "2026-03-02", "reference": "R"},
        payer(world),
    )
    assert partial.json()["status"] == "partially_paid"
    assert partial.json()["paid_amount"] == money("900.00")
    too_much = await world.client.post(
        f"{path}/pay",
        json={"amount": money("100.01"), "paid_at": "2026-03-03", "reference": "R2"},
        headers=payer(world),
    )
    assert too_much.status_code == 422 and too_much.json()["code"] == "payment_exceeds_claim"
    rest = await world.post(
        f"{path}/pay",
        {"amount": money("100.00"), "paid_at": "2026-03-03", "reference": "R2"},
        payer(world),
    )
    assert rest.json()["status"] == "paid" and rest.json()["paid_amount"] == money("1000.00")
    assert [p["amount"]["amount"] for p in rest.json()["payments"]] == ["900.00", "100.00"]
    again = await world.client.post(
        f"{path}/pay",
        json={"amount": money("1.00"), "paid_at": "2026-03-04", "reference": "R3"},
        headers=payer(world),
    )
    assert again.status_code == 409 and again.json()["code"] == "claim_already_paid"


async def test_contested_claim_is_replaced_by_a_corrected_one(world):
    case = await discharged_zoast_case(world)
    first = await submit_claim(world, case, "TCG-2026-003", "9800.00")
    contested = await world.post(
        f"/v1/claims/{first['id']}/contest",
        {"reason": "Day rate above the ZOAST tariff"},
        payer(world),
    )
    assert contested.json()["status"] == "contested"
    assert contested.json()["contest_reason"] == "Day rate above the ZOAST tariff"
    accept_contested = await world.client.post(
        f"/v1/claims/{first['id']}/accept", json={}, headers=payer(world)
    )
    assert accept_contested.status_code == 409
    assert accept_contested.json()["allowed_actions"] == []

    corrected = await submit_claim(
        world, case, "TCG-2026-003-R1", "8600.00", replaces_claim_id=first["id"]
    )
    assert corrected["replaces_claim_id"] == first["id"]
    replaced = (await world.client.get(f"/v1/claims/{first['id']}", headers=payer(world))).json()
    assert replaced["status"] == "replaced"

    await world.post(f"/v1/claims/{corrected['id']}/accept", None, payer(world))
    await world.post(
        f"/v1/claims/{corrected['id']}/pay",
        {"amount": money("8600.00"), "paid_at": "2026-03-05", "reference": "MC-PAY-78"},
        payer(world),
    )
    listed = (
        await world.client.get(
            "/v1/claims",
            params={"payer_organization_id": world.orgs["mutuality"]},
            headers=payer(world),
        )
    ).json()
    assert [(c["number"], c["status"]) for c in listed["items"]] == [
        ("TCG-2026-003", "replaced"),
        ("TCG-2026-003-R1", "paid"),
    ]
    paid_only = (
        await world.client.get("/v1/claims", params={"status": "paid"}, headers=payer(world))
    ).json()["items"]
    assert [c["id"] for c in paid_only] == [corrected["id"]]

    types = [
        e["type"]
        for e in (
            await world.client.get("/v1/events", params={"types": "claim.*"}, headers=payer(world))
        ).json()["items"]
    ]
    assert types == [
        "claim.submitted",
        "claim.contested",
        "claim.submitted",
        "claim.accepted",
        "claim.paid",
    ]


async def test_contest_needs_a_reason(world):
    case = await discharged_zoast_case(world)
    claim = await submit_claim(world, case, "TCG-2026-004", "10.00")
    missing = await world.client.post(
        f"/v1/claims/{claim['id']}/contest", json={}, headers=payer(world)
    )
    assert missing.status_code == 422 and missing.json()["code"] == "validation_failed"
    blank = await world.client.post(
        f"/v1/claims/{claim['id']}/contest", json={"reason": "  "}, headers=payer(world)
    )
    assert blank.status_code == 422


async def test_only_the_debtor_payer_answers_and_outsiders_see_nothing(world):
    case = await discharged_zoast_case(world)
    claim = await submit_claim(world, case, "TCG-2026-005", "300.00")
    path = f"/v1/claims/{claim['id']}"
    # The creditor sees its claim but may not answer it.
    creditor = world.headers("tourcoing", "coordinator")
    assert (await world.client.get(path, headers=creditor)).status_code == 200
    own = await world.client.post(f"{path}/accept", json={}, headers=creditor)
    assert own.status_code == 403 and own.json()["code"] == "forbidden_role"
    # A mutuality user without the payer role may not either.
    clerk = world.headers("mutuality", "coordinator")
    assert (await world.client.post(f"{path}/accept", json={}, headers=clerk)).status_code == 403
    # Another payer, and the referring practice, do not see the claim at all.
    for outsider in (world.headers("lc_ministry", "payer"), world.headers("mons_gp", "referrer")):
        assert (await world.client.get(path, headers=outsider)).status_code == 404
        accept = await world.client.post(f"{path}/accept", json={}, headers=outsider)
        assert accept.status_code == 404
        listed = (await world.client.get("/v1/claims", headers=outsider)).json()["items"]
        assert claim["id"] not in {c["id"] for c in listed}
    unknown = await world.client.get(f"/v1/claims/{uuid.uuid4()}", headers=payer(world))
    assert unknown.status_code == 404
    # Nothing changed.
    after = (await world.client.get(path, headers=payer(world))).json()
    assert after["status"] == "submitted" and after["version"] == 1


async def test_claims_list_pages_with_a_cursor(world):
    case = await discharged_zoast_case(world)
    numbers = [f"TCG-2026-1{i:02d}" for i in range(5)]
    for number in numbers:
        await submit_claim(world, case, number, "10.00", kind="interim")
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await world.client.get("/v1/claims", params=params, headers=payer(world))).json()
        seen += [c["number"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == numbers
