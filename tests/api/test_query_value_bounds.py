"""Repeated query parameters are bounded on every operation (issue 22, item 7): a list
holds at most as many values as its vocabulary has, each value counted once; a
parameter that takes one value is given once. Beyond: 422 `too_many_values`, before
any query runs."""

from __future__ import annotations

from app.domain.vocabulary import CaseStatus
from app.platform.query_parameters import MAX_LIST_VALUES
from tests.api.conftest import register_patient
from tests.api.test_case_paths import new_case


async def test_two_thousand_repeated_statuses_are_a_422_not_a_slow_500(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    query = "&".join(["status=submitted"] * 2000)
    response = await world.client.get(f"/v1/cases?{query}", headers=coordinator)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "too_many_values"
    assert problem["parameter"] == "status"
    assert problem["limit"] == len(CaseStatus)


async def test_comma_separated_values_count_like_repeated_ones(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    values = ",".join(["draft"] * (len(CaseStatus) + 1))
    response = await world.client.get("/v1/cases", params={"status": values}, headers=coordinator)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "too_many_values"


async def test_a_list_without_a_vocabulary_is_bounded_too(world):
    """The event feed's `types` are free text: the general bound holds."""
    coordinator = world.headers("chu_martinique", "coordinator")
    params = [("types", "case.*")] * (MAX_LIST_VALUES + 1)
    response = await world.client.get("/v1/events", params=params, headers=coordinator)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "too_many_values"
    params = [("types", "case.*")] * MAX_LIST_VALUES
    response = await world.client.get("/v1/events", params=params, headers=coordinator)
    assert response.status_code == 200, response.text


async def test_a_single_value_parameter_given_twice_is_refused(world):
    coordinator = world.headers("chu_martinique", "coordinator")
    response = await world.client.get("/v1/cases?limit=1&limit=200", headers=coordinator)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert (problem["code"], problem["parameter"], problem["limit"]) == (
        "too_many_values",
        "limit",
        1,
    )


async def test_repeated_statuses_within_the_bound_are_counted_once(world):
    referrer = world.headers("castries", "referrer")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    response = await world.client.get(
        "/v1/cases?status=draft,draft&status=draft&status=submitted", headers=referrer
    )
    assert response.status_code == 200, response.text
    assert [item["id"] for item in response.json()["items"]] == [case["id"]]
