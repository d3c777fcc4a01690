"""The test environment's clock header (app.platform.clock.TestClock): a request runs at the
instant it names; a malformed one is a 400 problem; outside the test environment the app
has no such middleware, so the header moves nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.main import create_app
from app.platform.clock import TEST_CLOCK_HEADER, TestClock
from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case


@pytest.mark.parametrize("value", ["tomorrow", "2026-12-07T10:00:00", ""])
async def test_a_moment_that_is_not_an_instant_with_an_offset_is_a_400(world, value) -> None:
    response = await world.client.get(
        "/v1/cases", headers={**world.headers("castries", "referrer"), TEST_CLOCK_HEADER: value}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "validation_failed"


async def test_a_request_runs_at_the_instant_the_header_names(world) -> None:
    """A teleconsultation's outcome is refused before the call, and recorded a minute into
    it by a request that says it is then."""
    referrer = world.headers("castries", "referrer")
    clinician = world.headers("chu_martinique", "clinician")
    patient = await register_patient(world, "castries")
    payer = world.orgs["lc_ministry"]
    coverage = {"route": "third_party_guarantee", "payer_organization_id": payer}
    case = await new_case(world, "castries", "chu_martinique", patient, coverage)
    await act(world, case, "submit", None, referrer)
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    body = {"scheduled_at": at.isoformat(), "mode": "video"}
    coordinator = world.headers("chu_martinique", "coordinator")
    await act(world, case, "schedule-teleconsultation", body, coordinator)
    outcome = {"outcome": "transfer_recommended"}

    early = await act(world, case, "record-teleconsultation", outcome, clinician, 422)
    assert early["missing"] == ["teleconsultation_started"]
    just_before = {**clinician, TEST_CLOCK_HEADER: (at - timedelta(seconds=1)).isoformat()}
    await act(world, case, "record-teleconsultation", outcome, just_before, 422)
    during = {**clinician, TEST_CLOCK_HEADER: (at + timedelta(minutes=1)).isoformat()}
    recorded = await act(world, case, "record-teleconsultation", outcome, during)
    assert recorded["status"] == "accepted"


def test_outside_the_test_environment_there_is_no_test_clock(settings) -> None:
    production_like = settings.model_copy(update={"environment": "development"})
    assert TestClock not in [m.cls for m in create_app(production_like).user_middleware]
    assert TestClock in [m.cls for m in create_app(settings).user_middleware]
