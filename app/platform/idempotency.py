"""Idempotency-Key: a repeated POST replays the stored answer.

The key is reserved by inserting its row in the same transaction as the work,
so a concurrent repeat waits on the row lock and then replays the committed
answer; if the work fails, the reservation rolls back with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert

from app.access.tokens import Principal
from app.models import IdempotencyRecordRow
from app.platform.clock import now_utc
from app.platform.errors import InvalidRequest
from app.platform.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class StoredAnswer:
    status_code: int
    body: dict | list | None
    headers: dict[str, str]


def scope_of(principal: Principal) -> str:
    """Keys belong to an organisation (admins: to their own subject)."""
    if principal.organization_id is not None:
        return f"org:{principal.organization_id}"
    return f"sub:{principal.sub}"


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def reserve(
    uow: UnitOfWork, scope: str, key: str, print_: str, ttl: timedelta
) -> StoredAnswer | None:
    """None: the key is ours to answer. A StoredAnswer: replay it."""
    session = uow.session
    cutoff = now_utc() - ttl
    await session.execute(
        delete(IdempotencyRecordRow).where(
            IdempotencyRecordRow.scope == scope,
            IdempotencyRecordRow.key == key,
            IdempotencyRecordRow.created_at < cutoff,
        )
    )
    inserted = await session.execute(
        insert(IdempotencyRecordRow)
        .values(scope=scope, key=key, fingerprint=print_)
        .on_conflict_do_nothing()
        .returning(IdempotencyRecordRow.key)
    )
    if inserted.scalar_one_or_none() is not None:
        return None
    record = (
        await session.execute(
            select(IdempotencyRecordRow).where(
                IdempotencyRecordRow.scope == scope, IdempotencyRecordRow.key == key
            )
        )
    ).scalar_one()
    if record.fingerprint != print_:
        raise InvalidRequest(
            "This Idempotency-Key was used with another request; use a new key.",
            code="idempotency_key_reused",
        )
    return StoredAnswer(record.status_code or 200, record.body, dict(record.headers or {}))


async def remember(uow: UnitOfWork, scope: str, key: str, answer: StoredAnswer) -> None:
    record = await uow.session.get(IdempotencyRecordRow, (scope, key))
    assert record is not None, "reserve() must run first"
    record.status_code = answer.status_code
    record.body = answer.body
    record.headers = answer.headers
