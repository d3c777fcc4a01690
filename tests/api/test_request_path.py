"""`POST /v1/cases/{id}/accept` goes router → service → repository/domain → back: the row
becomes an aggregate once, and the answer is rendered from the service's read model."""

from __future__ import annotations

from app.cases import service
from app.db import case_store
from tests.api.conftest import register_patient
from tests.api.test_case_paths import act, new_case


async def test_an_action_builds_the_aggregate_once_and_renders_the_read_model(world, monkeypatch):
    referrer = world.headers("castries", "referrer")
    coordinator = world.headers("chu_martinique", "coordinator")
    patient = await register_patient(world, "castries")
    case = await new_case(world, "castries", "chu_martinique", patient, {"route": "self_pay"})
    await act(world, case, "submit", None, referrer)

    built = []
    original = case_store.to_domain

    def counting(row):
        built.append(row.id)
        return original(row)

    # Count every row -> aggregate, in the store and where the service names it.
    monkeypatch.setattr(case_store, "to_domain", counting)
    monkeypatch.setattr(service, "to_domain", counting)
    views = []
    original_view = service._view_of

    def recording(principal, row, aggregate, tasks):
        view = original_view(principal, row, aggregate, tasks)
        views.append(view)
        return view

    monkeypatch.setattr(service, "_view_of", recording)
    accepted = await act(world, case, "accept", {"reason": "ok"}, coordinator)

    assert built == [built[0]] and str(built[0]) == case["id"]  # once, in the service
    (view,) = views
    assert accepted["status"] == "accepted"
    assert accepted["allowed_actions"] == view.allowed_actions
    assert "approve-funding" in accepted["allowed_actions"]
