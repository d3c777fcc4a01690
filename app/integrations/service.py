"""Webhooks: endpoints per organisation, Standard Webhooks signatures, the retry schedule,
and what each delivery attempt does to its delivery and endpoint.

The worker that turns events into deliveries and sends them is app/integrations/worker.py.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import orjson

from app.access import audit
from app.access.authorization import authorize
from app.db.keyset import SortKey, keyset_page
from app.db.models import WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow
from app.db.repositories.integrations import WebhookRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.vocabulary import DeliveryStatus, WebhookStatus
from app.integrations import webhook_targets
from app.integrations.feed import TypeFilter, start_position
from app.platform.clock import now_utc
from app.platform.errors import Conflict, InvalidRequest, NotFound
from app.platform.settings import Settings

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix, not a secret
MAX_ENDPOINTS_PER_ORGANIZATION = 20
# A receiver may ask us to wait (Retry-After), but not for longer than a day.
MAX_RETRY_AFTER_SECONDS = 86_400
RESPONSE_EXCERPT_CHARS = 1000


ACTIVE, DISABLED = WebhookStatus.ACTIVE, WebhookStatus.DISABLED
PENDING, SUCCEEDED, FAILED = DeliveryStatus.PENDING, DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED


# -- Standard Webhooks signing ---------------------------------------------------------------


def generate_secret() -> str:
    """`whsec_` and 32 random bytes in base64, as the Standard Webhooks specification says."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the secret's bytes."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    digest = hmac.new(key, f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def message_id(delivery_id: uuid.UUID) -> str:
    return f"msg_{delivery_id.hex}"


def signed_headers(secret: str, delivery_id: uuid.UUID, body: str, at: datetime) -> dict[str, str]:
    timestamp = int(at.timestamp())
    identifier = message_id(delivery_id)
    return {
        "content-type": "application/json",
        "user-agent": "Corridor-Webhooks/1",
        "webhook-id": identifier,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, identifier, timestamp, body),
    }


def payload(event_type: str, occurred_at: datetime, data: dict | bytes) -> str:
    """The body every attempt sends, frozen when the delivery is created. `data`: the
    feed item, as its JSON (`feed_item_json`, embedded as it is) or as data."""
    return orjson.dumps(
        {
            "type": event_type,
            "timestamp": occurred_at.isoformat(),
            "data": orjson.Fragment(data) if isinstance(data, bytes) else data,
        }
    ).decode()


# -- targets ---------------------------------------------------------------------------------


def _split_target(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidRequest("The webhook URL is not valid.", code="invalid_webhook_url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequest(
            "A webhook URL is an absolute http or https URL.", code="invalid_webhook_url"
        )
    if parts.username or parts.password:
        raise InvalidRequest(
            "Put no credentials in a webhook URL; verify our signature instead.",
            code="invalid_webhook_url",
        )
    problem = webhook_targets.host_name_problem(parts.hostname)
    if problem is not None:
        raise InvalidRequest(
            f"The webhook URL's host is not valid: {problem}.", code="invalid_webhook_url"
        )
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


async def target_refusal(url: str, allow_private: bool) -> str | None:
    """Why we will not send to this URL, or None. Private, loopback, link-local and other
    non-public addresses are refused (the API must not become a way into the network it
    runs in) unless the setting allows them, as development and tests do."""
    host, port = _split_target(url)
    if allow_private:
        return None
    why, _ = await webhook_targets.refusal(host, port, allow_private)
    return why


# Outside production the refusal names the override, so a developer trying webhooks
# against a local receiver knows what to set; production does not hint at it.
PRIVATE_TARGET_HINT = (
    "Webhooks are delivered to public addresses only. To deliver to a local receiver "
    "while developing, start the server with CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true "
    "(never in production)."
)


async def check_target(url: str, allow_private: bool, *, hint: bool = False) -> None:
    refusal = await target_refusal(url, allow_private)
    if refusal == "unresolvable":
        raise InvalidRequest(
            "The webhook URL's host does not resolve.", code="webhook_target_unresolvable"
        )
    if refusal is not None:
        raise InvalidRequest(
            PRIVATE_TARGET_HINT if hint else "Webhooks are delivered to public addresses only.",
            code="webhook_target_not_allowed",
        )


# -- retry schedule --------------------------------------------------------------------------


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)


def retry_delay(
    settings: Settings, attempts_made: int, retry_after: float | None = None
) -> float | None:
    """Seconds before the next attempt once `attempts_made` attempts failed; None when the
    schedule is exhausted. Jitter spreads each delay; Retry-After can only lengthen it."""
    schedule = settings.webhook_retry_schedule_seconds
    if attempts_made >= len(schedule):
        return None
    delay = schedule[attempts_made]
    spread = settings.webhook_retry_jitter
    if spread:
        delay *= random.uniform(1 - spread, 1 + spread)
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER_SECONDS))
    return delay


@dataclass(frozen=True)
class AttemptOutcome:
    attempted_at: datetime
    duration_ms: int
    status_code: int | None = None
    error: str | None = None
    retry_after: float | None = None
    response_excerpt: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


async def record_attempt(
    uow: UnitOfWork, settings: Settings, delivery_id: uuid.UUID, outcome: AttemptOutcome
) -> WebhookDeliveryRow | None:
    """Write the attempt, move its delivery on, and leave the attempt in the audit trail."""
    delivery = await _move_delivery_on(uow, settings, delivery_id, outcome)
    if delivery is not None:
        endpoint = await uow.repository(WebhookRepository).endpoint(delivery.endpoint_id)
        # Appended last: the chain head stays locked only until the commit that follows.
        await audit.append(
            uow.session,
            audit.Entry(
                operation="webhooks-deliver",
                outcome="delivered" if outcome.succeeded else "failed",
                status=outcome.status_code,
                actor_sub="system:webhook-worker",
                organization_id=endpoint.organization_id if endpoint else None,
                object_type="webhook_delivery",
                object_id=str(delivery.id),
                object_ids={
                    "webhook_id": str(delivery.endpoint_id),
                    "case_id": str(delivery.case_id),
                    "event_id": delivery.event_id,
                },
            ),
        )
    return delivery


async def _move_delivery_on(
    uow: UnitOfWork, settings: Settings, delivery_id: uuid.UUID, outcome: AttemptOutcome
) -> WebhookDeliveryRow | None:
    """Succeeded, retried later, or failed.

    410 Gone from the receiver disables the endpoint at once; so does the failure that
    exhausts the schedule. A manual retry beyond the schedule fails alone.
    """
    webhooks = uow.repository(WebhookRepository)
    delivery = await webhooks.delivery(delivery_id, for_update=True)
    if delivery is None:  # the endpoint was deleted meanwhile
        return None
    now = now_utc()
    delivery.attempt_count += 1
    webhooks.add_attempt(
        WebhookAttemptRow(
            id=uuid.uuid4(),
            delivery_id=delivery.id,
            number=delivery.attempt_count,
            attempted_at=outcome.attempted_at,
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            error=outcome.error[:500] if outcome.error else None,
            response_excerpt=(outcome.response_excerpt or "")[:RESPONSE_EXCERPT_CHARS] or None,
        )
    )
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error[:500] if outcome.error else None
    delivery.locked_until = None
    delivery.updated_at = now
    if outcome.succeeded:
        delivery.status = SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        return delivery

    gone = outcome.status_code == 410
    delay = None if gone else retry_delay(settings, delivery.attempt_count, outcome.retry_after)
    if delay is not None:
        delivery.next_attempt_at = now + timedelta(seconds=delay)
        return delivery
    delivery.status = FAILED
    delivery.next_attempt_at = None
    exhausted = delivery.attempt_count == len(settings.webhook_retry_schedule_seconds)
    if gone or exhausted:
        endpoint = await webhooks.endpoint(delivery.endpoint_id, for_update=True)
        if endpoint is not None and endpoint.status == ACTIVE:
            endpoint.status = DISABLED
            endpoint.disabled_reason = "receiver_gone" if gone else "retries_exhausted"
            endpoint.disabled_at = now
            endpoint.updated_at = now
    return delivery


# -- endpoints, the organisation's side ------------------------------------------------------


def _require_manager(principal: Principal) -> uuid.UUID:
    authorize(principal, Operation.MANAGE_WEBHOOKS)
    assert principal.organization_id is not None  # the policy's side: an organisation
    return principal.organization_id


async def create_endpoint(
    uow: UnitOfWork,
    principal: Principal,
    settings: Settings,
    *,
    url: str,
    event_types: list[str],
    description: str | None,
) -> tuple[WebhookEndpointRow, str]:
    """Register an endpoint; it receives the events committed from now on. Returns the
    signing secret, which is shown this once."""
    organization_id = _require_manager(principal)
    types = TypeFilter.parse(event_types)
    await check_target(
        url,
        settings.webhooks_allow_private_targets,
        hint=settings.environment != "production",
    )
    webhooks = uow.repository(WebhookRepository)
    if await webhooks.count_endpoints(organization_id) >= MAX_ENDPOINTS_PER_ORGANIZATION:
        raise Conflict(
            f"An organisation has at most {MAX_ENDPOINTS_PER_ORGANIZATION} webhooks.",
            code="too_many_webhooks",
        )
    start = await start_position(uow)
    secret = generate_secret()
    now = now_utc()
    endpoint = WebhookEndpointRow(
        id=uuid.uuid4(),
        organization_id=organization_id,
        url=url,
        description=description,
        event_types=types.names,
        secret=secret,
        status=ACTIVE,
        cursor_transaction_id=start.transaction_id,
        cursor_seq=start.seq,
        created_by=principal.sub,
        created_at=now,
        updated_at=now,
    )
    await webhooks.add_endpoint(endpoint)
    return endpoint, secret


async def get_endpoint(
    uow: UnitOfWork, principal: Principal, endpoint_id: uuid.UUID, *, for_update: bool = False
) -> WebhookEndpointRow:
    organization_id = _require_manager(principal)
    endpoint = await uow.repository(WebhookRepository).endpoint_of(
        organization_id, endpoint_id, for_update=for_update
    )
    if endpoint is None:
        raise NotFound("webhook")
    return endpoint


async def list_endpoints(
    uow: UnitOfWork, principal: Principal, limit: int, cursor: str | None
) -> tuple[list[WebhookEndpointRow], str | None]:
    organization_id = _require_manager(principal)
    query = uow.repository(WebhookRepository).endpoints_of(organization_id)
    return await keyset_page(
        uow,
        query,
        kind="webhooks",
        order=[SortKey(WebhookEndpointRow.created_at), SortKey(WebhookEndpointRow.id)],
        limit=limit,
        cursor=cursor,
    )


async def delete_endpoint(uow: UnitOfWork, principal: Principal, endpoint_id: uuid.UUID) -> None:
    endpoint = await get_endpoint(uow, principal, endpoint_id, for_update=True)
    await uow.repository(WebhookRepository).delete_endpoint(endpoint.id)


async def enable_endpoint(
    uow: UnitOfWork, principal: Principal, endpoint_id: uuid.UUID
) -> WebhookEndpointRow:
    """Turn a disabled endpoint back on: its pending deliveries resume and the events
    since it was disabled are delivered (its feed position stood still meanwhile)."""
    endpoint = await get_endpoint(uow, principal, endpoint_id, for_update=True)
    if endpoint.status != ACTIVE:
        endpoint.status = ACTIVE
        endpoint.disabled_reason = None
        endpoint.disabled_at = None
        endpoint.updated_at = now_utc()
        await uow.repository(WebhookRepository).flush()
    return endpoint


# -- deliveries, the organisation's side -----------------------------------------------------


async def list_deliveries(
    uow: UnitOfWork,
    principal: Principal,
    endpoint_id: uuid.UUID,
    *,
    status: DeliveryStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[tuple[WebhookDeliveryRow, list[WebhookAttemptRow]]], str | None]:
    """An endpoint's deliveries, newest first, each with every attempt made."""
    endpoint = await get_endpoint(uow, principal, endpoint_id)
    webhooks = uow.repository(WebhookRepository)
    query = webhooks.deliveries_of(endpoint.id, status)
    rows, next_cursor = await keyset_page(
        uow,
        query,
        kind="deliveries",
        order=[
            SortKey(WebhookDeliveryRow.created_at, descending=True),
            SortKey(WebhookDeliveryRow.id, descending=True),
        ],
        limit=limit,
        cursor=cursor,
    )
    attempts = await webhooks.attempts_of([row.id for row in rows])
    return [(row, attempts[row.id]) for row in rows], next_cursor


async def retry_delivery(
    uow: UnitOfWork, principal: Principal, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> tuple[WebhookDeliveryRow, list[WebhookAttemptRow]]:
    """Send a delivery again now: a failed one once more, a pending one without waiting
    for its back-off."""
    endpoint = await get_endpoint(uow, principal, endpoint_id)
    webhooks = uow.repository(WebhookRepository)
    delivery = await webhooks.delivery_of(endpoint.id, delivery_id)
    if delivery is None:
        raise NotFound("delivery")
    if endpoint.status != ACTIVE:
        raise Conflict(
            "The webhook is disabled; enable it first.",
            code="webhook_disabled",
            disabled_reason=endpoint.disabled_reason,
        )
    now = now_utc()
    if delivery.status == SUCCEEDED:
        raise Conflict("This delivery has succeeded.", code="delivery_succeeded")
    if delivery.locked_until is not None and delivery.locked_until > now:
        raise Conflict("This delivery is being sent right now.", code="delivery_in_progress")
    delivery.status = PENDING
    delivery.next_attempt_at = now
    delivery.updated_at = now
    await webhooks.flush()
    attempts = (await webhooks.attempts_of([delivery.id]))[delivery.id]
    return delivery, attempts


# -- the worker's side -----------------------------------------------------------------------


@dataclass(frozen=True)
class DueDelivery:
    id: uuid.UUID
    url: str
    secret: str
    body: str


def lease_seconds(settings: Settings) -> float:
    """How long a claimed delivery is kept from other workers: longer than an attempt
    can take (target check, then the whole request under the timeout)."""
    return settings.webhook_timeout_seconds + 30


async def claim_due(uow: UnitOfWork, settings: Settings, limit: int) -> list[DueDelivery]:
    """Take up to `limit` due deliveries of active endpoints for this worker, each
    endpoint's oldest first, and no endpoint beyond its in-flight limit
    (`webhook_max_in_flight_per_endpoint`, over every worker).

    The endpoints are locked first (SKIP LOCKED, in a statement of their own), so the
    next statement counts each one's leases with every claim committed before; the
    deliveries are then taken FOR UPDATE SKIP LOCKED and leased before the commit, which
    keeps the other workers off them while this one sends (no transaction stays open
    across the HTTP call, so none holds back the event feed's horizon).
    """
    now = now_utc()
    webhooks = uow.repository(WebhookRepository)
    endpoints = await webhooks.lock_endpoints_with_due_deliveries(now)
    leased = await webhooks.lease_due_deliveries(
        endpoints,
        now,
        now + timedelta(seconds=lease_seconds(settings)),
        per_endpoint=settings.webhook_max_in_flight_per_endpoint,
        limit=limit,
    )
    return [DueDelivery(id_, url, secret, body) for id_, url, secret, body in leased]


async def release_claim(uow: UnitOfWork, delivery_id: uuid.UUID) -> None:
    """Give back a claimed delivery that was never sent: no attempt is recorded."""
    await uow.repository(WebhookRepository).release_lease(delivery_id)
