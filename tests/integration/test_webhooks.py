"""Webhooks: the outbox, signed deliveries, retries, and the endpoints' API.

Delivery tests commit for real (the worker works across transactions) and send to a
real HTTP receiver on a free loopback port; signatures are checked with the
`standardwebhooks` package, not with our own code.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from app.db.models import WebhookDeliveryRow
from app.integrations import service as webhook_service
from app.integrations.worker import DeliveryWorker
from app.main import create_app
from tests.conftest import SYSTEM_CONTEXT

# -- a receiver: a plain asyncio HTTP/1.1 server on 127.0.0.1 ---------------------------------


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    status: int


Responder = Callable[[dict[str, str], bytes], tuple[int, dict[str, str]]]


def always(status: int, headers: dict[str, str] | None = None) -> Responder:
    return lambda _headers, _body: (status, headers or {})


@dataclass
class Receiver:
    port: int
    respond: Responder = field(default_factory=lambda: always(204))
    requests: list[Received] = field(default_factory=list)
    delay: float = 0.0
    _server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/corridor/events"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")[1:]
            headers = {
                name.strip().lower(): value.strip()
                for name, _, value in (line.partition(":") for line in lines if line)
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            if self.delay:
                await asyncio.sleep(self.delay)
            status, extra = self.respond(headers, body)
            self.requests.append(Received(headers, body, status))
            response = [f"HTTP/1.1 {status} X", "Content-Length: 2", "Connection: close"]
            response += [f"{name}: {value}" for name, value in extra.items()]
            writer.write(("\r\n".join(response) + "\r\n\r\nok").encode())
            await writer.drain()
        finally:
            writer.close()

    def succeeded(self) -> list[Received]:
        return [r for r in self.requests if 200 <= r.status < 300]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    receiver = Receiver(free_port())  # not listening until start(): the receiver is down
    yield receiver
    await receiver.stop()


# -- an organisation, the API and a worker on real commits ------------------------------------


@dataclass
class Integration:
    organization_id: uuid.UUID
    api: httpx.AsyncClient
    engine: AsyncEngine
    owner_engine: AsyncEngine
    make_worker: Callable[..., DeliveryWorker]

    async def create_webhook(self, url: str, event_types=("*",)) -> dict:
        response = await self.api.post(
            "/v1/webhooks", json={"url": url, "event_types": list(event_types)}
        )
        assert response.status_code == 201, response.text
        return response.json()

    async def events(self, *types: str, count: int = 1) -> list[int]:
        """Commit `count` events of each type for the organisation; their seqs."""
        seqs = []
        async with self.owner_engine.begin() as connection:
            await connection.execute(SYSTEM_CONTEXT)
            for event_type in types:
                for _ in range(count):
                    seqs.append(
                        (
                            await connection.execute(
                                text(
                                    "INSERT INTO case_events (type, case_id, case_version,"
                                    " from_status, to_status, actor_sub, actor_role,"
                                    " visible_to, occurred_at) VALUES (:type, :case_id, 3,"
                                    " 'submitted', 'accepted', 'io', 'coordinator',"
                                    " ARRAY[CAST(:org AS uuid)], :at) RETURNING seq"
                                ),
                                {
                                    "type": event_type,
                                    "case_id": uuid.uuid4(),
                                    "org": self.organization_id,
                                    "at": datetime.now(UTC),
                                },
                            )
                        ).scalar_one()
                    )
        return seqs

    async def deliveries(self, webhook_id: str) -> list[dict]:
        response = await self.api.get(
            f"/v1/webhooks/{webhook_id}/deliveries", params={"limit": 200}
        )
        assert response.status_code == 200, response.text
        return response.json()["items"]


@pytest.fixture
async def integration(settings, engine, owner_engine, auth) -> AsyncIterator[Integration]:
    organization_id = uuid.uuid4()
    async with owner_engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO organizations (id, name, kind, country, slug)"
                " VALUES (:id, 'Mutualité test', 'payer', 'BE', :slug)"
            ),
            {"id": organization_id, "slug": f"mutualite-test-{organization_id.hex[:8]}"},
        )
    sessionmaker = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    fast = {
        "webhook_retry_schedule_seconds": [0, 0, 0, 0, 0, 0, 0, 0],
        "webhook_retry_jitter": 0.0,
        "webhook_timeout_seconds": 3.0,
    }

    workers: list[DeliveryWorker] = []

    def make_worker(client: httpx.AsyncClient | None = None, **overrides) -> DeliveryWorker:
        workers.append(
            DeliveryWorker(
                sessionmaker, settings.model_copy(update={**fast, **overrides}), client=client
            )
        )
        return workers[-1]

    app = create_app(settings, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://testserver",
        headers=auth(organization_id, "payer", sub="mutuality-integrator"),
    ) as api:
        yield Integration(organization_id, api, engine, owner_engine, make_worker)
    for worker in workers:
        await worker.aclose()
    async with owner_engine.begin() as connection:
        await connection.execute(SYSTEM_CONTEXT)
        org = {"org": organization_id}
        await connection.execute(
            text("DELETE FROM webhook_endpoints WHERE organization_id = :org"), org
        )
        await connection.execute(text("DELETE FROM case_events WHERE :org = ANY (visible_to)"), org)
        await connection.execute(text("DELETE FROM organizations WHERE id = :org"), org)


# The feed's horizon is the oldest transaction running anywhere on the server (another
# test run's too): events become deliverable when it passes them, so wait for that.
HORIZON_DEADLINE_SECONDS = 60


async def fan_out_until(
    integration: Integration, webhook_id: str, count: int, *workers: DeliveryWorker
) -> None:
    """Fan out (with every worker at once) until the webhook has `count` deliveries."""
    deadline = time.monotonic() + HORIZON_DEADLINE_SECONDS
    while len(await integration.deliveries(webhook_id)) < count:
        assert time.monotonic() < deadline, "the events never became deliverable"
        await asyncio.gather(*(worker.fan_out() for worker in workers))
        await asyncio.sleep(0.02)


async def drain(worker: DeliveryWorker, passes: int = 20) -> None:
    """Run passes until one finds nothing to do."""
    for _ in range(passes):
        if (await worker.run_once()).idle:
            return
    raise AssertionError("the worker still had work after all its passes")


def verify(secret: str, received: Received) -> dict:
    return Webhook(secret).verify(received.body, received.headers)


# -- delivery ---------------------------------------------------------------------------------


async def test_a_receiver_down_then_flaky_then_up_gets_every_event(integration, receiver):
    webhook = await integration.create_webhook(receiver.url, ["case.*"])
    secret = webhook["secret"]
    assert secret.startswith("whsec_")
    shown = await integration.api.get(f"/v1/webhooks/{webhook['id']}")
    assert shown.status_code == 200 and "secret" not in shown.json()
    worker = integration.make_worker()

    # Down: nobody listens on the port.
    await integration.events("case.accepted", count=4)
    await integration.events("claim.paid")  # not subscribed: never delivered
    await fan_out_until(integration, webhook["id"], 4, worker)
    await worker.deliver_due()
    await worker.deliver_due()
    assert receiver.requests == []
    down = await integration.deliveries(webhook["id"])
    assert len(down) == 4
    assert all(d["status"] == "pending" and d["attempt_count"] == 2 for d in down)
    assert all(d["attempts"][0]["error"] and d["attempts"][0]["status_code"] is None for d in down)

    # Flaky: the first request of each message fails (503 asking to retry, or 500).
    await receiver.start()
    seen: set[str] = set()

    def flaky(headers, _body):
        message = headers["webhook-id"]
        if message not in seen:
            seen.add(message)
            return (503, {"Retry-After": "0"}) if len(seen) % 2 else (500, {})
        return 200, {}

    receiver.respond = flaky
    await integration.events("case.admitted", count=2)
    await fan_out_until(integration, webhook["id"], 6, worker)
    await worker.deliver_due()  # every pending delivery fails once more
    assert {r.status for r in receiver.requests} == {500, 503}

    # Up.
    receiver.respond = always(204)
    await integration.events("case.discharged", count=2)
    await fan_out_until(integration, webhook["id"], 8, worker)
    await drain(worker)

    delivered = receiver.succeeded()
    assert len(delivered) == 8
    payloads = [verify(secret, r) for r in delivered]  # raises on a bad signature
    assert len({r.headers["webhook-id"] for r in delivered}) == 8
    feed = (await integration.api.get("/v1/events", params={"types": "case.*"})).json()["items"]
    assert sorted(p["data"]["id"] for p in payloads) == sorted(e["id"] for e in feed)
    assert {p["type"] for p in payloads} == {"case.accepted", "case.admitted", "case.discharged"}
    assert all(p["data"]["reason"] is None for p in payloads)

    # The webhook-id and body are the same on every attempt of a message.
    by_message: dict[str, set[bytes]] = {}
    for request in receiver.requests:
        by_message.setdefault(request.headers["webhook-id"], set()).add(request.body)
    assert all(len(bodies) == 1 for bodies in by_message.values())

    history = await integration.deliveries(webhook["id"])
    assert len(history) == 8 and all(d["status"] == "succeeded" for d in history)
    first = next(d for d in history if d["attempt_count"] == 4)
    assert [a["status_code"] for a in first["attempts"]][2:] in ([503, 204], [500, 204])
    assert [a["number"] for a in first["attempts"]] == [1, 2, 3, 4]


async def test_signatures_are_bound_to_id_timestamp_and_body(integration, receiver):
    await receiver.start()
    webhook = await integration.create_webhook(receiver.url)
    await integration.events("case.submitted")
    worker = integration.make_worker()
    await fan_out_until(integration, webhook["id"], 1, worker)
    await drain(worker)
    (received,) = receiver.requests
    assert received.headers["webhook-signature"].startswith("v1,")
    assert received.headers["content-type"] == "application/json"
    assert verify(webhook["secret"], received)["type"] == "case.submitted"
    tampered = Received(received.headers, received.body.replace(b"submitted", b"cancelled"), 200)
    with pytest.raises(WebhookVerificationError):
        verify(webhook["secret"], tampered)
    other_id = Received({**received.headers, "webhook-id": "msg_other"}, received.body, 200)
    with pytest.raises(WebhookVerificationError):
        verify(webhook["secret"], other_id)
    with pytest.raises(WebhookVerificationError):
        verify(webhook_service.generate_secret(), received)


async def test_retry_after_postpones_the_next_attempt(integration, receiver):
    await receiver.start()
    receiver.respond = always(429, {"Retry-After": "120"})
    webhook = await integration.create_webhook(receiver.url)
    await integration.events("case.submitted")
    worker = integration.make_worker()
    await fan_out_until(integration, webhook["id"], 1, worker)
    before = datetime.now(UTC)
    await worker.deliver_due()
    (delivery,) = await integration.deliveries(webhook["id"])
    assert delivery["status"] == "pending" and delivery["last_status_code"] == 429
    next_at = datetime.fromisoformat(delivery["next_attempt_at"])
    assert next_at >= before + timedelta(seconds=119)
    # Nothing is due now: another pass sends nothing.
    await worker.run_once()
    assert len(receiver.requests) == 1


async def test_an_exhausted_schedule_disables_the_endpoint_until_enabled(integration, receiver):
    webhook = await integration.create_webhook(receiver.url)
    worker = integration.make_worker(webhook_retry_schedule_seconds=[0, 0, 0])
    await integration.events("case.submitted")
    await fan_out_until(integration, webhook["id"], 1, worker)
    for _ in range(3):
        await worker.deliver_due()
    (failed,) = await integration.deliveries(webhook["id"])
    assert failed["status"] == "failed" and failed["attempt_count"] == 3
    endpoint = (await integration.api.get(f"/v1/webhooks/{webhook['id']}")).json()
    assert endpoint["status"] == "disabled"
    assert endpoint["disabled_reason"] == "retries_exhausted"

    # Disabled: events keep coming but nothing is created or sent, nor can one be retried.
    await integration.events("case.admitted")
    await receiver.start()
    await drain(worker)
    assert receiver.requests == []
    refused = await integration.api.post(
        f"/v1/webhooks/{webhook['id']}/deliveries/{failed['id']}/retry"
    )
    assert refused.status_code == 409 and refused.json()["code"] == "webhook_disabled"

    # Enabled again: the events since are delivered, and the failed one on request.
    enabled = await integration.api.post(f"/v1/webhooks/{webhook['id']}/enable")
    assert enabled.status_code == 200 and enabled.json()["status"] == "active"
    await fan_out_until(integration, webhook["id"], 2, worker)
    await drain(worker)
    assert [verify(webhook["secret"], r)["type"] for r in receiver.requests] == ["case.admitted"]
    retried = await integration.api.post(
        f"/v1/webhooks/{webhook['id']}/deliveries/{failed['id']}/retry"
    )
    assert retried.status_code == 202 and retried.json()["status"] == "pending"
    await drain(worker)
    history = {d["id"]: d for d in await integration.deliveries(webhook["id"])}
    assert history[failed["id"]]["status"] == "succeeded"
    assert history[failed["id"]]["attempt_count"] == 4
    again = await integration.api.post(
        f"/v1/webhooks/{webhook['id']}/deliveries/{failed['id']}/retry"
    )
    assert again.status_code == 409 and again.json()["code"] == "delivery_succeeded"


async def test_410_gone_disables_the_endpoint_at_once(integration, receiver):
    await receiver.start()
    receiver.respond = always(410)
    webhook = await integration.create_webhook(receiver.url)
    await integration.events("case.submitted", "case.accepted")
    worker = integration.make_worker(worker_batch_size=1)
    await fan_out_until(integration, webhook["id"], 2, worker)
    await drain(worker)
    endpoint = (await integration.api.get(f"/v1/webhooks/{webhook['id']}")).json()
    assert endpoint["status"] == "disabled" and endpoint["disabled_reason"] == "receiver_gone"
    assert len(receiver.requests) == 1  # the second delivery waits for the endpoint to return


async def test_several_workers_never_send_the_same_attempt_twice(integration, receiver):
    await receiver.start()
    receiver.delay = 0.05  # a slow receiver, so the workers overlap
    webhook = await integration.create_webhook(receiver.url)
    await integration.events("case.submitted", count=30)
    workers = [integration.make_worker(worker_batch_size=7) for _ in range(3)]
    await fan_out_until(integration, webhook["id"], 30, *workers)
    for _ in range(10):
        sent = await asyncio.gather(*(worker.deliver_due() for worker in workers))
        if not any(sent):
            break
    ids = [r.headers["webhook-id"] for r in receiver.requests]
    assert len(ids) == 30 == len(set(ids))
    history = await integration.deliveries(webhook["id"])
    assert len(history) == 30
    assert all(d["status"] == "succeeded" and d["attempt_count"] == 1 for d in history)
    async with integration.owner_engine.connect() as connection:
        count = (
            await connection.execute(
                select(WebhookDeliveryRow.event_seq).where(
                    WebhookDeliveryRow.endpoint_id == uuid.UUID(webhook["id"])
                )
            )
        ).all()
    assert len(count) == len({row.event_seq for row in count}) == 30


async def test_an_endpoint_has_at_most_its_limit_in_flight_over_every_worker(integration, receiver):
    await receiver.start()
    receiver.delay = 1.0  # the attempts overlap the second round of claims
    webhook = await integration.create_webhook(receiver.url)
    await integration.events("case.submitted", count=6)
    workers = [integration.make_worker(webhook_max_in_flight_per_endpoint=2) for _ in range(3)]
    await fan_out_until(integration, webhook["id"], 6, *workers)

    first = await asyncio.gather(*(worker.dispatch_due() for worker in workers))
    in_flight = [task for tasks, _ in first for task in tasks]
    assert len(in_flight) == 2
    # While those two are in flight, no worker takes another of this endpoint's.
    again = await asyncio.gather(*(worker.dispatch_due() for worker in workers))
    assert [len(tasks) for tasks, _ in again] == [0, 0, 0]
    await asyncio.gather(*in_flight)

    for _ in range(10):
        sent = await asyncio.gather(*(worker.deliver_due() for worker in workers))
        assert sum(sent) <= 2
        if not any(sent):
            break
    history = await integration.deliveries(webhook["id"])
    assert all(d["status"] == "succeeded" and d["attempt_count"] == 1 for d in history)
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == len(receiver.requests) == 6


async def test_a_wait_for_a_connection_is_not_an_attempt(integration, receiver):
    """A client with fewer connections than attempts (the worker's own pool has as many as
    it may have in flight, so this is what a pool too small would do): the attempt that
    waited in vain for a connection is given back, not recorded as the receiver's
    failure."""
    await receiver.start()
    receiver.delay = 1.5
    webhook = await integration.create_webhook(receiver.url)
    await integration.events("case.submitted", count=2)
    cramped = httpx.AsyncClient(
        timeout=httpx.Timeout(10.0, pool=0.3), limits=httpx.Limits(max_connections=1)
    )
    worker = integration.make_worker(client=cramped)
    await fan_out_until(integration, webhook["id"], 2, worker)

    assert await worker.deliver_due() == 2
    assert len(receiver.requests) == 1
    history = await integration.deliveries(webhook["id"])
    assert sorted(d["attempt_count"] for d in history) == [0, 1]
    waited = next(d for d in history if d["attempt_count"] == 0)
    assert waited["status"] == "pending" and waited["attempts"] == []
    assert waited["last_error"] is None

    # Given back, not leased: the next round sends it.
    await drain(worker)
    history = await integration.deliveries(webhook["id"])
    assert all(d["status"] == "succeeded" and d["attempt_count"] == 1 for d in history)


async def test_a_private_target_is_refused_at_send_time_when_not_allowed(integration, receiver):
    await receiver.start()
    webhook = await integration.create_webhook(receiver.url)  # allowed in tests
    await integration.events("case.submitted")
    strict = integration.make_worker(
        webhooks_allow_private_targets=False, webhook_retry_schedule_seconds=[0, 3600]
    )
    await fan_out_until(integration, webhook["id"], 1, strict)
    await strict.deliver_due()
    assert receiver.requests == []
    (delivery,) = await integration.deliveries(webhook["id"])
    assert delivery["last_error"] == "target_private_address"
    assert delivery["status"] == "pending"


async def test_the_api_process_runs_the_worker_when_asked(integration, receiver, settings):
    """`corridor serve` runs the worker in the app's lifespan; it stops with the app."""
    await receiver.start()
    webhook = await integration.create_webhook(receiver.url)
    app = create_app(
        settings.model_copy(
            update={"run_worker_in_process": True, "worker_poll_interval_seconds": 0.05}
        ),
        sessionmaker=async_sessionmaker(integration.engine, expire_on_commit=False),
    )
    async with app.router.lifespan_context(app):
        await integration.events("case.submitted", "case.accepted")
        deadline = time.monotonic() + HORIZON_DEADLINE_SECONDS
        while len(receiver.succeeded()) < 2:
            assert time.monotonic() < deadline, "the in-process worker delivered nothing"
            await asyncio.sleep(0.05)
    types = [verify(webhook["secret"], r)["type"] for r in receiver.succeeded()]
    assert sorted(types) == ["case.accepted", "case.submitted"]


# -- the retry schedule -----------------------------------------------------------------------


def test_the_schedule_has_jitter_and_ends(settings):
    schedule = settings.webhook_retry_schedule_seconds
    assert schedule == [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]
    for attempts_made in range(1, len(schedule)):
        delay = webhook_service.retry_delay(settings, attempts_made)
        base = schedule[attempts_made]
        assert base * 0.9 <= delay <= base * 1.1
    assert webhook_service.retry_delay(settings, len(schedule)) is None
    # Retry-After lengthens a delay, never shortens it, and is capped at a day.
    assert webhook_service.retry_delay(settings, 1, retry_after=600) == 600
    assert webhook_service.retry_delay(settings, 4, retry_after=1) >= 7200 * 0.9
    assert webhook_service.retry_delay(settings, 1, retry_after=10**9) == 86_400


def test_retry_after_as_seconds_or_date():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert webhook_service.parse_retry_after("120", now) == 120
    assert webhook_service.parse_retry_after("Sun, 01 Mar 2026 12:02:00 GMT", now) == 120
    assert webhook_service.parse_retry_after("soon", now) is None
    assert webhook_service.parse_retry_after(None, now) is None


# -- the endpoints' API (rolled back with the test) -------------------------------------------


@pytest.fixture
def strict_client_factory(settings, sessionmaker):
    """An API that refuses private targets, as in production."""

    def make() -> httpx.AsyncClient:
        app = create_app(
            settings.model_copy(update={"webhooks_allow_private_targets": False}),
            sessionmaker=sessionmaker,
        )
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
            base_url="http://testserver",
        )

    return make


async def _organization(client, auth) -> str:
    response = await client.post(
        "/v1/organizations",
        json={"name": "Mutualité", "kind": "payer", "country": "BE"},
        headers=auth(None, "admin"),
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def test_private_and_loopback_targets_are_refused_unless_allowed(
    client, auth, strict_client_factory
):
    org = await _organization(client, auth)
    headers = auth(org, "payer")
    async with strict_client_factory() as strict:
        for url in (
            "http://127.0.0.1:8080/hooks",
            "http://localhost/hooks",
            "http://10.20.30.40/hooks",
            "http://192.168.1.10/hooks",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hooks",
            "http://[::ffff:127.0.0.1]/hooks",
            "http://0.0.0.0/hooks",
        ):
            refused = await strict.post("/v1/webhooks", json={"url": url}, headers=headers)
            assert refused.status_code == 422, url
            assert refused.json()["code"] == "webhook_target_not_allowed", url
        for url in ("ftp://files.example/x", "not a url", "http://user:pw@203.0.113.9/x"):
            bad = await strict.post("/v1/webhooks", json={"url": url}, headers=headers)
            assert bad.status_code == 422 and bad.json()["code"] == "invalid_webhook_url", url
        public = await strict.post(
            "/v1/webhooks", json={"url": "https://8.8.8.8/corridor"}, headers=headers
        )
        assert public.status_code == 201, public.text
    allowed = await client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/hooks"}, headers=headers
    )
    assert allowed.status_code == 201


async def test_webhooks_belong_to_their_organisation(client, auth):
    mine, theirs = await _organization(client, auth), await _organization(client, auth)
    me, them = auth(mine, "coordinator"), auth(theirs, "payer")
    created = await client.post(
        "/v1/webhooks",
        json={
            "url": "http://127.0.0.1:9/hooks",
            "event_types": ["claim.*", "case.discharged"],
            "description": "Billing sync",
        },
        headers={**me, "Idempotency-Key": "hook-1"},
    )
    assert created.status_code == 201, created.text
    webhook = created.json()
    assert created.headers["location"] == f"/v1/webhooks/{webhook['id']}"
    assert webhook["event_types"] == ["case.discharged", "claim.*"]
    assert webhook["status"] == "active" and webhook["organization_id"] == mine
    path = f"/v1/webhooks/{webhook['id']}"

    listed = (await client.get("/v1/webhooks", headers=me)).json()
    assert [w["id"] for w in listed["items"]] == [webhook["id"]]
    assert all("secret" not in w for w in listed["items"])
    assert (await client.get("/v1/webhooks", headers=them)).json()["items"] == []
    for method, url in (
        ("GET", path),
        ("DELETE", path),
        ("GET", f"{path}/deliveries"),
        ("POST", f"{path}/enable"),
        ("POST", f"{path}/deliveries/{uuid.uuid4()}/retry"),
    ):
        response = await client.request(method, url, headers=them)
        assert response.status_code == 404, (method, url)
    admin = await client.get("/v1/webhooks", headers=auth(None, "admin"))
    assert admin.status_code == 403
    clinician = await client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/x"}, headers=auth(mine, "clinician")
    )
    assert clinician.status_code == 403

    unknown = await client.post(
        "/v1/webhooks",
        json={"url": "http://127.0.0.1:9/x", "event_types": ["case.exploded"]},
        headers=me,
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_event_type"

    assert (await client.delete(path, headers=me)).status_code == 204
    assert (await client.get(path, headers=me)).status_code == 404


def test_the_payload_is_the_thin_feed_item():
    body = webhook_service.payload(
        "case.accepted", datetime(2026, 3, 1, tzinfo=UTC), {"id": "abc", "type": "case.accepted"}
    )
    assert json.loads(body) == {
        "type": "case.accepted",
        "timestamp": "2026-03-01T00:00:00+00:00",
        "data": {"id": "abc", "type": "case.accepted"},
    }


async def test_every_delivery_attempt_leaves_an_audit_row(integration, receiver):
    webhook = await integration.create_webhook(receiver.url, ["case.*"])
    worker = integration.make_worker()
    await integration.events("case.accepted")
    await fan_out_until(integration, webhook["id"], 1, worker)
    await worker.deliver_due()  # the receiver is down: a failed attempt
    await receiver.start()
    await drain(worker)
    (delivery,) = await integration.deliveries(webhook["id"])
    async with integration.owner_engine.connect() as connection:
        rows = (
            await connection.execute(
                text(
                    "SELECT outcome, organization_id, object_ids->>'webhook_id' AS webhook"
                    " FROM audit_events WHERE operation = 'webhooks-deliver'"
                    " AND object_id = :delivery ORDER BY seq"
                ),
                {"delivery": delivery["id"]},
            )
        ).all()
    assert [row.outcome for row in rows] == ["failed", "delivered"]
    assert {row.organization_id for row in rows} == {integration.organization_id}
    assert {row.webhook for row in rows} == {webhook["id"]}
