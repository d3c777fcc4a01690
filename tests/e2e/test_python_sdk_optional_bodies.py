"""Every case action whose body is optional, called through the generated Python SDK with
no body at all, against the live server.

The document once described an optional body as `anyOf [Schema, null]`; the generated
SDK then sent its `Unset` sentinel as JSON and crashed inside httpx (`Object of type Unset
is not JSON serializable`) before any request left. Now the body is simply omitted, and
the server answers as the lifecycle says: the transition, or 422 `guard_failed` naming
what the action needs.

The actions come from the document (every `cases-*` operation on `/v1/cases/{case_id}/…`
with an optional body), so an action added later is covered too. A case is brought to a
status the action leaves by walking the transition table with full bodies.
"""

from __future__ import annotations

import importlib
import sys
import uuid
from collections import deque
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from app.domain.transitions import TRANSITIONS
from app.domain.vocabulary import Action, CaseStatus, Role
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "clients" / "python"))

from corridor_client import AuthenticatedClient, models
from corridor_client.api.cases import cases_create
from corridor_client.api.patients import patients_create


def _at(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


# Full bodies, to walk a case to the status an action leaves (the table's rows, in order).
FULL_BODIES = {
    "schedule-teleconsultation": lambda: {
        "scheduled_at": _at(1),
        "mode": "video",
        "consultant": "Dr L. Bérard",
    },
    "record-teleconsultation": lambda: {"outcome": "transfer_recommended"},
    "schedule-transfer": lambda: {
        "expected_arrival_at": _at(3),
        "transport": "commercial_flight",
        "escorts": 1,
    },
    "admit": lambda: {"admitted_at": _at(0), "unit": "cardiology"},
    "accept": lambda: {"reason": "Accepted on file review"},
    "discharge": lambda: {
        "discharged_at": _at(0.01),
        "disposition": "home",
        "summary": "Stable at discharge.",
    },
    "hold": lambda: {"reason": "Tropical storm: airport closed"},
    "request-information": lambda: {
        "questions": "Latest echocardiography report, please.",
        "due_date": _at(3)[:10],
    },
}
# The referrer's side of the case acts these; the receiving hospital the rest.
REFERRER_ACTIONS = {Action.SUBMIT, Action.PROVIDE_INFORMATION, Action.ACKNOWLEDGE_DISCHARGE}
# Walks never take these on the way: they end a case, or need a claim first.
NOT_ON_THE_WAY = {Action.CANCEL, Action.DECLINE, Action.CLOSE}


def _optional_body_actions(spec: dict) -> dict[str, str]:
    """action -> request schema name, for every case action with an optional body."""
    actions = {}
    for path, item in spec["paths"].items():
        operation = item.get("post", {})
        body = operation.get("requestBody")
        prefix = "/v1/cases/{case_id}/"
        if not path.startswith(prefix) or body is None or body.get("required"):
            continue
        action = path.removeprefix(prefix)
        if action in {a.value for a in Action}:
            ref = body["content"]["application/json"]["schema"]["$ref"]
            actions[action] = ref.rsplit("/", 1)[-1]
    return actions


def _path_to(status: CaseStatus) -> list[Action]:
    """The shortest walk from draft to `status` over the table (routine priority)."""
    queue: deque[tuple[CaseStatus, list[Action]]] = deque([(CaseStatus.DRAFT, [])])
    seen = {CaseStatus.DRAFT}
    while queue:
        current, walk = queue.popleft()
        if current == status:
            return walk
        for row in TRANSITIONS:
            if (
                current not in row.sources
                or row.only_priority
                or row.only_care_settings
                or row.action in NOT_ON_THE_WAY
            ):
                continue
            target = row.target
            if row.action == Action.RECORD_TELECONSULTATION:
                target = CaseStatus.ACCEPTED  # transfer_recommended
            if row.action == Action.RESUME or target is None or target in seen:
                continue
            seen.add(target)
            queue.append((target, [*walk, row.action]))
    raise AssertionError(f"no walk to {status}: add its action's body to FULL_BODIES")


def _module(action: str):
    return importlib.import_module(f"corridor_client.api.cases.cases_{action.replace('-', '_')}")


@pytest.fixture(scope="module")
def parties(live_server, org_setup):
    world = org_setup(live_server)

    def client(org: str, *roles: str) -> AuthenticatedClient:
        return AuthenticatedClient(
            base_url=live_server.base_url, token=world.token(org, *roles, sub=f"sdk-{org}")
        )

    return (
        world,
        client("castries", Role.REFERRER.value),
        client("chu_martinique", Role.COORDINATOR.value, Role.CLINICIAN.value),
    )


def _new_case(world, physician, care_setting: str = "inpatient") -> models.Case:
    patient = patients_create.sync(
        client=physician,
        body=models.PatientCreate(
            family_name="Auguste",
            given_names=["Lucien"],
            sex=models.Sex.MALE,
            residence=models.Residence(country="LC", city="Soufrière"),
            identifiers=[
                models.PatientIdentifier(system="passport", value=f"LC{uuid.uuid4().hex[:8]}")
            ],
        ),
    )
    assert isinstance(patient, models.Patient), patient
    case = cases_create.sync(
        client=physician,
        body=models.CaseCreate(
            patient_id=patient.id,
            receiving_organization_id=uuid.UUID(world.orgs["chu_martinique"]),
            specialty="cardiology",
            care_setting=models.CareSetting(care_setting),
            reason="Coronary angiography",
            clinical_summary="Unstable angina, positive stress test.",
            coverage=models.CoverageIn(
                route=models.CoverageRoute.S2,
                payer_organization_id=uuid.UUID(world.orgs["mutuality"]),
                authorisation=models.Authorisation(
                    reference="S2-LC-2026-0193",
                    valid_from=date(2026, 1, 1),
                    valid_until=date(2030, 12, 31),
                ),
            ),
        ),
    )
    assert isinstance(case, models.Case), case
    return case


def test_every_case_action_works_through_the_python_sdk_without_a_body(
    live_server, parties
) -> None:
    world, physician, hospital = parties
    spec = httpx.get(f"{live_server.base_url}/openapi.json").json()
    actions = _optional_body_actions(spec)
    assert len(actions) >= 15, actions

    outcomes: dict[str, tuple[int, str]] = {}
    for action, schema_name in actions.items():
        # Rows that need a fact of the case's funding (a guarantee to amend, an
        # authorisation to extend) are walked where the path below brings it, else skipped
        # by the table itself: the server answers 409 and says what it offers instead.
        rows = [r for r in TRANSITIONS if r.action == action and not r.only_priority]
        # An inpatient row where there is one; attendances exist only for care without an
        # admission, walked on an outpatient case.
        inpatient = [r for r in rows if not r.only_care_settings]
        setting = "inpatient" if inpatient else "outpatient"
        source = min(
            (s for row in inpatient or rows for s in row.sources),
            key=list(CaseStatus).index,
        )
        case = _new_case(world, physician, setting)
        for step in _path_to(source):
            request_model = getattr(models, _optional_body_actions(spec)[step.value])
            actor = physician if step in REFERRER_ACTIONS else hospital
            body = request_model.from_dict(FULL_BODIES.get(step.value, dict)())
            walked = _module(step.value).sync(case.id, client=actor, body=body)
            assert isinstance(walked, models.Case), (step, walked)
        actor = physician if action in REFERRER_ACTIONS else hospital

        # No body: the SDK sends none, the server decides.
        answer = _module(action).sync_detailed(case.id, client=actor)

        needs_facts = all(r.only_when for r in rows)
        allowed = (200, 409, 422) if needs_facts else (200, 422)
        assert answer.status_code in allowed, (action, answer.status_code, answer.content)
        if answer.status_code == 409:
            # Not offered: the case holds nothing the action could change.
            assert action not in answer.parsed.allowed_actions
            outcomes[action] = (409, "not offered")
            continue
        if answer.status_code == 200:
            assert isinstance(answer.parsed, models.Case)
            assert answer.parsed.version > case.version
            outcomes[action] = (200, str(answer.parsed.status))
        else:
            # The action ran and its guard names what a body would have brought.
            assert isinstance(answer.parsed, models.Problem), answer.content
            assert answer.parsed.code == "guard_failed", answer.content
            assert answer.parsed.missing, answer.content
            outcomes[action] = (422, ",".join(answer.parsed.missing))
        assert schema_name  # the SDK has a model for the optional body, unused here

    # What each action needs comes from its guard, never from request validation.
    assert outcomes["submit"] == (200, "submitted")
    assert outcomes["record-arrival"] == (200, "arrived")
    assert outcomes["resume"] == (200, "submitted")
    # S2 with the authorisation given at referral: funding needs no body either.
    assert outcomes["approve-funding"] == (200, "funding_approved")
    assert outcomes["schedule-transfer"] == (422, "expected_arrival_at,transport")
    assert outcomes["close"] == (422, "final_claim,return_transport")
    assert outcomes["cancel"] == (422, "reason_code")
    assert set(outcomes) == set(actions)
