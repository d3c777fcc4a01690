"""Schemathesis (v4) over every operation of the live server, with valid tokens.

Runs the schemathesis CLI against a real uvicorn on loopback (tests/e2e/conftest.py)
with every check on: no server errors, responses and headers conforming to the
schema, undocumented status codes failing. Business-rule answers that random
valid data cannot avoid are expected statuses of positive data: 412 (a random
`If-Match`), 428 (a PATCH without one) and 422 when the problem is a failed guard
or rule, never when it is `validation_failed` (see schemathesis_hooks.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from tests.e2e.conftest import LiveServer

# Checks loaded by schemathesis (SCHEMATHESIS_HOOKS), copied beside each run's config.
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")

CONFIG = """
[checks]
enabled = true

# 410: a withdrawn document's content; 415: a generated file that is no PDF, image or text
# (a schema cannot say "these bytes must be a PDF").
[checks.positive_data_acceptance]
expected-statuses = [
    "2xx", "3xx", "401", "403", "404", "409", "410", "412", "415", "422", "428", "429"
]

[generation]
max-examples = {max_examples}

# The upload's negative data is judged by schemathesis_hooks.py, which reads the form
# as sent: schemathesis 4.32 misreads an unanchored pattern with a length (see there).
[[operations]]
include-method = "POST"
include-path = "/v1/cases/{{case_id}}/documents"
checks.negative_data_rejection.enabled = false
"""

# Every organisation role at once (admin is a role of its own, without an organisation).
ROLES = ("coordinator", "clinician", "referrer", "payer", "org_admin")


def _in_days(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


class Seeder:
    """Cases in several statuses, so that actions meet real cases and real guards."""

    def __init__(self, base_url: str, token: str, world) -> None:
        self.client = httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        self.world = world

    def post(self, path: str, body: dict | None, expect: int) -> dict:
        response = self.client.post(path, json=body)
        assert response.status_code == expect, response.text
        return response.json()

    def case(self, *steps: tuple[str, dict | None]) -> dict:
        patient = self.post(
            "/v1/patients",
            {
                "family_name": "Fuzz",
                "residence": {"country": "LC"},
                "identifiers": [{"system": "passport", "value": f"ST-{uuid.uuid4().hex}"}],
            },
            201,
        )
        case = self.post(
            "/v1/cases",
            {
                "patient_id": patient["id"],
                "receiving_organization_id": self.world.orgs["chu_martinique"],
                "specialty": "cardiology",
                "reason": "Referral",
                "clinical_summary": "Summary",
                "coverage": {
                    "route": "third_party_guarantee",
                    "payer_organization_id": self.world.orgs["lc_ministry"],
                    "agreement_id": self.world.agreements["cares"],
                },
            },
            201,
        )
        for action, body in steps:
            if action == "estimates":
                self.post(f"/v1/cases/{case['id']}/estimates", body, 201)
            else:
                case = self.post(f"/v1/cases/{case['id']}/{action}", body, 200)
        return {"case": case, "patient": patient}


def _seed(live_server: LiveServer, token: str, world) -> dict[str, list[str]]:
    seeder = Seeder(live_server.base_url, token, world)
    # The first round may have paused the hospital's intake on the corridor (the token is
    # one of its receiving coordinators, who pause, never suspend, a corridor): the seeded
    # cases need it open.
    resumed = seeder.client.post(f"/v1/agreements/{world.agreements['cares']}/resume-intake")
    assert resumed.status_code in (200, 409), resumed.text
    guarantee = {"reference": "G-1", "amount": {"amount": "1000.00", "currency": "EUR"}}
    funded = [
        ("submit", None),
        ("accept", {"reason": "Seen on file"}),
        ("estimates", {"total": {"amount": "1000.00", "currency": "EUR"}, "lines": []}),
        ("approve-funding", {"guarantee": guarantee}),
    ]
    transferred = [
        *funded,
        ("schedule-transfer", {"expected_arrival_at": _in_days(2), "transport": "sea"}),
    ]
    seeded = [
        seeder.case(),
        seeder.case(("submit", None)),
        seeder.case(*funded),
        seeder.case(*transferred, ("admit", {"admitted_at": _in_days(0), "unit": "icu"})),
    ]
    task = seeder.post(
        f"/v1/cases/{seeded[2]['case']['id']}/logistics-tasks", {"kind": "visa"}, 201
    )
    return {
        "case_id": [item["case"]["id"] for item in seeded],
        "patient_id": [item["patient"]["id"] for item in seeded],
        "task_id": [task["id"]],
        "organization_id": sorted(world.orgs.values()),
        "agreement_id": sorted(world.agreements.values()),
    }


def _bindings(known: dict[str, list[str]]) -> str:
    """Path ids drawn from the seeded resources most of the time, generated otherwise."""
    lines = []
    for name, values in known.items():
        quoted = ", ".join(f'"{value}"' for value in values)
        lines += [f"[dictionaries.{name}]", f"values = [{quoted}]", ""]
    lines.append("[parameters]")
    for name in known:
        lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = 0.8 }}')
    return "\n".join(lines) + "\n"


# A fixed seed keeps `make test` reproducible; `make fuzz` explores with fresh seeds.
DEFAULT_SEED = "20261125"


def _seed_option() -> list[str]:
    seed = os.environ.get("CORRIDOR_SCHEMATHESIS_SEED", DEFAULT_SEED)
    return [] if seed == "random" else ["--seed", seed]


def _run(live_server: LiveServer, token: str, directory: Path, config: str) -> None:
    directory.mkdir()
    (directory / "schemathesis.toml").write_text(config)
    (directory / "corridor_st_hooks.py").write_text(HOOKS.read_text())
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "--config-file",
            str(directory / "schemathesis.toml"),
            "run",
            f"{live_server.base_url}/openapi.json",
            "--checks",
            "all",
            "--header",
            f"Authorization: Bearer {token}",
            # One worker: hypothesis' lambda introspection is not thread-safe on 3.11.
            "--workers",
            "1",
            "--max-failures",
            "50",
            "--warnings",
            "off",
            *_seed_option(),
        ],
        cwd=directory,
        env={
            **os.environ,
            "SCHEMATHESIS_HOOKS": "corridor_st_hooks",
            "PYTHONPATH": str(directory),
            "SCHEMATHESIS_TELEMETRY": "false",
            "NO_COLOR": "1",
        },
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = result.stdout + result.stderr
    (directory / "schemathesis-output.txt").write_text(output)
    failures = output[output.find("FAILURES") :] if "FAILURES" in output else output
    assert result.returncode == 0, failures[:30000]


def test_every_operation_holds_its_contract(
    contract_server: LiveServer, org_setup, tmp_path: Path
) -> None:
    world = org_setup(contract_server)
    token = world.token("chu_martinique", *ROLES, sub="schemathesis")
    # 12 examples per operation in `make test` (a fixed seed: it is a regression check that
    # keeps the suite under 10 minutes); `make fuzz` draws 200 with fresh seeds.
    config = CONFIG.format(max_examples=os.environ.get("CORRIDOR_SCHEMATHESIS_EXAMPLES", "12"))
    # Generated ids (mostly 404s, the tenancy answer) ...
    _run(contract_server, token, tmp_path / "generated-ids", config)
    # ... then the same operations on real cases in several statuses.
    known = _seed(contract_server, token, world)
    _run(contract_server, token, tmp_path / "seeded-ids", config + _bindings(known))
