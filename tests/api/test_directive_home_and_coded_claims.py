"""Issue 24, items 9 and 10, over HTTP as the international office, the home insurer's
patient and the mutuality would: the Directive loop to the reimbursement at home, the home
state's prior authorisation (Directive 2011/24 Art. 7(4), 8), coded claim lines whose
totals add up, and Reg. 987/2009 Art. 67's deadlines on the claim and in the export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.api.conftest import in_days, register_patient
from tests.api.test_case_paths import act, new_case
from tests.api.test_claims_payer import discharged_zoast_case, payer

EUR = "EUR"


def money(amount: str, currency: str = EUR) -> dict:
    return {"amount": amount, "currency": currency}


def tourcoing_day(days: int = 0) -> str:
    """A date at the Tourcoing hospital (Europe/Paris): its invoices and the dates of
    their reimbursement at home are the hospital's local days, not UTC's."""
    return (datetime.now(ZoneInfo("Europe/Paris")) + timedelta(days=days)).date().isoformat()


def office(world) -> dict:
    return world.headers("tourcoing", "coordinator", sub="tourcoing-office")


async def directive_case(world, insurance_country: str) -> tuple[dict, str]:
    """A planned inpatient stay in Tourcoing under the Directive, accepted, estimated and
    with its deposit paid: all that funding needs but the home state's authorisation."""
    patient = await register_patient(world, "mons_gp", country=insurance_country)
    case = await new_case(
        world,
        "mons_gp",
        "tourcoing",
        patient,
        {"route": "eu_directive", "insurance_country": insurance_country},
    )
    path = f"/v1/cases/{case['id']}"
    await act(world, case, "submit", None, world.headers("mons_gp", "referrer"))
    await act(world, case, "accept", {"reason": "Planned surgery"}, office(world))
    await world.post(f"{path}/estimates", {"total": money("1000.00")}, office(world), 201)
    deposit = {
        "amount": money("300.00"),
        "kind": "deposit",
        "payer": "patient",
        "received_at": in_days(0),
    }
    await world.post(f"{path}/payments", deposit, office(world), 201)
    return case, path


def granted(**changes) -> dict:
    return {
        "decision": "granted",
        "reference": "AOK-BY-2026-4471",
        "issuing_institution": "AOK Bayern",
        "decided_on": in_days(-2)[:10],
        "valid_from": in_days(-1)[:10],
        "valid_until": in_days(60)[:10],
        **changes,
    }


async def events_of(world, headers, types: str) -> list[dict]:
    response = await world.client.get("/v1/events", params={"types": types}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


# -- 9. prior authorisation where the home state requires it -----------------------------------


async def test_funding_and_transfer_wait_for_the_home_states_prior_authorisation(world):
    # Germany makes planned hospital care under the Directive subject to its prior
    # authorisation (the default `directive_prior_authorisation` list); Belgium does not.
    case, path = await directive_case(world, "DE")
    transfer = {"expected_arrival_at": in_days(3), "transport": "commercial_flight"}

    refused = await world.post(f"{path}/approve-funding", {}, office(world), 422)
    assert refused.json()["code"] == "prior_authorisation_required"
    assert refused.json()["missing"] == ["prior_authorisation_granted"]
    assert refused.headers["content-type"] == "application/problem+json"
    before = (await world.client.get(path, headers=office(world))).json()
    assert before["funding"] is None and before["prior_authorisation"] is None
    # The route advisor says so beforehand.
    advice = (await world.client.get(f"{path}/coverage-options", headers=office(world))).json()
    [directive] = [o for o in advice["options"] if o["route"] == "eu_directive"]
    assert directive["prior_authorisation_required"] is True

    # A refusal is recorded (with its reason) and still stops funding.
    refusal = {
        "decision": "refused",
        "reference": "AOK-BY-2026-4470",
        "issuing_institution": "AOK Bayern",
        "decided_on": in_days(-3)[:10],
        "refusal_reason": "Treatment available at home within a medically justifiable time.",
    }
    recorded = await world.post(
        f"{path}/prior-authorisation", refusal, world.headers("mons_gp", "referrer")
    )
    assert recorded.json()["prior_authorisation"]["decision"] == "refused"
    again = await world.post(f"{path}/approve-funding", {}, office(world), 422)
    assert again.json()["code"] == "prior_authorisation_required"

    # A grant that does not cover the care's start is not enough either.
    later = granted(valid_from=in_days(30)[:10], valid_until=in_days(60)[:10])
    await world.post(f"{path}/prior-authorisation", later, office(world))
    too_late = await world.post(
        f"{path}/approve-funding", {"planned_start": in_days(3)[:10]}, office(world), 422
    )
    assert too_late.json()["missing"] == ["prior_authorisation_covers_care"]

    # Granted on appeal for the care's dates: funding, then the transfer.
    answer = await world.post(f"{path}/prior-authorisation", granted(), office(world))
    shown = answer.json()["prior_authorisation"]
    assert shown["decision"] == "granted" and shown["issuing_institution"] == "AOK Bayern"
    assert (await act(world, case, "approve-funding", {}, office(world)))["funding"] is not None
    assert (await act(world, case, "schedule-transfer", transfer, office(world)))[
        "status"
    ] == "transfer_scheduled"

    # The feed says a decision was recorded, and which; never its reference or reason.
    recorded_events = await events_of(
        world, world.headers("mons_gp", "referrer"), "case.prior_authorisation_recorded"
    )
    mine = [e for e in recorded_events if e["case_id"] == case["id"]]
    assert [e["data"]["decision"] for e in mine] == ["refused", "granted", "granted"]
    assert "AOK-BY" not in json.dumps(mine) and "medically" not in json.dumps(mine)


async def test_a_belgian_patient_needs_no_prior_authorisation_and_records_are_checked(world):
    case, path = await directive_case(world, "BE")
    # The bad records are refused and leave the case as it was.
    version = (await world.client.get(path, headers=office(world))).json()["version"]
    no_validity = granted(valid_from=None, valid_until=None)
    bad = await world.post(f"{path}/prior-authorisation", no_validity, office(world), 422)
    assert bad.json()["missing"] == ["validity"]
    future = granted(decided_on=in_days(5)[:10])
    assert (await world.post(f"{path}/prior-authorisation", future, office(world), 422)).json()[
        "missing"
    ] == ["decided_on_not_future"]
    no_reason = {**granted(), "decision": "refused", "valid_from": None, "valid_until": None}
    assert (await world.post(f"{path}/prior-authorisation", no_reason, office(world), 422)).json()[
        "missing"
    ] == ["refusal_reason"]
    unknown = await world.post(
        f"{path}/prior-authorisation", {**granted(), "colour": "red"}, office(world), 422
    )
    assert unknown.headers["content-type"] == "application/problem+json"
    payer_refused = await world.post(
        f"{path}/prior-authorisation", granted(), world.headers("mutuality", "payer"), 404
    )
    assert payer_refused.headers["content-type"] == "application/problem+json"
    after = (await world.client.get(path, headers=office(world))).json()
    assert after["version"] == version and after["prior_authorisation"] is None
    # Belgium has no prior authorisation system: funding needs only the deposit.
    advice = (await world.client.get(f"{path}/coverage-options", headers=office(world))).json()
    [directive] = [o for o in advice["options"] if o["route"] == "eu_directive"]
    assert directive["prior_authorisation_required"] is False
    assert (await act(world, case, "approve-funding", {}, office(world)))["funding"] is not None


async def test_a_prior_authorisation_belongs_to_the_directive_route_only(world):
    case = await discharged_zoast_case(world)
    refused = await world.post(
        f"/v1/cases/{case['id']}/prior-authorisation", granted(), office(world), 422
    )
    assert refused.json()["code"] == "prior_authorisation_not_for_route"


async def test_admins_decide_which_home_states_require_it(world):
    lists = (await world.client.get("/v1/regime-country-lists", headers=world.admin)).json()
    by_name = {item["name"]: item for item in lists}
    assert "DE" in by_name["directive_prior_authorisation"]["countries"]
    assert "BE" not in by_name["directive_prior_authorisation"]["countries"]
    countries = [c for c in by_name["directive_prior_authorisation"]["countries"] if c != "DE"]
    try:
        await world.client.put(
            "/v1/regime-country-lists/directive_prior_authorisation",
            json={"countries": countries},
            headers=world.admin,
        )
        case, _ = await directive_case(world, "DE")
        assert (await act(world, case, "approve-funding", {}, office(world)))["funding"]
    finally:
        restored = await world.client.put(
            "/v1/regime-country-lists/directive_prior_authorisation",
            json={"countries": [*countries, "DE"]},
            headers=world.admin,
        )
        assert restored.status_code == 200, restored.text


# -- 9. the reimbursement at home ---------------------------------------------------------------


async def directive_invoice(world, amount: str = "1200.00") -> tuple[dict, dict]:
    case, path = await directive_case(world, "BE")
    await act(world, case, "approve-funding", {}, office(world))
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(1), "transport": "commercial_flight"},
        office(world),
    )
    await act(world, case, "admit", {"admitted_at": in_days(-4), "unit": "ward"}, office(world))
    await act(
        world,
        case,
        "discharge",
        {"discharged_at": in_days(-1), "disposition": "home", "summary": "Well."},
        office(world),
    )
    invoice = await world.post(
        f"{path}/claims",
        {"number": f"INV-{case['reference']}", "kind": "final", "total": money(amount)},
        office(world),
        201,
    )
    return case, invoice.json()


async def test_the_invoice_is_followed_home_to_a_partial_reimbursement(world):
    case, invoice = await directive_invoice(world)
    path = f"/v1/claims/{invoice['id']}"
    assert invoice["home_reimbursement"] is None and invoice["debtor"] == "patient"

    early = await world.post(
        f"{path}/home-reimbursement",
        {"decided_on": tourcoing_day(0), "amount": money("800.00")},
        office(world),
        409,
    )
    assert early.json()["code"] == "home_reimbursement_not_submitted"
    nameless = await world.post(
        f"{path}/home-submission",
        {"submitted_on": tourcoing_day(0), "reference": "MC-REF-1"},
        office(world),
        422,
    )
    assert nameless.json()["code"] == "home_insurer_required"
    before_invoice = await world.post(
        f"{path}/home-submission",
        {
            "submitted_on": tourcoing_day(-30),
            "reference": "MC-REF-1",
            "insurer_organization_id": world.orgs["mutuality"],
        },
        office(world),
        422,
    )
    assert before_invoice.json()["code"] == "home_reimbursement_date_invalid"

    submitted = await world.post(
        f"{path}/home-submission",
        {
            "submitted_on": tourcoing_day(0),
            "reference": "MC-2026-88812",
            "insurer_organization_id": world.orgs["mutuality"],
        },
        {**office(world), "If-Match": f'"{invoice["version"]}"'},
    )
    home = submitted.json()["home_reimbursement"]
    assert home["status"] == "submitted" and home["reference"] == "MC-2026-88812"
    assert home["insurer_organization_id"] == world.orgs["mutuality"]
    twice = await world.post(
        f"{path}/home-submission",
        {"submitted_on": tourcoing_day(0), "reference": "X", "insurer_name": "Mutualité"},
        office(world),
        409,
    )
    assert twice.json()["code"] == "home_reimbursement_already_submitted"

    too_much = await world.post(
        f"{path}/home-reimbursement",
        {"decided_on": tourcoing_day(0), "amount": money("1200.01")},
        office(world),
        422,
    )
    assert too_much.json()["code"] == "reimbursement_exceeds_invoice"
    decided = await world.post(
        f"{path}/home-reimbursement",
        {"decided_on": tourcoing_day(0), "amount": money("816.40")},
        office(world),
    )
    home = decided.json()["home_reimbursement"]
    assert home["status"] == "partially_reimbursed"
    assert home["amount"] == money("816.40") and home["decided_on"] == tourcoing_day(0)
    # The invoice itself is the patient's and unchanged by what home pays back.
    assert decided.json()["status"] == invoice["status"]
    read = (await world.client.get(path, headers=office(world))).json()
    assert read["home_reimbursement"] == home and read["version"] == invoice["version"] + 2

    events = [
        e
        for e in await events_of(world, office(world), "claim.*")
        if e["data"]["claim_id"] == invoice["id"] and "home_reimbursement" in e["type"]
    ]
    assert [(e["type"], e["data"]["home_reimbursement_status"]) for e in events] == [
        ("claim.home_reimbursement_submitted", "submitted"),
        ("claim.home_reimbursement_decided", "partially_reimbursed"),
    ]
    assert "816.40" not in json.dumps(events) and "MC-2026" not in json.dumps(events)
    # The referrer sees no invoice events (claims are for their parties).
    referrer_events = await events_of(world, world.headers("mons_gp", "referrer"), "claim.*")
    assert not [e for e in referrer_events if e["case_id"] == case["id"]]


async def test_a_refusal_at_home_needs_its_reason_and_a_payer_claim_is_not_reimbursed_home(world):
    _, invoice = await directive_invoice(world, "500.00")
    path = f"/v1/claims/{invoice['id']}"
    await world.post(
        f"{path}/home-submission",
        {"submitted_on": tourcoing_day(0), "reference": "CZ-1", "insurer_name": "VZP"},
        office(world),
    )
    no_reason = await world.post(
        f"{path}/home-reimbursement", {"decided_on": tourcoing_day(0)}, office(world), 422
    )
    assert no_reason.json()["code"] == "refusal_reason_required"
    refused = await world.post(
        f"{path}/home-reimbursement",
        {"decided_on": tourcoing_day(0), "refusal_reason": "Not a benefit at home."},
        office(world),
    )
    assert refused.json()["home_reimbursement"]["status"] == "refused"
    assert refused.json()["home_reimbursement"]["insurer_name"] == "VZP"
    again = await world.post(
        f"{path}/home-reimbursement",
        {"decided_on": tourcoing_day(0), "amount": money("10.00")},
        office(world),
        409,
    )
    assert again.json()["code"] == "home_reimbursement_already_decided"

    zoast = await discharged_zoast_case(world)
    claim = await world.post(
        f"/v1/cases/{zoast['id']}/claims",
        {"number": f"Z-{zoast['reference']}", "kind": "final", "total": money("10.00")},
        office(world),
        201,
    )
    not_home = await world.post(
        f"/v1/claims/{claim.json()['id']}/home-submission",
        {"submitted_on": tourcoing_day(0), "reference": "R", "insurer_name": "X"},
        office(world),
        409,
    )
    assert not_home.json()["code"] == "home_reimbursement_not_applicable"


# -- 10. coded lines, Art. 67 deadlines, the mutuality's export ---------------------------------


def coded(code: str, quantity: str, unit_price: str, amount: str, system: str = "ccam") -> dict:
    return {
        "description": f"Act {code}",
        "code_system": system,
        "code": code,
        "quantity": quantity,
        "unit_price": money(unit_price),
        "amount": money(amount),
    }


async def test_coded_lines_add_up_exactly_or_are_refused(world):
    case = await discharged_zoast_case(world)
    path = f"/v1/cases/{case['id']}/claims"
    lines = [
        coded("DEQP003", "2", "69.12", "138.24"),
        coded("GHS-5036", "1", "3412.50", "3412.50", "ghs"),
        coded("C", "1.5", "26.50", "39.75", "ngap"),
        {"description": "Television", "amount": money("12.00")},
    ]
    base = {"number": f"Z-{case['reference']}", "kind": "final", "lines": lines}

    wrong_line = [coded("DEQP003", "3", "69.12", "138.24"), *lines[1:]]
    refused = await world.post(path, {**base, "lines": wrong_line}, office(world), 422)
    assert refused.json()["code"] == "line_amount_mismatch"
    assert refused.json()["line"] == 0
    half_coded = [{**lines[0], "code_system": None}, *lines[1:]]
    refused = await world.post(path, {**base, "lines": half_coded}, office(world), 422)
    assert refused.json()["code"] == "line_code_incomplete"
    priceless = [{**lines[0], "unit_price": None}, *lines[1:]]
    refused = await world.post(path, {**base, "lines": priceless}, office(world), 422)
    assert refused.json()["code"] == "line_code_incomplete"
    bad_total = await world.post(
        path, {**base, "total": money("3602.48")}, office(world), 422
    )  # one cent short
    assert bad_total.json()["code"] == "lines_do_not_sum_to_total"
    bad_system = [{**lines[0], "code_system": "icd10"}, *lines[1:]]
    assert (await world.post(path, {**base, "lines": bad_system}, office(world), 422)).json()[
        "code"
    ] == "validation_failed"
    listed = await world.client.get(
        "/v1/claims", params={"case_id": case["id"]}, headers=payer(world)
    )
    assert listed.json()["items"] == []  # nothing was recorded

    claim = (await world.post(path, {**base, "total": money("3602.49")}, office(world), 201)).json()
    assert claim["total"] == money("3602.49")
    assert claim["lines"] == lines  # read back as written, uncoded lines included


async def test_a_coordination_claim_carries_its_article_67_deadlines(world):
    case = await discharged_zoast_case(world)
    path = f"/v1/cases/{case['id']}/claims"
    claim = (
        await world.post(
            path,
            {"number": f"Z-{case['reference']}", "kind": "final", "total": money("100.00")},
            office(world),
            201,
        )
    ).json()
    care_until = date.fromisoformat(claim["care_until"])
    assert care_until <= date.today() and claim["care_from"] < claim["care_until"]
    half_year_end = date(care_until.year, 6, 30) if care_until.month <= 6 else None
    expected = (
        date(care_until.year + 1, 6, 30) if half_year_end else date(care_until.year + 1, 12, 31)
    )
    assert claim["introduction_deadline"] == expected.isoformat()
    assert claim["introduction_overdue"] is False
    submitted = date.fromisoformat(claim["created_at"][:10])
    month = submitted.year * 12 + submitted.month - 1 + 18
    first_of_next = date(month // 12 + (month % 12 + 1) // 12, (month % 12 + 1) % 12 + 1, 1)
    assert claim["contest_deadline"] == (first_of_next - timedelta(days=1)).isoformat()
    assert claim["contest_window_open"] is True and claim["contest_overdue"] is False

    # Care that ended in the first half of 2024 was due at the liaison body by 30 June 2025.
    late = (
        await world.post(
            path,
            {
                "number": f"Z2-{case['reference']}",
                "kind": "interim",
                "total": money("50.00"),
                "care_from": "2024-03-01",
                "care_until": "2024-03-10",
            },
            office(world),
            201,
        )
    ).json()
    assert late["introduction_deadline"] == "2025-06-30" and late["introduction_overdue"] is True
    # Care cannot end after the claim that bills it.
    future = await world.post(
        path,
        {
            "number": f"Z3-{case['reference']}",
            "kind": "interim",
            "total": money("1.00"),
            "care_until": tourcoing_day(3),
        },
        office(world),
        422,
    )
    assert future.json()["code"] == "care_dates_invalid"
    accepted = await world.post(f"/v1/claims/{claim['id']}/accept", {}, payer(world))
    assert accepted.json()["contest_window_open"] is False  # accepted: no contest now


async def test_a_patient_invoice_has_no_coordination_deadlines(world):
    _, invoice = await directive_invoice(world, "90.00")
    assert invoice["introduction_deadline"] is None and invoice["contest_deadline"] is None
    assert invoice["introduction_overdue"] is False and invoice["contest_overdue"] is False
    assert invoice["care_until"] is not None


async def test_the_export_has_the_mutualitys_columns_and_one_row_per_line(world):
    case = await discharged_zoast_case(world, member_number="MC-77-ZOAST")
    lines = [
        coded("DEQP003", "2", "69.12", "138.24"),
        coded("1234", "1", "10.00", "10.00", "inami"),
    ]
    claim = (
        await world.post(
            f"/v1/cases/{case['id']}/claims",
            {"number": f"Z-{case['reference']}", "kind": "final", "lines": lines},
            office(world),
            201,
        )
    ).json()
    by_claim = await world.client.get(
        "/v1/billing/export", params={"format": "jsonl"}, headers=payer(world)
    )
    [mine] = [
        json.loads(line)
        for line in by_claim.text.splitlines()
        if json.loads(line)["claim_id"] == claim["id"]
    ]
    assert mine["member_number"] == "MC-77-ZOAST"
    assert (mine["care_from"], mine["care_until"]) == (claim["care_from"], claim["care_until"])
    assert mine["introduction_deadline"] == claim["introduction_deadline"]
    assert mine["contest_deadline"] == claim["contest_deadline"]
    assert mine["introduction_overdue"] is False and mine["contest_overdue"] is False
    assert json.loads(mine["claim_lines"])[0] == {
        "description": "Act DEQP003",
        "amount": "138.24",
        "code_system": "ccam",
        "code": "DEQP003",
        "quantity": "2",
        "unit_price": "69.12",
    }

    by_line = await world.client.get(
        "/v1/billing/export", params={"rows": "lines"}, headers=payer(world)
    )
    assert by_line.status_code == 200, by_line.text
    rows = [
        row for row in csv.DictReader(io.StringIO(by_line.text)) if row["claim_id"] == claim["id"]
    ]
    assert [
        (r["line_number"], r["line_code_system"], r["line_code"], r["line_quantity"]) for r in rows
    ] == [("1", "ccam", "DEQP003", "2"), ("2", "inami", "1234", "1")]
    assert [(r["line_unit_price"], r["line_amount"]) for r in rows] == [
        ("69.12", "138.24"),
        ("10.00", "10.00"),
    ]
    assert {r["member_number"] for r in rows} == {"MC-77-ZOAST"}
    assert {r["introduction_overdue"] for r in rows} == {"false"}
    assert "claim_lines" not in rows[0]
    bad = await world.client.get(
        "/v1/billing/export", params={"rows": "acts"}, headers=payer(world)
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"


# -- bad input to the new endpoints: a 4xx problem, never a 500, and nothing changed ----------


async def test_bad_input_to_the_new_endpoints_is_a_4xx_problem_and_changes_nothing(world):
    case, invoice = await directive_invoice(world)
    claim_path = f"/v1/claims/{invoice['id']}"
    case_path = f"/v1/cases/{case['id']}"
    attempts = [
        (f"{case_path}/prior-authorisation", granted(decided_on="9999-12-31")),
        (f"{case_path}/prior-authorisation", granted(valid_from="9999-12-31")),
        (f"{case_path}/prior-authorisation", granted(decision="maybe")),
        (f"{case_path}/prior-authorisation", {**granted(), "surprise": 1}),
        (f"{claim_path}/home-submission", {"submitted_on": "9999-12-31", "reference": "R"}),
        (
            f"{claim_path}/home-submission",
            {"submitted_on": "0001-01-01", "reference": "R", "insurer_name": "X"},
        ),
        (f"{claim_path}/home-submission", {"submitted_on": "2026-02-30", "reference": "R"}),
        (
            f"{claim_path}/home-reimbursement",
            {"decided_on": tourcoing_day(), "amount": money("1" + "0" * 30)},
        ),
        (
            f"{claim_path}/home-reimbursement",
            {"decided_on": tourcoing_day(), "amount": money("-5.00")},
        ),
    ]
    before = (await world.client.get(claim_path, headers=office(world))).json()
    for path, body in attempts:
        answer = await world.client.post(path, json=body, headers=office(world))
        assert 400 <= answer.status_code < 500, (path, body, answer.status_code, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["code"], answer.text
    after = (await world.client.get(claim_path, headers=office(world))).json()
    assert after == before
    # Claims with care dates at the ends of the calendar: refused or recorded, never a 500
    # (the Art. 67 deadlines count years from them).
    for care_from, care_until in (
        ("0001-01-01", "0001-01-02"),
        ("9999-12-30", "9999-12-31"),
        (tourcoing_day(), "0001-01-01"),
    ):
        claim = await world.client.post(
            f"{case_path}/claims",
            json={
                "number": f"EDGE-{care_from}-{care_until}",
                "kind": "interim",
                "total": money("10.00"),
                "care_from": care_from,
                "care_until": care_until,
            },
            headers=office(world),
        )
        assert claim.status_code < 500, claim.text
    export = await world.client.get(
        "/v1/billing/export", params={"rows": "everything"}, headers=office(world)
    )
    assert export.status_code == 422 and export.json()["code"]
    unknown = await world.client.get(
        "/v1/billing/export", params={"line_code": "x"}, headers=office(world)
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_parameter"
