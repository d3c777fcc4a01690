"""The webhook delivery worker: `corridor worker`, or inside `corridor serve`.

Each pass does two things, each in short transactions:

1. Fan-out. For every active endpoint (locked with SKIP LOCKED, so each is handled by
   one worker at a time), read its organisation's event feed from the endpoint's own
   cursor with the feed's gap-free rule, insert one delivery per matching event and
   move the cursor, in one transaction. No event is skipped (the feed's guarantee) and
   none is turned into two deliveries (the cursor moves with the inserts; a unique
   (endpoint, event) constraint backs it up).
2. Delivery. Claim due deliveries (SKIP LOCKED, then a lease), send each one signed
   per Standard Webhooks, and record the attempt and what follows from it.

Run several workers at once freely. `run_once()` is one pass; `run(stop)` loops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db.repositories.integrations import WebhookRepository
from app.db.unit_of_work import UnitOfWork
from app.integrations import service as webhooks
from app.integrations.feed import Position, TypeFilter, read_feed
from app.integrations.presenters import feed_item
from app.integrations.webhook_targets import PinnedTransport
from app.platform.clock import now_utc
from app.platform.database_errors import is_database_unavailable
from app.platform.errors import InvalidRequest
from app.platform.paging import Cursors
from app.platform.settings import Settings

log = logging.getLogger(__name__)

# How long shutdown waits for the attempts in flight before cancelling them.
STOP_GRACE_SECONDS = 15


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
        # The event ids in payloads are feed cursors, signed like the API's.
        self.cursors = Cursors(settings.secret_key.get_secret_value())

    def _uow(self) -> UnitOfWork:
        return UnitOfWork.system(self.sessionmaker, cursors=self.cursors)

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            # Redirects are not followed: a receiver is the URL it registered, nothing else.
            # The transport connects only to the addresses it checked (DNS rebinding).
            self._client = httpx.AsyncClient(
                timeout=self.settings.webhook_timeout_seconds,
                follow_redirects=False,
                trust_env=False,
                transport=PinnedTransport(self.settings.webhooks_allow_private_targets),
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
                            "event_id": cursor,
                            "event_type": row.type,
                            "case_id": row.case_id,
                            "body": webhooks.payload(
                                row.type,
                                row.occurred_at,
                                feed_item(row, cursor, thin=True),
                            ),
                            "status": webhooks.PENDING,
                            "next_attempt_at": first_attempt,
                        }
                        for row, cursor in page.items
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

    async def _send(self, due: webhooks.DueDelivery) -> webhooks.AttemptOutcome:
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
            response = await self.client.post(due.url, content=due.body, headers=headers)
        except httpx.TimeoutException:
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
        outcome = await self._send(due)
        async with self._uow() as uow:
            delivery = await webhooks.record_attempt(uow, self.settings, due.id, outcome)
            await uow.commit()
        if delivery is not None:
            log.info(
                "webhook delivery %s attempt %s: %s",
                delivery.id,
                delivery.attempt_count,
                outcome.status_code or outcome.error,
            )

    async def deliver_due(self) -> int:
        async with self._uow() as uow:
            due = await webhooks.claim_due(uow, self.settings, self.settings.worker_batch_size)
            await uow.commit()
        await asyncio.gather(*(self._attempt(item) for item in due))
        return len(due)

    # -- loop --------------------------------------------------------------------------------

    async def run_once(self) -> PassResult:
        created, more = await self.fan_out()
        attempted = await self.deliver_due()
        return PassResult(created, attempted, more)

    async def run(self, stop: asyncio.Event) -> None:
        """Pass after pass until `stop` is set; rest between passes that found nothing."""
        try:
            while not stop.is_set():
                try:
                    result = await self.run_once()
                except Exception as error:
                    if is_database_unavailable(error):
                        log.warning("webhook worker: database unavailable; retrying")
                    else:
                        log.exception("webhook worker pass failed; retrying")
                    result = PassResult(0, 0)
                if result.idle:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(
                            stop.wait(), timeout=self.settings.worker_poll_interval_seconds
                        )
        finally:
            await self.aclose()


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
            await asyncio.wait_for(self.task, STOP_GRACE_SECONDS)
        except TimeoutError:
            log.warning("the in-process webhook worker did not stop in time; cancelled")


def start_in_process(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> InProcessWorker:
    stop = asyncio.Event()
    task = asyncio.create_task(DeliveryWorker(sessionmaker, settings).run(stop))
    return InProcessWorker(task, stop)
