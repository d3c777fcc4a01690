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

from app.db.models import IdempotencyRecordRow
from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.platform.clock import now_utc
from app.platform.errors import InvalidRequest


@dataclass(frozen=True)
class StoredAnswer:
    status_code: int
    body: dict | list | None
    headers: dict[str, str]


# Marks a stored answer whose secret was left out: a replay says so instead of answering.
SHOWN_ONCE_HEADER = "Corridor-Secret-Shown-Once"


def without_secrets(answer: StoredAnswer, fields: tuple[str, ...]) -> StoredAnswer:
    """What may be stored of an answer that shows a secret once: never the secret."""
    if not fields or not isinstance(answer.body, dict):
        return answer
    body = {key: value for key, value in answer.body.items() if key not in fields}
    return StoredAnswer(answer.status_code, body, {**answer.headers, SHOWN_ONCE_HEADER: "true"})


def scope_of(principal: Principal) -> str:
    """A key belongs to its caller: the organisation (row-level security reads that
    prefix), then a digest of the subject and its roles. A stored answer is therefore
    replayed only to the caller it was made for, who was authorised to receive it;
    anyone else sending the same key has the request run, role checks first (a
    clinician replaying a coordinator's key gets the clinician's 403, not the answer)."""
    caller = hashlib.sha256(
        "\n".join([principal.sub, *sorted(str(role) for role in principal.roles)]).encode()
    ).hexdigest()[:32]
    if principal.organization_id is not None:
        return f"org:{principal.organization_id}/{caller}"
    return f"sub:{caller}"


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
