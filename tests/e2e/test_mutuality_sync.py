"""examples/mutuality_sync.py against a live server: killed mid-run, restarted, every claim
is answered and paid exactly once."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "mutuality_sync.py"
MAX_AMOUNT = Decimal("6500")
DEADLINE_SECONDS = 90


def load_example():
    spec = importlib.util.spec_from_file_location("mutuality_sync", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutuality_sync"] = module
    spec.loader.exec_module(module)
    return module


def in_days(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


class Hospital:
    """Tourcoing's side, over HTTP: cases for the mutuality's members, and their claims."""

    def __init__(self, world) -> None:
        self.world = world
        self.base = world.server.base_url
        self.referrer = self._headers("mons_gp", "referrer")
        self.coordinator = self._headers("tourcoing", "coordinator")

    def _headers(self, org: str, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.world.token(org, role)}"}

    def post(self, path: str, body: dict | None, headers: dict, expect: int = 200) -> dict:
        response = httpx.post(f"{self.base}{path}", json=body, headers=headers, timeout=30)
        assert response.status_code == expect, response.text
        return response.json()

    def discharged_case(self, member_number: str) -> dict:
        patient = self.post(
            "/v1/patients",
            {
                "family_name": "Dubois",
                "given_names": ["Luc"],
                "birth_date": "1958-02-01",
                "sex": "male",
                "residence": {"country": "BE", "postal_code": "7000", "city": "Mons"},
                "identifiers": [{"system": "mutuality_member", "value": member_number}],
            },
            self.referrer,
            201,
        )
        case = self.post(
            "/v1/cases",
            {
                "patient_id": patient["id"],
                "receiving_organization_id": self.world.orgs["tourcoing"],
                "specialty": "cardiology",
                "priority": "emergency",
                "clinical_summary": "Acute coronary syndrome.",
                "coverage": {
                    "route": "third_party_guarantee",
                    "payer_organization_id": self.world.orgs["mutuality"],
                    "member_number": member_number,
                },
            },
            self.referrer,
            201,
        )
        path = f"/v1/cases/{case['id']}"
        self.post(f"{path}/submit", None, self.referrer)
        self.post(f"{path}/accept", {"reason": "Emergency"}, self.coordinator)
        self.post(
            f"{path}/schedule-transfer",
            {"expected_arrival_at": in_days(0.1), "transport": "ground_ambulance"},
            self.coordinator,
        )
        self.post(f"{path}/admit", {"admitted_at": in_days(-3), "unit": "icu"}, self.coordinator)
        return self.post(
            f"{path}/discharge",
            {"discharged_at": in_days(-1), "disposition": "home", "summary": "Recovered."},
            self.coordinator,
        )

    def claim(self, case: dict, number: str, amount: str, **fields) -> dict:
        total = {"amount": amount, "currency": "EUR"}
        return self.post(
            f"/v1/cases/{case['id']}/claims",
            {
                "number": number,
                "kind": "final",
                "total": total,
                "lines": [{"description": "Intensive care", "amount": total}],
                **fields,
            },
            self.coordinator,
            201,
        )

    def claims(self) -> dict[str, dict]:
        found: dict[str, dict] = {}
        cursor = None
        while True:
            params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = httpx.get(
                f"{self.base}/v1/claims", params=params, headers=self.coordinator, timeout=30
            ).json()
            found.update({claim["id"]: claim for claim in page["items"]})
            cursor = page["next_cursor"]
            if cursor is None:
                return found


@pytest.fixture(scope="module")
def world(live_server, org_setup):
    world = org_setup(live_server)
    if "tourcoing_contract" not in world.agreements:
        # A guarantee route rests on a corridor agreement (issue 24): the hospital's
        # contract with the mutuality for guaranteed care outside the ZOAST.
        response = httpx.post(
            f"{world.server.base_url}/v1/agreements",
            json={
                "name": "Contrat CH Tourcoing - Mutualité chrétienne",
                "kind": "private_contract",
                "receiving_organization_ids": [world.orgs["tourcoing"]],
                "payer_organization_ids": [world.orgs["mutuality"]],
                "zone": [{"country": "BE"}],
                "valid_from": "2020-01-01",
            },
            headers={"Authorization": f"Bearer {world.token(None, 'admin')}"},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        world.agreements["tourcoing_contract"] = response.json()["id"]
    return world


def payer_token(world) -> str:
    return world.token("mutuality", "payer", sub="mutuality-sync")


def ledger(state_path: Path) -> dict[str, dict]:
    if not state_path.exists():
        return {}
    return json.loads(state_path.read_text())["ledger"]


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def start_example(world, state_path: Path, log_path: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            str(EXAMPLE),
            "--base-url",
            world.server.base_url,
            "--token",
            payer_token(world),
            "--state",
            str(state_path),
            "--max-amount",
            str(MAX_AMOUNT),
            "--poll-interval",
            "0.2",
            *extra,
        ],
        stdout=log_path.open("a"),
        stderr=subprocess.STDOUT,
    )


def paid_events(world, claim_ids: set[str]) -> list[str]:
    """The claim.paid events of these claims in the mutuality's feed."""
    headers = {"Authorization": f"Bearer {payer_token(world)}"}
    found, cursor = [], None
    while True:
        params = {"types": "claim.paid", "limit": 200, **({"after": cursor} if cursor else {})}
        page = httpx.get(
            f"{world.server.base_url}/v1/events", params=params, headers=headers, timeout=30
        ).json()
        found += [
            e["data"]["claim_id"] for e in page["items"] if e["data"]["claim_id"] in claim_ids
        ]
        cursor = page["next_cursor"]
        if not page["items"]:
            return found


def assert_settled_exactly_once(world, hospital, claims: dict[str, dict], state_path: Path):
    on_server = hospital.claims()
    booked = ledger(state_path)
    for claim_id, claim in claims.items():
        now = on_server[claim_id]
        if Decimal(claim["total"]["amount"]) > MAX_AMOUNT:
            assert now["status"] in ("contested", "replaced"), now
            assert booked[claim_id]["outcome"] == "contested"
        else:
            assert now["status"] == "paid", now
            assert now["paid_amount"] == claim["total"]
            assert now["payment_reference"] == f"MUT-{claim['number']}"
            assert booked[claim_id] == {
                "number": claim["number"],
                "outcome": "paid",
                "amount": claim["total"]["amount"],
                "currency": "EUR",
                "reference": f"MUT-{claim['number']}",
                "paid_at": now["paid_at"],
            }
    paid_ids = {cid for cid, c in claims.items() if Decimal(c["total"]["amount"]) <= MAX_AMOUNT}
    events = paid_events(world, set(claims))
    assert sorted(events) == sorted(paid_ids)  # one claim.paid per claim: paid once each


def test_killed_mid_run_and_restarted_it_settles_every_claim_once(world, tmp_path):
    hospital = Hospital(world)
    claims = {}
    for index in range(1, 9):
        case = hospital.discharged_case(f"MC-KILL-{index}")
        claim = hospital.claim(case, f"TCG-KILL-{index:03d}", f"{1000 * index}.00")
        claims[claim["id"]] = claim
    contested_count = sum(Decimal(c["total"]["amount"]) > MAX_AMOUNT for c in claims.values())
    assert contested_count == 2

    state_path, log_path = tmp_path / "state.json", tmp_path / "sync.log"
    slow = start_example(world, state_path, log_path, "--throttle", "0.4")
    try:
        wait_until(lambda: len(set(ledger(state_path)) & set(claims)) >= 3, "a first claims")
    finally:
        slow.kill()  # SIGKILL: no clean-up, wherever it is
        slow.wait(timeout=10)
    done_at_kill = len(set(ledger(state_path)) & set(claims))
    assert done_at_kill < len(claims), "the run was not interrupted"

    restarted = start_example(world, state_path, log_path)
    try:
        wait_until(lambda: set(claims) <= set(ledger(state_path)), "every claim settled")
        assert_settled_exactly_once(world, hospital, claims, state_path)

        # The hospital corrects the contested claims; the running sync pays the corrections.
        corrections = {}
        for claim in claims.values():
            if Decimal(claim["total"]["amount"]) > MAX_AMOUNT:
                correction = hospital.claim(
                    {"id": claim["case_id"]},
                    f"{claim['number']}-R1",
                    "6000.00",
                    replaces_claim_id=claim["id"],
                )
                corrections[correction["id"]] = correction
        wait_until(lambda: set(corrections) <= set(ledger(state_path)), "the corrections paid")
    finally:
        restarted.terminate()
        restarted.wait(timeout=10)
    assert restarted.returncode in (0, -15, 130), log_path.read_text()
    assert_settled_exactly_once(world, hospital, {**claims, **corrections}, state_path)


def test_a_crash_between_payment_and_booking_is_recovered_without_paying_twice(world, tmp_path):
    sync_module = load_example()
    hospital = Hospital(world)
    claims = {}
    for index in range(1, 4):
        case = hospital.discharged_case(f"MC-CRASH-{index}")
        claim = hospital.claim(case, f"TCG-CRASH-{index:03d}", "2500.00")
        claims[claim["id"]] = claim
    state_path = tmp_path / "state.json"

    class Crash(Exception):
        pass

    def run_until(sync, claim_ids: set[str]) -> None:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while not claim_ids <= set(sync.state.ledger):
            assert time.monotonic() < deadline, "the sync never caught up"
            sync.sync_once()
            time.sleep(0.1)

    corridor = sync_module.Corridor(world.server.base_url, payer_token(world))
    try:
        rules = sync_module.Rules(MAX_AMOUNT)
        crashing = sync_module.MutualitySync(corridor, sync_module.State.load(state_path), rules)
        pay = crashing.pay
        paid_before_crash: list[str] = []

        def pay_then_crash(claim):
            pay(claim)
            paid_before_crash.append(claim["id"])
            raise Crash  # the payment is in Corridor; the state file never hears of it

        crashing.pay = pay_then_crash
        with pytest.raises(Crash):
            run_until(crashing, set(claims))
        (crashed_on,) = paid_before_crash
        assert crashed_on not in ledger(state_path)

        # Restarted from the state file: the event is handled again, the payment is found
        # on the claim and booked, nothing is paid twice.
        resumed = sync_module.MutualitySync(corridor, sync_module.State.load(state_path), rules)
        run_until(resumed, set(claims))
    finally:
        corridor.close()
    assert_settled_exactly_once(world, hospital, claims, state_path)
