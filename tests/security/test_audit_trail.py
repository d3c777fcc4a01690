"""The audit trail: one row per access (reads, searches, writes, denials), ids only,
hash-chained, append-only, verified by `corridor audit verify`."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.access import audit
from app.db.unit_of_work import UnitOfWork
from tests.conftest import ROOT, SYSTEM_CONTEXT


async def _setup(client, auth):
    admin = auth(None, "admin", sub="audit-admin")
    orgs = {}
    for side, kind in (
        ("ref", "referring_facility"),
        ("recv", "receiving_facility"),
        ("pay", "payer"),
        ("other", "referring_facility"),
    ):
        response = await client.post(
            "/v1/organizations", json={"name": side, "kind": kind, "country": "LC"}, headers=admin
        )
        orgs[side] = response.json()["id"]
    referrer = auth(orgs["ref"], "referrer", sub="dr-ref")
    patient = (
        await client.post(
            "/v1/patients",
            json={
                "family_name": "Auditedname",
                "sex": "female",
                "residence": {"country": "LC"},
                "identifiers": [{"system": "passport", "value": "AUDIT-P-1"}],
            },
            headers=referrer,
        )
    ).json()
    case = (
        await client.post(
            "/v1/cases",
            json={
                "patient_id": patient["id"],
                "receiving_organization_id": orgs["recv"],
                "specialty": "cardiology",
                "clinical_summary": "Secret clinical words",
                "coverage": {"route": "self_pay", "payer_organization_id": orgs["pay"]},
            },
            headers=referrer,
        )
    ).json()
    return admin, orgs, patient, case


async def _rows(client, admin, **params) -> list[dict]:
    response = await client.get("/v1/audit-events", params={"limit": 200, **params}, headers=admin)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_reads_searches_writes_and_denials_each_leave_one_row(client, auth):
    admin, orgs, patient, case = await _setup(client, auth)
    referrer = auth(orgs["ref"], "referrer", sub="dr-ref")

    read = await client.get(
        f"/v1/cases/{case['id']}", headers={**referrer, "X-Request-Id": "req-read-1"}
    )
    assert read.status_code == 200
    [row] = await _rows(client, admin, request_id=read.headers["X-Request-Id"])
    assert row["operation"] == "cases-get"
    assert (row["object_type"], row["object_id"]) == ("case", case["id"])
    assert row["patient_ids"] == [patient["id"]]
    assert row["actor"] == {
        "sub": "dr-ref",
        "organization_id": orgs["ref"],
        "roles": ["referrer"],
        "client_id": None,
    }
    assert (row["outcome"], row["status"]) == ("allowed", 200)

    search = await client.get(
        "/v1/patients",
        params={"identifier": "passport|AUDIT-P-1"},
        headers={**referrer, "X-Request-Id": "req-search"},
    )
    assert search.status_code == 200
    [row] = await _rows(client, admin, request_id=search.headers["X-Request-Id"])
    assert row["operation"] == "patients-list" and row["patient_ids"] == [patient["id"]]

    listed = await client.get("/v1/cases", headers={**referrer, "X-Request-Id": "req-list"})
    assert listed.status_code == 200
    [row] = await _rows(client, admin, request_id=listed.headers["X-Request-Id"])
    assert row["patient_ids"] == [patient["id"]]

    outsider = auth(orgs["other"], "referrer", sub="snoop")
    denied = await client.get(
        f"/v1/cases/{case['id']}", headers={**outsider, "X-Request-Id": "req-snoop"}
    )
    assert denied.status_code == 404
    [row] = await _rows(client, admin, request_id=denied.headers["X-Request-Id"])
    assert (row["outcome"], row["status"], row["object_id"]) == ("denied", 404, case["id"])
    assert row["actor"]["sub"] == "snoop" and row["patient_ids"] == []

    anonymous = await client.get(f"/v1/cases/{case['id']}", headers={"X-Request-Id": "req-anon"})
    assert anonymous.status_code == 401
    [row] = await _rows(client, admin, request_id=anonymous.headers["X-Request-Id"])
    assert (row["outcome"], row["actor"]["sub"]) == ("denied", None)

    payer = auth(orgs["pay"], "payer", sub="payer-1")
    forbidden = await client.post(
        f"/v1/cases/{case['id']}/estimates",
        json={"total": {"amount": "1.00", "currency": "EUR"}, "lines": []},
        headers={**payer, "X-Request-Id": "req-forbidden"},
    )
    assert forbidden.status_code == 403
    [row] = await _rows(client, admin, request_id=forbidden.headers["X-Request-Id"])
    assert (row["outcome"], row["operation"]) == ("denied", "cases-issue-estimate")

    submitted = await client.post(
        f"/v1/cases/{case['id']}/submit", headers={**referrer, "X-Request-Id": "req-submit"}
    )
    assert submitted.status_code == 200
    refused = await client.post(
        f"/v1/cases/{case['id']}/submit", headers={**referrer, "X-Request-Id": "req-again"}
    )
    assert refused.status_code == 409
    [done] = await _rows(client, admin, request_id=submitted.headers["X-Request-Id"])
    [again] = await _rows(client, admin, request_id=refused.headers["X-Request-Id"])
    assert done["outcome"] == "allowed"
    assert again["outcome"] == "refused"
    assert again["patient_ids"] == []  # the rolled-back work noted nothing

    created = await _rows(client, admin, operation="cases-create", organization_id=orgs["ref"])
    assert [row["object_id"] for row in created] == [case["id"]]

    # Ids only: no name, identifier, or clinical text anywhere in the trail.
    everything = json.dumps(
        [row for org in orgs.values() for row in await _rows(client, admin, organization_id=org)]
    )
    for secret in ("Auditedname", "AUDIT-P-1", "Secret clinical words"):
        assert secret not in everything


async def test_an_organisation_reads_its_own_rows_and_admins_read_all(client, auth):
    admin, orgs, patient, case = await _setup(client, auth)
    await client.get(f"/v1/cases/{case['id']}", headers=auth(orgs["recv"], "coordinator"))
    await client.get(f"/v1/cases/{case['id']}", headers=auth(orgs["pay"], "payer"))
    coordinator = auth(orgs["recv"], "coordinator")
    own = (await client.get("/v1/audit-events", headers=coordinator)).json()["items"]
    assert own and {row["actor"]["organization_id"] for row in own} == {orgs["recv"]}
    for org in (orgs["ref"], orgs["recv"], orgs["pay"]):
        assert await _rows(client, admin, organization_id=org)
    by_patient = await _rows(client, admin, patient_id=patient["id"])
    assert by_patient and all(patient["id"] in row["patient_ids"] for row in by_patient)
    for role in ("referrer", "clinician"):
        refused = await client.get("/v1/audit-events", headers=auth(orgs["recv"], role))
        assert refused.status_code == 403


async def test_the_chain_verifies_and_names_the_first_altered_or_missing_row(owner_engine):
    """Tampering needs the owner with triggers off (a superuser): the chain still tells."""
    async with owner_engine.connect() as owner:
        transaction = await owner.begin()
        try:
            sessionmaker = async_sessionmaker(
                bind=owner, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
            async with UnitOfWork.system(sessionmaker) as uow:
                seqs = [
                    await audit.append(
                        uow.session,
                        audit.Entry(
                            operation="cases-get",
                            outcome="allowed",
                            status=200,
                            organization_id=uuid.uuid4(),
                            object_ids={"case_id": str(uuid.uuid4())},
                            patient_ids=[uuid.uuid4()],
                            # The caller's own id is sealed too, on rows that carry one.
                            caller_request_id="crm-42" if i == 1 else None,
                        ),
                    )
                    for i in range(3)
                ]
                await uow.commit()
            async with UnitOfWork.system(sessionmaker) as uow:
                # Appended, not chained yet: the request path takes no chain lock.
                assert (await audit.verify(uow)).pending >= 3
                assert await audit.seal(uow.session) >= 3
                await uow.commit()
            async with UnitOfWork.system(sessionmaker) as uow:
                result = await audit.verify(uow)
            assert result.ok and result.rows >= 3 and result.pending == 0
            chained = dict(
                (
                    await owner.execute(
                        text("SELECT seq, chain_seq FROM audit_events WHERE seq = ANY(:s)"),
                        {"s": seqs},
                    )
                ).all()
            )
            # Sealed in seq order, one after the other, and the head is the last of them.
            assert [chained[seq] for seq in seqs] == list(
                range(chained[seqs[0]], chained[seqs[0]] + 3)
            )
            assert (
                result.rows == chained[seqs[2]]
                and result.head == f"{result.rows}:{result.head_hash}"
            )

            await owner.execute(text("SET LOCAL session_replication_role = replica"))
            savepoint = await owner.begin_nested()
            await owner.execute(
                text("UPDATE audit_events SET outcome = 'allowed', status = 204 WHERE seq = :s"),
                {"s": seqs[1]},
            )
            async with UnitOfWork.system(sessionmaker) as uow:
                result = await audit.verify(uow)
            assert (result.ok, result.broken_at, result.reason) == (
                False,
                chained[seqs[1]],
                "the row was altered",
            )
            await savepoint.rollback()
            for forged in ("'crm-43'", "NULL"):
                savepoint = await owner.begin_nested()
                await owner.execute(
                    text(f"UPDATE audit_events SET caller_request_id = {forged} WHERE seq = :s"),
                    {"s": seqs[1]},
                )
                async with UnitOfWork.system(sessionmaker) as uow:
                    result = await audit.verify(uow)
                assert (result.ok, result.broken_at) == (False, chained[seqs[1]])
                await savepoint.rollback()

            await owner.execute(text("DELETE FROM audit_events WHERE seq = :s"), {"s": seqs[1]})
            async with UnitOfWork.system(sessionmaker) as uow:
                result = await audit.verify(uow)
            assert (result.ok, result.broken_at, result.reason) == (
                False,
                chained[seqs[1]],
                "a row is missing",
            )
        finally:
            await transaction.rollback()


def test_corridor_audit_verify_checks_the_committed_chain(settings, database_url, app_database_url):
    env = {
        **os.environ,
        "CORRIDOR_HOME": str(settings.home),
        "CORRIDOR_DATABASE_URL": database_url,
        "CORRIDOR_APP_DATABASE_URL": app_database_url,
    }
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "audit", "verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "intact" in result.stdout


async def test_feed_reads_and_exports_are_recorded(client, auth):
    admin, orgs, _patient, _case = await _setup(client, auth)
    payer = auth(orgs["pay"], "payer", sub="payer-sync")
    feed = await client.get("/v1/events", headers={**payer, "X-Request-Id": "req-feed"})
    export = await client.get("/v1/billing/export", headers={**payer, "X-Request-Id": "req-export"})
    assert feed.status_code == 200 and export.status_code == 200
    [feed_row] = await _rows(client, admin, request_id=feed.headers["X-Request-Id"])
    [export_row] = await _rows(client, admin, request_id=export.headers["X-Request-Id"])
    assert (feed_row["operation"], feed_row["outcome"]) == ("events-list", "allowed")
    assert (export_row["operation"], export_row["outcome"]) == ("billing-export", "allowed")
    assert export_row["actor"]["organization_id"] == orgs["pay"]


def _entry() -> audit.Entry:
    return audit.Entry(operation="cases-get", outcome="allowed", status=200)


async def test_appends_of_concurrent_requests_do_not_wait_for_each_other(engine):
    """No row is locked by every request: a second transaction appends while the first,
    which appended too, is still open (before 0004 it queued on the chain head)."""
    async with engine.connect() as first, engine.connect() as second:
        await first.begin()
        await second.begin()
        for connection in (first, second):
            await connection.execute(SYSTEM_CONTEXT)
        await second.execute(text("SET LOCAL lock_timeout = '500ms'"))
        one = async_sessionmaker(bind=first, join_transaction_mode="create_savepoint")
        two = async_sessionmaker(bind=second, join_transaction_mode="create_savepoint")
        async with one() as session:
            first_seq = await audit.append(session, _entry())
        async with two() as session:
            second_seq = await audit.append(session, _entry())
        assert second_seq > first_seq
        await first.rollback()
        await second.rollback()


async def test_the_sealer_chains_committed_rows_within_its_interval(engine):
    sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    async with UnitOfWork.system(sessionmaker) as uow:
        seq = await audit.append(uow.session, _entry())
        await uow.commit()
    stop = asyncio.Event()
    sealer = asyncio.create_task(audit.run_sealer(sessionmaker, stop, 0.05))
    try:
        query = text("SELECT chain_seq, hash FROM audit_events WHERE seq = :s")
        for _ in range(100):
            async with engine.connect() as connection:
                await connection.execute(SYSTEM_CONTEXT)
                chain_seq, row_hash = (await connection.execute(query, {"s": seq})).one()
            if chain_seq is not None:
                break
            await asyncio.sleep(0.02)
        assert chain_seq is not None and len(row_hash) == 64
    finally:
        stop.set()
        await sealer
    async with UnitOfWork.system(sessionmaker) as uow:
        result = await audit.verify(uow)
    assert result.ok and result.rows >= chain_seq


async def test_a_pass_seals_full_batches_until_a_partial_one_and_loses_no_row(engine, monkeypatch):
    """The sealer batches on its timer: a pass takes batch after batch while they come
    full, and stops at the first partial one. Every committed row is chained, whatever
    the batch size; a row committed after the pass waits for the next one."""
    sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    await audit.seal_committed(sessionmaker)  # rows of earlier tests: not this test's
    monkeypatch.setattr(audit, "SEAL_BATCH", 3)
    seqs = []
    async with UnitOfWork.system(sessionmaker) as uow:
        for _ in range(7):
            seqs.append(await audit.append(uow.session, _entry()))
        await uow.commit()
    assert await audit.seal_committed(sessionmaker) == 7  # 3 + 3 + 1: three transactions
    async with UnitOfWork.system(sessionmaker) as uow:
        late = await audit.append(uow.session, _entry())
        await uow.commit()
    query = text("SELECT seq, chain_seq FROM audit_events WHERE seq = ANY(:seqs)")
    async with engine.connect() as connection:
        await connection.execute(SYSTEM_CONTEXT)
        chained = dict((await connection.execute(query, {"seqs": [*seqs, late]})).all())
    assert all(chained[seq] is not None for seq in seqs)
    assert chained[late] is None
    assert sorted(chained[seq] for seq in seqs) == list(
        range(chained[seqs[0]], chained[seqs[0]] + 7)
    )
    assert await audit.seal_committed(sessionmaker) == 1
    async with UnitOfWork.system(sessionmaker) as uow:
        result = await audit.verify(uow)
    assert result.ok


async def test_a_sealed_row_keeps_its_seal_and_an_unsealed_row_takes_only_a_seal(connection):
    """The one update the trigger lets through: an unsealed row receives its seal."""
    await connection.execute(SYSTEM_CONTEXT)
    sessionmaker = async_sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    async with sessionmaker() as session:
        seq = await audit.append(session, _entry())
        await audit.seal(session)
        await session.commit()
    for statement in (
        # Re-sealing (rewriting history) and unsealing are refused...
        "UPDATE audit_events SET hash = repeat('0', 64) WHERE seq = :s",
        "UPDATE audit_events SET chain_seq = NULL, prev_hash = NULL, hash = NULL WHERE seq = :s",
    ):
        savepoint = await connection.begin_nested()
        with pytest.raises(DBAPIError):
            await connection.execute(text(statement), {"s": seq})
        await savepoint.rollback()
    async with sessionmaker() as session:
        unsealed = await audit.append(session, _entry())
        await session.commit()
    # ...and so is changing an unsealed row's fields along with a seal.
    savepoint = await connection.begin_nested()
    with pytest.raises(DBAPIError):
        await connection.execute(
            text(
                "UPDATE audit_events SET chain_seq = -1, prev_hash = 'x', hash = 'x',"
                " outcome = 'denied' WHERE seq = :s"
            ),
            {"s": unsealed},
        )
    await savepoint.rollback()


def _patients_shown(body, *, patient_resource: bool) -> set[str]:
    """Every patient id an answer shows, found the slow way (by walking it): `patient_id`
    fields, FHIR Patient resources, and the ids of patient resources themselves."""
    found: set[str] = set()

    def walk(value, top: bool) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("patient_id"), str):
                found.add(value["patient_id"])
            if value.get("resourceType") == "Patient" and isinstance(value.get("id"), str):
                found.add(value["id"])
            if patient_resource and top and isinstance(value.get("id"), str):
                found.add(value["id"])
            for key, item in value.items():
                walk(item, top and key == "items")
        elif isinstance(value, list):
            for item in value:
                walk(item, top)

    walk(body, True)
    return found


async def test_the_trail_names_every_patient_an_answer_shows(client, auth):
    """The pipeline no longer reads answers: the use cases' reads say which patients a
    request touched. Walk every answer that can show a patient and check its row names
    each one (a read path that bypassed the notes would show here)."""
    admin, orgs, patient, case = await _setup(client, auth)
    referrer = auth(orgs["ref"], "referrer", sub="dr-ref")
    coordinator = auth(orgs["recv"], "coordinator", sub="recv-coord")
    calls = [
        ("GET", f"/v1/cases/{case['id']}", referrer, None),
        ("GET", "/v1/cases", referrer, None),
        ("GET", f"/v1/patients/{patient['id']}", referrer, None),
        ("GET", "/v1/patients", referrer, None),
        ("GET", f"/v1/cases/{case['id']}/fhir", referrer, None),
        ("POST", f"/v1/cases/{case['id']}/submit", referrer, None),
        ("GET", f"/v1/cases/{case['id']}", coordinator, None),
        ("GET", f"/v1/cases/{case['id']}/earlier-cases", coordinator, None),
        ("PATCH", f"/v1/patients/{patient['id']}", referrer, {"given_names": ["Ann"]}),
    ]
    checked = 0
    for method, path, headers, body in calls:
        extra = {}
        if method == "PATCH":
            current = await client.get(f"/v1/patients/{patient['id']}", headers=headers)
            extra = {"If-Match": current.headers["ETag"]}
        answer = await client.request(
            method,
            path,
            json=body,
            headers={**headers, **extra, "X-Request-Id": f"shown-{checked}"},
        )
        assert answer.status_code == 200, (path, answer.text)
        shown = _patients_shown(answer.json(), patient_resource=path.startswith("/v1/patients"))
        [row] = await _rows(client, admin, request_id=answer.headers["X-Request-Id"])
        assert shown <= set(row["patient_ids"]), (method, path, shown, row["patient_ids"])
        checked += bool(shown)
    assert checked == len(calls) - 1  # every answer but the empty earlier-cases page shows one
