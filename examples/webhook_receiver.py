"""A webhook receiver to try Corridor's webhooks on your own machine (Python 3.11+, the
standard library only).

    CORRIDOR_WEBHOOK_SECRET=whsec_... python3 examples/webhook_receiver.py --port 8765

It checks each delivery as the Standard Webhooks specification says
(https://www.standardwebhooks.com): the `webhook-signature` header holds `v1,<base64
HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the secret's
bytes (the base64 after `whsec_`), and the timestamp is within five minutes. A verified
delivery is printed (one JSON line: id, type, timestamp, case reference if any) and
answered 204; anything else is refused with 401 and printed on stderr. `--count N`
stops after N verified deliveries.

Corridor sends only to public addresses; to deliver to this receiver on 127.0.0.1,
start the server with CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true (never in production).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

TOLERANCE_SECONDS = 5 * 60  # a replayed delivery older than this is refused


def expected_signature(secret: str, webhook_id: str, timestamp: str, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify(secret: str, headers, body: bytes, now: float | None = None) -> str | None:
    """None if the delivery is Corridor's and fresh; else why not."""
    webhook_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (webhook_id and timestamp and signatures):
        return "missing webhook-id, webhook-timestamp or webhook-signature"
    if not timestamp.isdigit():
        return "webhook-timestamp is not a number"
    if abs((now or time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        return "webhook-timestamp is too far from now"
    wanted = expected_signature(secret, webhook_id, timestamp, body)
    # Several signatures may be sent (a rotated secret): one matching is enough.
    for candidate in signatures.split():
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, wanted):
            return None
    return "no signature matches the secret"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--count", type=int, default=0, help="stop after N deliveries (0: never)")
    args = parser.parse_args(argv)
    secret = os.environ.get("CORRIDOR_WEBHOOK_SECRET", "")
    if not secret.startswith("whsec_"):
        print("set CORRIDOR_WEBHOOK_SECRET to the webhook's secret (whsec_...)", file=sys.stderr)
        return 2
    received = 0

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            nonlocal received
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            refusal = verify(secret, self.headers, body)
            if refusal is not None:
                print(f"refused a delivery: {refusal}", file=sys.stderr, flush=True)
                self.send_response(401)
                self.end_headers()
                return
            event = json.loads(body)
            data = event.get("data") or {}
            line = {
                "webhook_id": self.headers["webhook-id"],
                "type": event.get("type"),
                "timestamp": event.get("timestamp"),
                "reference": data.get("reference") or (data.get("case") or {}).get("reference"),
                "verified": True,
            }
            print(json.dumps(line), flush=True)
            self.send_response(204)
            self.end_headers()
            received += 1

        def log_message(self, format: str, *args) -> None:
            pass  # one line per delivery is enough

    server = HTTPServer((args.host, args.port), Receiver)
    print(f"listening on http://{args.host}:{args.port}/", file=sys.stderr, flush=True)
    try:
        while not args.count or received < args.count:
            server.handle_request()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
