"""A mutuality's billing sync: follow Corridor's event feed, answer and pay claims.

    python examples/mutuality_sync.py --base-url http://127.0.0.1:8000 \\
        --token "$(corridor token --org <mutuality id> --role payer)" --state sync-state.json

For every `claim.submitted` event in the mutuality's feed it reads the claim, contests
it when its rules say so (no itemised lines, or above --max-amount), else accepts it and
pays the net amount due, and writes the outcome to a ledger: what a billing system would
book. It resumes exactly where it stopped, even after being killed:

- the state file (the feed cursor and the ledger) is replaced atomically after each
  event, so it always describes whole events;
- handling a claim is idempotent: it reads the claim's current status first, sends each
  answer with an Idempotency-Key derived from the claim, and with If-Match, so an event
  handled again after a crash never pays twice (Corridor refuses a second payment too);
- a payment that reached Corridor but not the ledger is found on the claim (paid, with
  our reference) and booked then.

Only httpx is needed. --once stops when the feed has nothing more; otherwise it polls.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

log = logging.getLogger("mutuality_sync")

FEED_TYPES = "claim.submitted"


class ApiError(Exception):
    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        try:
            self.problem = response.json()
        except ValueError:
            self.problem = {}
        self.code = self.problem.get("code", f"http_{self.status}")
        super().__init__(
            f"{response.request.method} {response.request.url.path}: {self.status} {self.code}"
        )


class Corridor:
    """The few Corridor calls the sync makes."""

    def __init__(self, base_url: str, token: str, timeout: float = 30) -> None:
        self.http = httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=timeout
        )

    def _check(self, response: httpx.Response) -> dict:
        if response.status_code >= 400:
            raise ApiError(response)
        return response.json()

    def events(self, after: str | None, limit: int = 50) -> dict:
        params: dict[str, Any] = {"types": FEED_TYPES, "limit": limit}
        if after:
            params["after"] = after
        return self._check(self.http.get("/v1/events", params=params))

    def claim(self, claim_id: str) -> dict:
        return self._check(self.http.get(f"/v1/claims/{claim_id}"))

    def answer(self, claim: dict, action: str, body: dict) -> dict:
        """accept / contest / pay, conditional on the version read, safe to repeat."""
        headers = {
            "If-Match": f'"{claim["version"]}"',
            "Idempotency-Key": f"mutuality-sync:{action}:{claim['id']}",
        }
        return self._check(
            self.http.post(f"/v1/claims/{claim['id']}/{action}", json=body, headers=headers)
        )

    def close(self) -> None:
        self.http.close()


@dataclass
class State:
    """The feed cursor and the ledger, saved together and atomically."""

    path: Path
    cursor: str | None = None
    ledger: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> State:
        if not path.exists():
            return cls(path)
        data = json.loads(path.read_text())
        return cls(path, data.get("cursor"), data.get("ledger", {}))

    def save(self) -> None:
        payload = json.dumps({"cursor": self.cursor, "ledger": self.ledger}, indent=1)
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".sync-state-")
        try:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)  # atomic: the old state or the new, never half
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@dataclass(frozen=True)
class Rules:
    """The mutuality's rules for a claim: contest what it cannot check or cannot pay."""

    max_amount: Decimal
    reference_prefix: str = "MUT"

    def objection(self, claim: dict) -> str | None:
        if not claim["lines"]:
            return "The claim has no itemised lines."
        if Decimal(claim["total"]["amount"]) > self.max_amount:
            return f"The total exceeds the agreed ceiling of {self.max_amount}."
        return None

    def reference(self, claim: dict) -> str:
        return f"{self.reference_prefix}-{claim['number']}"


class MutualitySync:
    def __init__(
        self, corridor: Corridor, state: State, rules: Rules, *, throttle: float = 0.0
    ) -> None:
        self.corridor = corridor
        self.state = state
        self.rules = rules
        self.throttle = throttle

    # -- one claim -------------------------------------------------------------------------

    def pay(self, claim: dict) -> dict:
        return self.corridor.answer(
            claim,
            "pay",
            {
                # What the claim asks once the advances are deducted (the total under ZOAST).
                "amount": claim["net_amount_due"],
                "paid_at": datetime.now(UTC).date().isoformat(),
                "reference": self.rules.reference(claim),
            },
        )

    def handle_claim(self, claim_id: str) -> None:
        """Bring the claim to its end state (paid or contested) and book it, whatever
        had already been done before a crash."""
        for _ in range(5):  # a concurrent change (409/412) is read again and retried
            claim = self.corridor.claim(claim_id)
            try:
                if claim["status"] == "submitted":
                    objection = self.rules.objection(claim)
                    if objection:
                        claim = self.corridor.answer(claim, "contest", {"reason": objection})
                    else:
                        claim = self.corridor.answer(claim, "accept", {})
                if claim["status"] == "accepted":
                    claim = self.pay(claim)
            except ApiError as error:
                if error.status in (409, 412):
                    log.info(
                        "claim %s changed meanwhile (%s); reading it again", claim_id, error.code
                    )
                    continue
                raise
            self.book(claim)
            return
        raise RuntimeError(f"claim {claim_id} kept changing; leaving it for the next run")

    def book(self, claim: dict) -> None:
        if claim["id"] in self.state.ledger:
            return  # booked before: never twice
        if claim["status"] == "paid" and claim["payment_reference"] == self.rules.reference(claim):
            self.state.ledger[claim["id"]] = {
                "number": claim["number"],
                "outcome": "paid",
                "amount": claim["paid_amount"]["amount"],
                "currency": claim["paid_amount"]["currency"],
                "reference": claim["payment_reference"],
                "paid_at": claim["paid_at"],
            }
        elif claim["status"] in ("contested", "replaced"):
            self.state.ledger[claim["id"]] = {
                "number": claim["number"],
                "outcome": "contested",
                "reason": claim["contest_reason"],
            }
        else:
            log.warning("claim %s is %s: not ours to book", claim["id"], claim["status"])

    # -- the feed --------------------------------------------------------------------------

    def sync_once(self) -> int:
        """Read the feed until an empty page; returns the number of events handled."""
        handled = 0
        while True:
            try:
                page = self.corridor.events(self.state.cursor)
            except ApiError as error:
                if error.code != "cursor_expired":
                    raise
                # Too old for the feed: start over from the window. Handling is idempotent,
                # so claims already dealt with are only read again.
                log.warning("cursor expired; replaying the feed's whole window")
                self.state.cursor = None
                continue
            for event in page["items"]:
                self.handle_claim(event["data"]["claim_id"])
                self.state.cursor = event["id"]
                self.state.save()
                handled += 1
                if self.throttle:
                    time.sleep(self.throttle)
            self.state.cursor = page["next_cursor"]
            self.state.save()
            if not page["items"]:
                return handled

    def run(self, *, once: bool, poll_interval: float) -> None:
        while True:
            handled = self.sync_once()
            if handled:
                log.info(
                    "handled %d claim events; %d claims booked", handled, len(self.state.ledger)
                )
            if once:
                return
            time.sleep(poll_interval)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--base-url", default=os.environ.get("CORRIDOR_URL", "http://127.0.0.1:8000")
    )
    parser.add_argument("--token", default=os.environ.get("CORRIDOR_TOKEN"), help="a payer's token")
    parser.add_argument("--state", type=Path, default=Path("mutuality-sync-state.json"))
    parser.add_argument("--max-amount", type=Decimal, default=Decimal("50000"))
    parser.add_argument("--once", action="store_true", help="stop when the feed is caught up")
    parser.add_argument("--poll-interval", type=float, default=5.0)
    parser.add_argument(
        "--throttle", type=float, default=0.0, help="seconds to wait between claims"
    )
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("a token is needed: --token or CORRIDOR_TOKEN")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    corridor = Corridor(args.base_url, args.token)
    try:
        MutualitySync(
            corridor, State.load(args.state), Rules(args.max_amount), throttle=args.throttle
        ).run(once=args.once, poll_interval=args.poll_interval)
    except KeyboardInterrupt:
        return 130
    finally:
        corridor.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
