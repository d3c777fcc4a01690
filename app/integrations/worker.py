"""The webhook delivery worker: `corridor worker`, or inside `corridor serve`.

Two things, each in short transactions:

1. Fan-out. For every active endpoint (locked with SKIP LOCKED, so each is handled by
   one worker at a time), read its organisation's event feed from the endpoint's own
   cursor with the feed's gap-free rule, insert one delivery per matching event and
   move the cursor, in one transaction. No event is skipped (the feed's guarantee) and
   none is turned into two deliveries (the cursor moves with the inserts; a unique
   (endpoint, event) constraint backs it up).
2. Delivery. Claim due deliveries (SKIP LOCKED, then a lease), each endpoint's up to
   its own in-flight limit, send each one signed per Standard Webhooks as a task of
   its own, and record the attempt and what follows from it.

Endpoints do not wait for one another: an attempt starts as soon as its delivery is
due and its endpoint has room, whatever else is in flight, and every finished attempt
makes room for the next claim at once. A slow receiver holds at most
`webhook_max_in_flight_per_endpoint` attempts (over every worker), each for at most
`webhook_timeout_seconds`. The HTTP pool has a connection for every attempt this
process may have in flight (`worker_max_in_flight`), so an attempt never waits for
one; if it ever did and timed out, the delivery is given back, not counted as failed.

Run several workers at once freely. `run_once()` is one pass that waits for its
attempts; `run(stop)` loops.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.cases.feed_item import feed_item_json
from app.db.repositories.integrations import WebhookRepository
from app.db.unit_of_work import UnitOfWork
from app.integrations import service as webhooks
from app.integrations.feed import Position, TypeFilter, read_feed
from app.integrations.webhook_targets import PinnedTransport
from app.platform.clock import now_utc
from app.platform.errors import InvalidRequest
from app.platform.failure_log import RepeatedFailureLog
from app.platform.paging import Cursors
from app.platform.settings import Settings

log = logging.getLogger(__name__)

# How long shutdown waits for the attempts in flight before cancelling them (a
# cancelled attempt's lease runs out and it is sent again).
STOP_GRACE_SECONDS = 15
# Idle connections kept per worker process, over every receiver.
KEEPALIVE_CONNECTIONS = 20


@dataclass(frozen=True)
class PassResult:
    deliveries_created: int
    attempts_made: int
    more_events: bool = False

    @property
    def idle(self) -> bool:
        return not (self.deliveries_created or self.attempts_made or self.more_events)


class DeliveryWorker:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings
        self._client = client
        # Feed pages are read with a unit of work that can sign cursors.
        self.cursors = Cursors(settings.secret_key.get_secret_value())
        # Attempts sent and not yet recorded, by this process.
        self._in_flight: set[asyncio.Task] = set()
        # Set when one of them ends: the loop claims again at once.
        self._room = asyncio.Event()

    def _uow(self) -> UnitOfWork:
        return UnitOfWork.system(self.sessionmaker, cursors=self.cursors)

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            # Redirects are not followed: a receiver is the URL it registered, nothing else.
            # The transport connects only to the addresses it checked (DNS rebinding).
            # A connection for every attempt this process may have in flight.
            limits = httpx.Limits(
                max_connections=self.settings.worker_max_in_flight,
                max_keepalive_connections=min(
                    KEEPALIVE_CONNECTIONS, self.settings.worker_max_in_flight
                ),
            )
            self._client = httpx.AsyncClient(
                timeout=self.settings.webhook_timeout_seconds,
                follow_redirects=False,
                trust_env=False,
                transport=PinnedTransport(
                    self.settings.webhooks_allow_private_targets, limits=limits
                ),
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    # -- fan-out -----------------------------------------------------------------------------

    async def fan_out(self) -> tuple[int, bool]:
        """Deliveries for the events after each endpoint's cursor: (created, more left)."""
        created = 0
        more = False
        batch = self.settings.worker_batch_size
        async with self._uow() as uow:
            repository = uow.repository(WebhookRepository)
            for endpoint in await repository.active_endpoints_to_fan_out():
                page = await read_feed(
                    uow,
                    endpoint.organization_id,
                    after=Position(endpoint.cursor_transaction_id, endpoint.cursor_seq, now_utc()),
                    types=TypeFilter.parse(endpoint.event_types),
                    limit=batch,
                    retention_days=self.settings.event_retention_days,
                    enforce_retention=False,
                )
                if page.items:
                    first_attempt = now_utc()
                    values = [
                        {
                            "endpoint_id": endpoint.id,
                            "event_seq": row.seq,
                            "event_id": event_id,
                            "event_type": row.type,
                            "case_id": row.case_id,
                            "body": webhooks.payload(
                                row.type,
                                row.occurred_at,
                                feed_item_json(row, event_id),
                            ),
                            "status": webhooks.PENDING,
                            "next_attempt_at": first_attempt,
                        }
                        for row, event_id in page.items
                    ]
                    created += await repository.add_deliveries(values)
                    more = more or len(page.items) == batch
                (
                    endpoint.cursor_transaction_id,
                    endpoint.cursor_seq,
                ) = page.next_position.key()
            await uow.commit()
        return created, more

    # -- delivery ----------------------------------------------------------------------------

    async def _send(self, due: webhooks.DueDelivery) -> webhooks.AttemptOutcome | None:
        """The attempt's outcome; None when it was never sent (no connection came free:
        not the receiver's doing, so not an attempt)."""
        attempted_at = now_utc()
        started = time.perf_counter()

        def elapsed() -> int:
            return int((time.perf_counter() - started) * 1000)

        try:
            refusal = await webhooks.target_refusal(
                due.url, self.settings.webhooks_allow_private_targets
            )
        except InvalidRequest:
            refusal = "invalid_url"
        if refusal is not None:
            return webhooks.AttemptOutcome(attempted_at, elapsed(), error=f"target_{refusal}")
        headers = webhooks.signed_headers(due.secret, due.id, due.body, attempted_at)
        try:
            # The timeout bounds the whole request (httpx's bounds each read and write),
            # so an attempt always ends well within its lease.
            async with asyncio.timeout(self.settings.webhook_timeout_seconds):
                response = await self.client.post(due.url, content=due.body, headers=headers)
        except httpx.PoolTimeout:
            return None
        except (httpx.TimeoutException, TimeoutError):
            return webhooks.AttemptOutcome(attempted_at, elapsed(), error="timeout")
        except httpx.ConnectError as error:
            # The pinned transport's refusal at connection time reads like the check's.
            reason = str(error)
            if not reason.startswith("target_"):
                reason = f"ConnectError: {reason}"
            return webhooks.AttemptOutcome(attempted_at, elapsed(), error=reason[:500])
        except httpx.HTTPError as error:
            return webhooks.AttemptOutcome(
                attempted_at, elapsed(), error=f"{type(error).__name__}: {error}"[:500]
            )
        return webhooks.AttemptOutcome(
            attempted_at,
            elapsed(),
            status_code=response.status_code,
            retry_after=webhooks.parse_retry_after(response.headers.get("retry-after"), now_utc()),
            response_excerpt=response.text[: webhooks.RESPONSE_EXCERPT_CHARS],
        )

    async def _attempt(self, due: webhooks.DueDelivery) -> None:
        try:
            outcome = await self._send(due)
            async with self._uow() as uow:
                if outcome is None:
                    await webhooks.release_claim(uow, due.id)
                    delivery = None
                else:
                    delivery = await webhooks.record_attempt(uow, self.settings, due.id, outcome)
                await uow.commit()
        except Exception:
            # Not recorded (the database went away, say): the lease runs out and the
            # delivery is sent again, as after a crash.
            log.warning("webhook delivery %s: its attempt could not be recorded", due.id)
            return
        if outcome is None:
            log.warning("webhook delivery %s: no connection came free; not attempted", due.id)
        elif delivery is not None:
            log.info(
                "webhook delivery %s attempt %s: %s",
                delivery.id,
                delivery.attempt_count,
                outcome.status_code or outcome.error,
            )

    def _attempt_ended(self, task: asyncio.Task) -> None:
        self._in_flight.discard(task)
        self._room.set()

    async def dispatch_due(self) -> tuple[list[asyncio.Task], int]:
        """Claim what is due, as much as this process and each endpoint has room for, and
        start an attempt for each without waiting for it: (its tasks, how many were
        asked for)."""
        room = self.settings.worker_max_in_flight - len(self._in_flight)
        wanted = min(room, self.settings.worker_batch_size)
        if wanted <= 0:
            return [], 0
        async with self._uow() as uow:
            due = await webhooks.claim_due(uow, self.settings, wanted)
            await uow.commit()
        tasks = []
        for item in due:
            task = asyncio.create_task(self._attempt(item))
            self._in_flight.add(task)
            task.add_done_callback(self._attempt_ended)
            tasks.append(task)
        return tasks, wanted

    async def deliver_due(self) -> int:
        """One round: claim, send, and wait for these attempts to be recorded."""
        tasks, _ = await self.dispatch_due()
        if tasks:
            await asyncio.gather(*tasks)
        return len(tasks)

    async def _settle(self, grace: float) -> None:
        """Let the attempts in flight end, for up to `grace` seconds; cancel the rest."""
        if not self._in_flight:
            return
        _, late = await asyncio.wait(set(self._in_flight), timeout=grace)
        for task in late:
            task.cancel()
        if late:
            log.warning("%d webhook attempts cancelled at shutdown; sent again later", len(late))
            await asyncio.wait(late)

    # -- loop --------------------------------------------------------------------------------

    async def run_once(self) -> PassResult:
        created, more = await self.fan_out()
        attempted = await self.deliver_due()
        return PassResult(created, attempted, more)

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: fan out every poll interval (at once while events are
        left), and claim again whenever an attempt ends or the interval passes."""
        poll = self.settings.worker_poll_interval_seconds
        failures = RepeatedFailureLog(log, "webhook worker")
        log.info(
            "webhook worker started: up to %d attempts in flight, %d per endpoint, %g s each",
            self.settings.worker_max_in_flight,
            self.settings.webhook_max_in_flight_per_endpoint,
            self.settings.webhook_timeout_seconds,
        )
        next_fan_out = 0.0
        try:
            while not stop.is_set():
                self._room.clear()
                busy = False
                try:
                    if time.monotonic() >= next_fan_out:
                        _, more = await self.fan_out()
                        next_fan_out = 0.0 if more else time.monotonic() + poll
                        busy = more
                    tasks, wanted = await self.dispatch_due()
                    busy = busy or (wanted > 0 and len(tasks) == wanted)
                except Exception as error:
                    failures.failed(error)
                    busy = False
                else:
                    failures.succeeded()
                if not busy:
                    await _first_of(stop, self._room, timeout=poll)
        finally:
            await self._settle(STOP_GRACE_SECONDS)
            await self.aclose()


async def _first_of(*events: asyncio.Event, timeout: float) -> None:  # noqa: ASYNC109
    """Wait until one of `events` is set, or `timeout` seconds."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


async def run_worker(settings: Settings, database_url: str, stop: asyncio.Event) -> None:
    """`corridor worker`: its own engine, until `stop` is set."""
    from app.db.engine import create_engine, create_sessionmaker

    engine = create_engine(database_url, settings)
    try:
        await DeliveryWorker(create_sessionmaker(engine), settings).run(stop)
    finally:
        await engine.dispose()


@dataclass
class InProcessWorker:
    """The worker as a task of the API process (`corridor serve`)."""

    task: asyncio.Task
    stop_event: asyncio.Event

    async def stop(self) -> None:
        self.stop_event.set()
        try:
            # The worker gives its attempts STOP_GRACE_SECONDS, then cancels them.
            await asyncio.wait_for(self.task, STOP_GRACE_SECONDS + 5)
        except TimeoutError:
            log.warning("the in-process webhook worker did not stop in time; cancelled")


def start_in_process(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> InProcessWorker:
    stop = asyncio.Event()
    task = asyncio.create_task(DeliveryWorker(sessionmaker, settings).run(stop))
    return InProcessWorker(task, stop)
