"""The journey's two ends through the TypeScript SDK, as a user gets it: the packed
@corridor/client installed into a fresh project, the journeys in tests/e2e/ts/ compiled
there with the repository's pinned tsc (strict) and run by node against the live server.

- An outpatient PET-scan, referral to close (the steps of test_python_sdk_journey, same
  funding: a ministry guarantee under CARES), with the referrer's answer carrying a report
  uploaded as multipart, and a follow-up outcome refused before the call has begun.
- A ZOAST emergency presentation opened by CH Tourcoing for a patient already admitted,
  to close, with close refused until the way home and the final claim are settled.

Each program prints one JSON line per step; the test asserts on them, then reads the case
back over plain HTTP to check where it ended.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.e2e.test_typescript_sdk import (
    _node_tools,
    _run,
    compile_with_pinned_tsc,
    install_into_fresh_project,
    pack_sdk,
)

JOURNEYS = Path(__file__).parent / "ts"
PROGRAMS = ["steps.ts", "pet_scan_journey.ts", "zoast_emergency_journey.ts"]


@pytest.fixture(scope="module")
def journeys(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """(the compiled project, node's environment): packed, installed and compiled once."""
    env = _node_tools()
    workdir = tmp_path_factory.mktemp("ts-journey")
    tarball = pack_sdk(workdir, env)
    project = install_into_fresh_project(workdir, tarball, "corridor-journeys", env)
    for name in PROGRAMS:
        shutil.copy(JOURNEYS / name, project / name)
    compile_with_pinned_tsc(project, PROGRAMS, env)
    return project, env


def _journey(journeys, program: str, server, world, people: dict[str, tuple], **env) -> dict:
    """Run one compiled journey as `people` ({who: (org, role, sub)}): its steps by name."""
    project, node_env = journeys
    tokens = {
        f"CORRIDOR_TOKEN_{who.upper()}": world.token(org, role, sub=sub)
        for who, (org, role, sub) in people.items()
    }
    result = _run(
        ["node", f"out/{program}.js"],
        project,
        {**node_env, "CORRIDOR_BASE_URL": server.base_url, **tokens, **env},
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    steps = {line["step"]: line for line in lines}
    assert len(steps) == len(lines), "a step was reported twice"
    steps["_order"] = [(line["step"], line.get("status")) for line in lines]
    return steps


def _read_back(server, world, case_id: str, org: str, role: str) -> dict:
    response = httpx.get(
        f"{server.base_url}/v1/cases/{case_id}",
        headers={"Authorization": f"Bearer {world.token(org, role, sub='http-reader')}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_an_outpatient_pet_scan_from_referral_to_close_through_the_typescript_sdk(
    live_server, org_setup, journeys
) -> None:
    world = org_setup(live_server)
    steps = _journey(
        journeys,
        "pet_scan_journey",
        live_server,
        world,
        {
            "physician": ("castries", "referrer", "dr-charles-ts"),
            "office": ("chu_martinique", "coordinator", "io-martinique-ts"),
            "clinician": ("chu_martinique", "clinician", "dr-nuc-ts"),
        },
        CORRIDOR_RECEIVING_ORGANIZATION_ID=world.orgs["chu_martinique"],
        CORRIDOR_PAYER_ORGANIZATION_ID=world.orgs["lc_ministry"],
    )
    assert steps["_order"] == [
        ("create", "draft"),
        ("submit", "submitted"),
        ("request_information", "information_requested"),
        ("provide_information", "submitted"),
        ("accept", "accepted"),
        ("approve_funding", "funding_approved"),
        ("schedule_transfer", "transfer_scheduled"),
        ("record_arrival", "arrived"),
        ("record_attendance", "arrived"),
        ("discharge", "discharged"),
        ("referrer_reads_letter", "discharged"),
        ("acknowledge_discharge", "discharged"),
        ("schedule_follow_up", "discharged"),
        ("record_follow_up_too_early", None),
        ("record_follow_up", "discharged"),
        ("settle", None),
        ("close", "closed"),
        ("worklist", None),
    ]
    case_id = steps["create"]["case_id"]
    assert steps["create"]["care_setting"] == "outpatient"

    # The question's due date, and the answer carrying the report the SDK uploaded.
    due = steps["request_information"]["due_date"]
    assert (datetime.fromisoformat(due).date() - datetime.now().date()).days in (2, 3, 4)
    answered = steps["provide_information"]
    assert answered["document_content_type"] == "application/pdf"  # judged by content
    assert answered["answer_document_ids"] == [answered["document_id"]]
    assert answered["answered_by"] == "dr-charles-ts"

    # Outpatient: attended, never admitted; the referrer's SDK read the structured letter.
    assert steps["record_attendance"]["attendances"] == ["nuclear-medicine"]
    assert steps["record_attendance"]["stay"] is None
    assert steps["referrer_reads_letter"]["diagnosis_code"] == "C85.9"
    assert steps["referrer_reads_letter"]["follow_up_instructions"].startswith("Review")
    assert steps["acknowledge_discharge"]["acknowledged_by"] == "dr-charles-ts"

    # The follow-up keeps its join link and its time zone; its outcome waited for it.
    booked = steps["schedule_follow_up"]
    assert booked["kind"] == "follow_up"
    assert booked["address_url"] == "https://teams.example.org/j/42"
    assert datetime.fromisoformat(booked["scheduled_at"]).utcoffset() == timedelta(hours=-4)
    assert steps["record_follow_up_too_early"] == {
        "step": "record_follow_up_too_early",
        "http_status": 422,
        "code": "guard_failed",
        "missing": ["follow_up_started"],
    }
    assert steps["settle"]["return_transport"] == "not_needed"
    assert steps["settle"]["claim_kind"] == "final"
    assert steps["settle"]["claim_debtor_organization_id"] == world.orgs["lc_ministry"]
    assert steps["worklist"] == {
        "step": "worklist",
        "by_reference": [case_id],
        "by_name": [case_id],
    }

    # Over plain HTTP, as the receiving office: where the case ended.
    case = _read_back(live_server, world, case_id, "chu_martinique", "coordinator")
    assert case["status"] == "closed"
    assert case["care_setting"] == "outpatient" and case["origin"] == "referral"
    assert case["stay"] is None and len(case["attendances"]) == 1
    [request] = case["information_requests"]
    assert request["document_ids"] == [answered["document_id"]]
    assert request["answered_at"] is not None
    assert case["discharge_letter"]["acknowledged_by"] == "dr-charles-ts"
    assert [(t["kind"], t["status"], t["outcome"]) for t in case["teleconsultations"]] == [
        ("follow_up", "fulfilled", "completed")
    ]
    assert [(t["kind"], t["status"]) for t in case["logistics_tasks"]] == [
        ("return_transport", "not_needed")
    ]
    assert case["allowed_actions"] == []


def test_a_zoast_emergency_presentation_from_arrival_to_close_through_the_typescript_sdk(
    live_server, org_setup, journeys
) -> None:
    world = org_setup(live_server)
    steps = _journey(
        journeys,
        "zoast_emergency_journey",
        live_server,
        world,
        {
            "office": ("tourcoing", "coordinator", "io-tourcoing-ts"),
            "clinician": ("tourcoing", "clinician", "dr-cardio-ts"),
        },
        CORRIDOR_PAYER_ORGANIZATION_ID=world.orgs["mutuality"],
    )
    assert steps["_order"] == [
        ("present", "admitted"),
        ("transfer_unit", "admitted"),
        ("logistics", None),
        ("discharge", "discharged"),
        ("close_too_early", None),
        ("settle", None),
        ("close", "closed"),
    ]
    present = steps["present"]
    case_id = present["case_id"]
    assert present["origin"] == "emergency_presentation"
    assert present["priority"] == "emergency"
    assert present["receiving_organization_id"] == world.orgs["tourcoing"]
    # The zone's agreement (Tournai, 75xx) was found for the route.
    assert present["agreement_id"] == world.agreements["zoast"]
    assert present["stay"] == {"unit": "cardiac-icu", "bed": "2"}
    assert steps["transfer_unit"]["stay"] == {"unit": "cardiology", "bed": None}
    assert steps["logistics"]["interpreter"] == {"status": "requested", "language": "nl"}
    assert steps["logistics"]["return_transport"]["status"] == "requested"
    assert steps["close_too_early"] == {
        "step": "close_too_early",
        "http_status": 422,
        "code": "guard_failed",
        "missing": ["final_claim", "return_transport"],
    }
    assert steps["settle"]["return_transport"] == "completed"
    assert steps["settle"]["claim_kind"] == "final"
    assert steps["settle"]["claim_debtor_organization_id"] == world.orgs["mutuality"]

    case = _read_back(live_server, world, case_id, "tourcoing", "coordinator")
    assert case["status"] == "closed"
    assert case["clinical_summary"] == "Chest pain, STEMI."
    assert case["origin"] == "emergency_presentation"
    assert case["coverage"]["route"] == "zoast"
    assert case["payer_organization_id"] == world.orgs["mutuality"]
    assert case["presented_at"] is not None
    assert case["stay"]["discharged_at"] is not None
    assert [(m["to_unit"], m["bed"]) for m in case["stay"]["movements"]] == [
        ("cardiac-icu", "2"),
        ("cardiology", None),
    ]
    assert case["discharge_letter"]["diagnoses"][0]["code"] == "I21.0"
    tasks = {t["kind"]: t for t in case["logistics_tasks"]}
    assert tasks["return_transport"]["status"] == "completed"
    assert tasks["return_transport"]["assignee"] == "transport-desk"
    assert tasks["interpreter"]["language"] == "nl"
    # The payer that pays for it sees it, without the clinical text.
    as_payer = _read_back(live_server, world, case_id, "mutuality", "payer")
    assert as_payer["status"] == "closed"
    assert as_payer.get("clinical_summary") is None
