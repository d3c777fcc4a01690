"""Security round two (issue 11): one test per finding, named after it.

Each test reproduces the attack as it was reported and asserts it no longer works,
on the module-wide two-tenant world of tests/security/conftest.py (every request in
a savepoint that is rolled back).
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.security.conftest import SecurityWorld


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


async def test_03_only_the_registering_organisation_changes_a_patient_record(security_world):
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


async def test_14_identifiers_are_unique_per_organisation_and_compared_normalised(
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


async def test_10_the_application_role_may_not_change_or_delete_case_events(connection):
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
