"""A date before 1900 in a request body is a slip (0001 for 2001), refused with 422
`validation_failed` before anything is stored: every request body inherits the rule
(app/platform/schemas.py `RequestBody`)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from app.cases.schemas import ScheduleTeleconsultationRequest
from app.platform.schemas import RequestBody
from tests.api.conftest import register_patient


def _patient(birth_date: str) -> dict:
    return {
        "family_name": "Auguste",
        "given_names": ["Rose"],
        "birth_date": birth_date,
        "sex": "female",
        "nationality": "LC",
        "residence": {"country": "LC", "city": "Castries"},
        "languages": ["en"],
        "identifiers": [{"system": "passport", "value": f"PD-{birth_date}"}],
    }


async def _patient_ids(world) -> set[str]:
    answer = await world.client.get(
        "/v1/patients", params={"limit": 200}, headers=world.headers("castries", "referrer")
    )
    assert answer.status_code == 200, answer.text
    return {item["id"] for item in answer.json()["items"]}


async def test_a_birth_date_before_1900_is_refused_and_nothing_is_registered(world):
    await register_patient(world, "castries")
    before = await _patient_ids(world)
    for slip in ("0001-01-01", "1899-12-31"):
        answer = await world.client.post(
            "/v1/patients", json=_patient(slip), headers=world.headers("castries", "referrer")
        )
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        problem = answer.json()
        assert problem["code"] == "validation_failed"
        assert any("1900-01-01" in error["detail"] for error in problem["errors"]), problem
    assert await _patient_ids(world) == before
    # The first plausible day is taken.
    answer = await world.client.post(
        "/v1/patients", json=_patient("1900-01-01"), headers=world.headers("castries", "referrer")
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["birth_date"] == "1900-01-01"


def test_date_times_and_lists_of_dates_are_held_to_the_same_day():
    with pytest.raises(ValidationError, match="not plausible"):
        ScheduleTeleconsultationRequest.model_validate({"scheduled_at": "0099-05-01T10:00:00Z"})
    accepted = ScheduleTeleconsultationRequest.model_validate(
        {"scheduled_at": "1900-01-01T00:00:00+01:00"}
    )
    assert accepted.scheduled_at is not None

    class Attendances(RequestBody):
        days: list[date]

    with pytest.raises(ValidationError, match="days: a date before 1900-01-01"):
        Attendances.model_validate({"days": ["2026-03-01", "1026-03-01"]})
    assert Attendances.model_validate({"days": ["2026-03-01"]}).days == [date(2026, 3, 1)]
