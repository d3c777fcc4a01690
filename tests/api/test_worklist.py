"""The office's worklist (GET /v1/cases) and the refusal of unknown query parameters."""

import uuid
from datetime import UTC, datetime, timedelta

from tests.api.conftest import in_days, register_patient
from tests.api.test_case_paths import act, new_case
from tests.clock import later_by
from tests.conftest import SYSTEM_CONTEXT


async def _cases(world, headers, **params):
    response = await world.client.get("/v1/cases", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_every_operation_refuses_an_unknown_query_parameter(world, app):
    """Each operation of the document, called with a parameter it does not declare, is 400
    unknown_parameter: before authentication, so it changes nothing and reveals nothing."""
    schema = app.openapi()
    called = 0
    for path, item in schema["paths"].items():
        for method in ("get", "post", "patch", "put", "delete"):
            if method not in item:
                continue
            concrete = path
            for parameter in item[method].get("parameters", []):
                if parameter["in"] == "path":
                    concrete = concrete.replace("{" + parameter["name"] + "}", str(uuid.uuid4()))
            response = await world.client.request(
                method.upper(), concrete, params={"priorty": "emergency"}, headers=world.admin
            )
            assert response.status_code == 400, (method, path, response.text)
            problem = response.json()
            assert response.headers["content-type"].startswith("application/problem+json")
            assert problem["code"] == "unknown_parameter", (method, path)
            assert problem["parameters"] == ["priorty"]
            assert "400" in item[method]["responses"], (method, path)
            called += 1
    assert called > 40


async def test_declared_parameters_still_work_and_a_misspelt_one_is_named(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    fine = await world.client.get("/v1/cases", params={"limit": 5}, headers=coordinator)
    assert fine.status_code == 200
    refused = await world.client.get(
        "/v1/cases", params={"limit": 5, "Status": "submitted"}, headers=coordinator
    )
    assert refused.status_code == 400
    assert refused.json()["parameters"] == ["Status"]
    assert "status" in refused.json()["detail"]


async def _three_cases(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
    }
    routine = await new_case(world, "castries", "chu_martinique", patient, coverage)
    urgent = await new_case(
        world, "castries", "chu_martinique", patient, coverage, priority="urgent"
    )
    emergency = await new_case(
        world, "castries", "chu_martinique", patient, coverage, priority="emergency"
    )
    await act(world, urgent, "submit", None, referrer)
    await act(world, emergency, "submit", None, referrer)
    await act(world, emergency, "accept", {"reason": "Polytrauma"}, coordinator)
    return routine, urgent, emergency


async def test_the_worklist_filters_by_exact_reference_statuses_and_priorities(world):
    routine, urgent, emergency = await _three_cases(world)
    referrer = world.headers("castries", "referrer")

    by_reference = await _cases(world, referrer, reference=urgent["reference"])
    assert [case["id"] for case in by_reference] == [urgent["id"]]
    assert await _cases(world, referrer, reference=urgent["reference"] + "9") == []
    lower = await _cases(world, referrer, reference=urgent["reference"].lower())
    assert [case["id"] for case in lower] == [urgent["id"]]

    mine = {routine["id"], urgent["id"], emergency["id"]}

    def ids(items):
        return {case["id"] for case in items} & mine

    assert ids(await _cases(world, referrer, status="draft")) == {routine["id"]}
    two = await world.client.get(
        "/v1/cases",
        params=[("status", "draft"), ("status", "accepted")],
        headers=referrer,
    )
    assert ids(two.json()["items"]) == {routine["id"], emergency["id"]}
    assert ids(await _cases(world, referrer, status="draft,submitted")) == {
        routine["id"],
        urgent["id"],
    }
    assert ids(await _cases(world, referrer, priority="emergency")) == {emergency["id"]}
    assert ids(await _cases(world, referrer, priority="urgent,emergency")) == {
        urgent["id"],
        emergency["id"],
    }
    assert ids(await _cases(world, referrer, priority="urgent", status="accepted")) == set()

    wrong = await world.client.get("/v1/cases", params={"status": "teleported"}, headers=referrer)
    assert wrong.status_code == 422 and wrong.json()["code"] == "validation_failed"


async def _register(world, org: str, family: str, given: list[str]):
    body = {
        "family_name": family,
        "given_names": given,
        "birth_date": "1980-05-05",
        "sex": "female",
        "nationality": "LC",
        "residence": {"country": "LC"},
        "languages": ["fr"],
        "identifiers": [{"system": "passport", "value": f"WL-{uuid.uuid4().hex[:12]}"}],
    }
    return (await world.post("/v1/patients", body, world.headers(org, "referrer"), 201)).json()


async def test_patient_name_search_ignores_case_and_accents_and_stays_in_tenancy(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    desiree = await _register(world, "castries", "N'Diaye-Éloi", ["Désirée"])
    other = await _register(world, "castries", "Joseph", ["Marie"])
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
    }
    found = await new_case(world, "castries", "chu_martinique", desiree, coverage)
    await new_case(world, "castries", "chu_martinique", other, coverage)
    # Another hospital's case of a patient with the same name stays invisible.
    twin = await _register(world, "dominica", "N'Diaye-Eloi", ["Desiree"])
    await new_case(world, "dominica", "chu_guadeloupe", twin, {"route": "self_pay"})

    for query in ("desiree n'diaye", "DÉSIRÉE", "eloi", "n'diaye-éloi désirée"):
        items = await _cases(world, coordinator, q=query)
        assert [c["id"] for c in items] == [found["id"]], query
    assert await _cases(world, coordinator, q="desiree joseph") == []
    assert await _cases(world, coordinator, q="100%") == []
    short = await world.client.get("/v1/cases", params={"q": "d"}, headers=coordinator)
    assert short.status_code == 422


async def test_patients_are_found_by_name_as_cases_are_and_only_ones_own(world):
    """`q` on GET /v1/patients: every word, in any order, without case or accents; a
    patient only where the caller may see it (registered by it, or sharing a case)."""
    referrer = world.headers("castries", "referrer")
    hospital = world.headers("chu_martinique", "coordinator")
    desiree = await _register(world, "castries", "N'Diaye-Éloi", ["Désirée"])
    await _register(world, "castries", "Joseph", ["Marie"])
    twin = await _register(world, "dominica", "N'Diaye-Eloi", ["Desiree"])

    async def patients(headers, **params) -> list[str]:
        answer = await world.client.get("/v1/patients", params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        return [item["id"] for item in answer.json()["items"]]

    for query in ("desiree n'diaye", "DÉSIRÉE", "eloi", "n'diaye-éloi désirée"):
        assert await patients(referrer, q=query) == [desiree["id"]], query
    assert await patients(world.headers("dominica", "referrer"), q="desiree") == [twin["id"]]
    assert await patients(referrer, q="desiree joseph") == []
    assert await patients(referrer, q="100%") == []
    # The receiving hospital sees the patient once a case is shared with it, not before.
    assert await patients(hospital, q="desiree") == []
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
    }
    await new_case(world, "castries", "chu_martinique", desiree, coverage)
    assert await patients(hospital, q="eloi desiree") == [desiree["id"]]
    # With the identifier too: both must match.
    identifier = f"{desiree['identifiers'][0]['system']}|{desiree['identifiers'][0]['value']}"
    assert await patients(referrer, q="desiree", identifier=identifier) == [desiree["id"]]
    assert await patients(referrer, q="joseph", identifier=identifier) == []
    short = await world.client.get("/v1/patients", params={"q": "d"}, headers=referrer)
    assert short.status_code == 422


async def test_the_name_search_uses_the_trigram_index(owner_engine):
    """The expression index exists and the planner can use it for the search's LIKE."""
    from sqlalchemy import text

    async with owner_engine.connect() as connection:
        extensions = set(
            (await connection.execute(text("SELECT extname FROM pg_extension"))).scalars()
        )
        assert {"unaccent", "pg_trgm"} <= extensions
        await connection.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(
            (
                await connection.execute(
                    text(
                        "EXPLAIN SELECT id FROM patients WHERE "
                        "corridor_search_name(family_name, given_names) "
                        "LIKE corridor_search_text('%désirée%')"
                    )
                )
            ).scalars()
        )
        assert "ix_patients_search_name" in plan, plan
        folded = (
            await connection.execute(
                text("SELECT corridor_search_name('N''Diaye-Éloi', ARRAY['Désirée'])")
            )
        ).scalar_one()
        assert folded == "n'diaye-eloi desiree"


async def test_assignee_reassignment_arrival_window_overdue_and_priority_sort(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator", sub="nadia")
    patient = await register_patient(world, "castries")
    coverage = {"route": "self_pay"}
    routine = await new_case(world, "castries", "chu_martinique", patient, coverage)
    emergency = await new_case(
        world, "castries", "chu_martinique", patient, coverage, priority="emergency"
    )
    urgent = await new_case(
        world, "castries", "chu_martinique", patient, coverage, priority="urgent"
    )
    mine = {routine["id"], emergency["id"], urgent["id"]}

    # The receiving office owns the case; it can be reassigned. The referrer may not.
    path = f"/v1/cases/{emergency['id']}"
    current = await world.client.get(path, headers=coordinator)
    assigned = await world.client.patch(
        path,
        json={"assignee": "nadia"},
        headers={**coordinator, "If-Match": current.headers["ETag"]},
    )
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["assignee"] == "nadia"
    refused = await world.client.patch(
        path,
        json={"assignee": "someone"},
        headers={**referrer, "If-Match": assigned.headers["ETag"]},
    )
    assert refused.status_code == 409 and refused.json()["code"] == "field_not_editable"
    assert [c["id"] for c in await _cases(world, coordinator, assignee="me")] == [emergency["id"]]
    assert [c["id"] for c in await _cases(world, coordinator, assignee="nadia")] == [
        emergency["id"]
    ]
    unassigned = {c["id"] for c in await _cases(world, coordinator, assignee="none")} & mine
    assert unassigned == {routine["id"], urgent["id"]}
    reassigned = await world.client.patch(
        path,
        json={"assignee": "marc"},
        headers={**coordinator, "If-Match": assigned.headers["ETag"]},
    )
    assert reassigned.json()["assignee"] == "marc"
    assert await _cases(world, coordinator, assignee="me") == []

    # Priority first, then date.
    ordered = [c["id"] for c in await _cases(world, coordinator, sort="priority")]
    assert [i for i in ordered if i in mine] == [emergency["id"], urgent["id"], routine["id"]]
    first = await world.client.get(
        "/v1/cases", params={"sort": "priority", "limit": 1}, headers=coordinator
    )
    second = await world.client.get(
        "/v1/cases",
        params={"sort": "priority", "limit": 1, "cursor": first.json()["next_cursor"]},
        headers=coordinator,
    )
    assert [first.json()["items"][0]["id"], second.json()["items"][0]["id"]] == [
        emergency["id"],
        urgent["id"],
    ]
    wrong_kind = await world.client.get(
        "/v1/cases", params={"cursor": first.json()["next_cursor"]}, headers=coordinator
    )
    assert wrong_kind.status_code == 422 and wrong_kind.json()["code"] == "invalid_cursor"

    # Expected arrival window: the emergency case is coming tomorrow.
    await act(world, emergency, "submit", None, referrer)
    await act(world, emergency, "accept", {"reason": "ok"}, coordinator)
    await act(
        world,
        emergency,
        "schedule-transfer",
        {"expected_arrival_at": in_days(1), "transport": "air_ambulance"},
        coordinator,
    )
    window = await _cases(world, coordinator, arriving_from=in_days(0.5), arriving_to=in_days(1.5))
    assert [c["id"] for c in window] == [emergency["id"]]
    assert await _cases(world, coordinator, arriving_from=in_days(2)) == []

    # Overdue: an open task past its due date (a visa due yesterday).
    visa = await world.post(
        f"/v1/cases/{emergency['id']}/logistics-tasks",
        {"kind": "visa", "due_date": in_days(-1)[:10]},
        coordinator,
        201,
    )
    assert visa.json()["overdue"] is True
    late = {c["id"] for c in await _cases(world, coordinator, overdue="true")} & mine
    assert late == {emergency["id"]}
    on_time = {c["id"] for c in await _cases(world, coordinator, overdue="false")} & mine
    assert on_time == {routine["id"], urgent["id"]}
    await world.client.patch(
        f"/v1/cases/{emergency['id']}/logistics-tasks/{visa.json()['id']}",
        json={"status": "completed"},
        headers={**coordinator, "If-Match": visa.headers["ETag"]},
    )
    assert {c["id"] for c in await _cases(world, coordinator, overdue="true")} & mine == set()


async def test_an_unanswered_information_request_past_due_is_overdue(world):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    coverage = {
        "route": "third_party_guarantee",
        "payer_organization_id": world.orgs["lc_ministry"],
    }
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    await act(world, case, "submit", None, referrer)
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    await act(
        world,
        case,
        "request-information",
        {"questions": "Allergies?", "due_date": tomorrow},
        coordinator,
    )
    assert case["id"] not in {c["id"] for c in await _cases(world, coordinator, overdue="true")}
    # Three days later the worklist shows it overdue.
    with later_by(timedelta(days=3)):
        late = await _cases(world, coordinator, overdue="true")
    assert case["id"] in {c["id"] for c in late}


async def _all_pages(world, headers, **params) -> list[str]:
    ids, cursor = [], None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await world.client.get("/v1/cases", params=query, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        ids += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


async def test_pages_read_each_organisation_side_and_merge_them_in_order(world, connection):
    """A list pages the referring, receiving and payer sides each on its own index: the
    merged pages are every visible case once, in creation order, whichever side (or two
    sides: an emergency presentation is referred and received by the same hospital)."""
    from sqlalchemy import text

    coordinator = world.headers("tourcoing", "coordinator")
    patient = await register_patient(world, "mons_gp", country="BE", postal_code="7000")
    zoast = {
        "route": "zoast",
        "payer_organization_id": world.orgs["mutuality"],
        "member_number": "M-1",
    }
    created = [(await new_case(world, "mons_gp", "tourcoing", patient, zoast))["id"]]
    presentation = {
        "origin": "emergency_presentation",
        "patient_id": patient["id"],
        "specialty": "cardiology",
        "coverage": zoast,
        "presentation": {
            "presented_at": in_days(-0.1),
            "admitted_at": in_days(-0.05),
            "unit": "cardiac-icu",
        },
    }
    created.append((await world.post("/v1/cases", presentation, coordinator, 201)).json()["id"])
    created.append((await new_case(world, "mons_gp", "tourcoing", patient, zoast))["id"])

    for org, role in (("tourcoing", "coordinator"), ("mutuality", "payer")):
        headers = world.headers(org, role)
        # The reference: the plain OR, ordered (the test's own transaction, as the system).
        await connection.execute(SYSTEM_CONTEXT)
        expected = [
            str(row[0])
            for row in await connection.execute(
                text(
                    "SELECT id FROM cases WHERE referring_organization_id = :o"
                    " OR receiving_organization_id = :o OR payer_organization_id = :o"
                    " ORDER BY created_at, id"
                ),
                {"o": world.orgs[org]},
            )
        ]
        await connection.execute(text("SELECT set_config('corridor.system', 'off', true)"))
        one_by_one = await _all_pages(world, headers, limit=1)
        assert one_by_one == expected, org
        assert len(set(one_by_one)) == len(one_by_one)
        assert [i for i in one_by_one if i in created] == created
        assert await _all_pages(world, headers, limit=2) == expected
        admitted = await _all_pages(world, headers, limit=1, status="admitted")
        assert created[1] in admitted and created[0] not in admitted


async def test_each_side_of_a_page_is_an_ordered_index_scan(owner_engine):
    """Each side's page, with and without a status, is an ordered scan of that side's
    index (no sort). The test tables are nearly empty, so the planner would pick any
    index: the whole-table orderings are dropped for the test (rolled back)."""
    from sqlalchemy import text

    async with owner_engine.connect() as connection:
        transaction = await connection.begin()
        await connection.execute(text("DROP INDEX ix_cases_created_at_id"))
        await connection.execute(text("SET LOCAL enable_seqscan = off"))
        await connection.execute(text("SET LOCAL enable_sort = off"))
        try:
            for side in ("referring", "receiving", "payer"):
                for status, index in (
                    ("", f"ix_cases_{side}_organization_id_created_at_id"),
                    (
                        " AND status = 'admitted'",
                        f"ix_cases_{side}_organization_id_status_created_at_id",
                    ),
                ):
                    plan = "\n".join(
                        (
                            await connection.execute(
                                text(
                                    f"EXPLAIN SELECT id FROM cases WHERE {side}_organization_id"
                                    f" = '7d1f6a52-0000-4000-8000-000000000001'{status}"
                                    " ORDER BY created_at, id LIMIT 51"
                                )
                            )
                        ).scalars()
                    )
                    # Under a status either of the side's indexes serves the order; which
                    # one is cheaper depends on the statistics (the benchmark shows 1 M).
                    assert f"ix_cases_{side}_organization_id_" in plan, plan
                    assert status or index in plan, plan
                    assert "Sort" not in plan, plan
        finally:
            await transaction.rollback()
