"""The audit trail: one append-only, hash-chained row per access.

Who (subject, organisation, roles, client), what (operation, object type and id,
the ids the request named, the patients it touched), when, the outcome and the
request id: ids only, never patient data.

A request's row is written once, by one of two paths:
- inside the request's own transaction (app.http.answers), so a committed write
  or a served read always has its row, and a rolled-back one has none;
- otherwise, after the answer, in a short transaction of its own (app.main's
  middleware): denied attempts (401, 403, 404), refusals and errors that never
  reached a commit, and routes that do not use the answers helpers.

Workers (webhook deliveries, exports run outside a request) call `append` with an
`Entry` of their own.

Rows chain, but not in the request: a request only inserts its row (`seq` from a
sequence, no hash), so no row is locked by every request and API processes do not
queue behind each other. The sealer (`seal`, run every `audit_seal_interval_ms` by
each API process, one at a time through the head row) takes committed rows that have
no seal yet, in seq order, and gives each its place: `chain_seq` (gap-free), the
previous row's hash and its own hash over its fields. The lag is bounded by the
interval plus the longest request transaction. `verify` seals what is committed, then
walks the chain; see docs/architecture.md, "Audit chain".
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.access.authorization import authorize, may
from app.db.keyset import SortKey, keyset_page
from app.db.models import AuditEventRow
from app.db.repositories.access import AuditRepository
from app.domain.policies import Operation
from app.platform.clock import now_utc
from app.platform.failure_log import RepeatedFailureLog

if TYPE_CHECKING:
    from app.db.unit_of_work import UnitOfWork
    from app.domain.principal import Principal

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64

# Path parameter -> the kind of object it names.
OBJECT_TYPES = {
    "case_id": "case",
    "patient_id": "patient",
    "task_id": "logistics_task",
    "claim_id": "claim",
    "organization_id": "organization",
    "agreement_id": "agreement",
    "webhook_id": "webhook",
    "endpoint_id": "webhook",
    "delivery_id": "webhook_delivery",
    "api_client_id": "api_client",
    "estimate_id": "estimate",
    "payment_id": "payment",
}


def outcome_of(status: int) -> str:
    if status < 400:
        return "allowed"
    if status in (401, 403, 404):
        return "denied"
    if status < 500:
        return "refused"
    return "error"


@dataclass
class Entry:
    operation: str
    outcome: str
    status: int | None = None
    request_id: str | None = None
    caller_request_id: str | None = None
    actor_sub: str | None = None
    organization_id: uuid.UUID | None = None
    roles: list[str] = field(default_factory=list)
    client_id: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    object_ids: dict[str, str] = field(default_factory=dict)
    patient_ids: list[uuid.UUID] = field(default_factory=list)

    @classmethod
    def for_principal(cls, principal: Principal | None, **values: Any) -> Entry:
        if principal is None:
            return cls(**values)
        return cls(
            actor_sub=principal.sub,
            organization_id=principal.organization_id,
            roles=sorted(str(role) for role in principal.roles),
            client_id=principal.client_id,
            **values,
        )


@dataclass
class RequestAudit:
    """What one request has touched so far; written once, by answers or the middleware."""

    operation: str
    request_id: str | None
    object_ids: dict[str, str]
    caller_request_id: str | None = None
    patient_ids: set[uuid.UUID] = field(default_factory=set)
    recorded: bool = False

    def entry(self, principal: Principal | None, status: int) -> Entry:
        object_type, object_id = None, None
        if self.object_ids:
            # The innermost id names the object: /cases/{case_id}/logistics-tasks/{task_id}.
            name, object_id = list(self.object_ids.items())[-1]
            object_type = OBJECT_TYPES.get(name, name.removesuffix("_id"))
        return Entry.for_principal(
            principal,
            operation=self.operation,
            outcome=outcome_of(status),
            status=status,
            request_id=self.request_id,
            caller_request_id=self.caller_request_id,
            object_type=object_type,
            object_id=object_id,
            object_ids=dict(self.object_ids),
            patient_ids=sorted(self.patient_ids, key=str),
        )


def note(uow: UnitOfWork, *, patient_ids: Iterable[uuid.UUID | str | None] = ()) -> None:
    """A service tells the trail which patients this request touched (rows it read
    without loading them as rows: app.db.unit_of_work notes those it loads)."""
    uow.disclose(*patient_ids)


# -- the chain ------------------------------------------------------------------------


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    occurred_at: datetime = row["occurred_at"]
    fields = {
        "seq": row["seq"],
        "occurred_at": occurred_at.astimezone(UTC).isoformat(),
        "request_id": row["request_id"],
        "actor_sub": row["actor_sub"],
        "organization_id": str(row["organization_id"]) if row["organization_id"] else None,
        "roles": sorted(row["roles"] or []),
        "client_id": row["client_id"],
        "operation": row["operation"],
        "object_type": row["object_type"],
        "object_id": row["object_id"],
        "object_ids": row["object_ids"] or {},
        "patient_ids": [str(value) for value in row["patient_ids"] or []],
        "outcome": row["outcome"],
        "status": row["status"],
    }
    # Rows written before the column existed keep the hash they were sealed with.
    if row.get("caller_request_id") is not None:
        fields["caller_request_id"] = row["caller_request_id"]
    return fields


def chain_hash(prev_hash: str, row: dict[str, Any]) -> str:
    payload = json.dumps(_fields(row), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


async def append(session: AsyncSession, entry: Entry) -> int:
    """Append one row in the session's transaction; returns its seq. The sealer chains it
    once the transaction has committed."""
    values: dict[str, Any] = {
        "occurred_at": now_utc(),
        "request_id": entry.request_id,
        "caller_request_id": entry.caller_request_id,
        "actor_sub": entry.actor_sub,
        "organization_id": entry.organization_id,
        "roles": list(entry.roles),
        "client_id": entry.client_id,
        "operation": entry.operation,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_ids": dict(entry.object_ids),
        "patient_ids": list(entry.patient_ids),
        "outcome": entry.outcome,
        "status": entry.status,
    }
    return await AuditRepository(session).insert(values)


async def seal(session: AsyncSession, batch: int = 5000) -> int:
    """Chain up to `batch` committed, unsealed rows in seq order; returns how many.

    The head row is taken with SKIP LOCKED: while another process seals, this one does
    nothing (0). The caller commits."""
    trail = AuditRepository(session)
    head = await trail.head(lock_for_sealing=True)
    if head is None:
        return 0
    rows = await trail.unsealed(batch)
    if not rows:
        return 0
    chain_seq, prev_hash = head[0], head[1]
    seqs, chain_seqs, prev_hashes, hashes = [], [], [], []
    for row in rows:
        chain_seq += 1
        row_hash = chain_hash(prev_hash, dict(row))
        seqs.append(row["seq"])
        chain_seqs.append(chain_seq)
        prev_hashes.append(prev_hash)
        hashes.append(row_hash)
        prev_hash = row_hash
    await trail.write_seals(seqs, chain_seqs, prev_hashes, hashes, head=(chain_seq, prev_hash))
    return len(rows)


SEAL_BATCH = 5000


async def seal_committed(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Seal every row committed so far, batch by batch (system context). A batch that is
    not full took every committed row there was: the pass ends there, without a
    transaction to find nothing (what the next pass picks up was committed after)."""
    from app.db.unit_of_work import UnitOfWork

    total = 0
    while True:
        async with UnitOfWork.system(sessionmaker) as uow:
            sealed = await seal(uow.session, SEAL_BATCH)
            await uow.commit()
        total += sealed
        if sealed < SEAL_BATCH:
            return total


async def run_sealer(
    sessionmaker: async_sessionmaker[AsyncSession], stop: asyncio.Event, interval: float
) -> None:
    """The background sealer of one API process: seal, sleep `interval`, until `stop`.

    While the database is down every pass fails: the error is logged once, then at most
    every minute, and once more when sealing works again (not five lines a second)."""
    failures = RepeatedFailureLog(log, "audit sealing")
    while not stop.is_set():
        try:
            await seal_committed(sessionmaker)
        except Exception as error:
            # The rows stay unsealed and are taken on the next pass.
            failures.failed(error)
        else:
            failures.succeeded()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)


async def record_request(uow: UnitOfWork, status: int) -> None:
    """The request's own row, in its transaction (called last, just before the commit)."""
    audit: RequestAudit | None = getattr(uow, "audit", None)
    if audit is None or audit.recorded:
        return
    if uow.audit_sessionmaker is not None:
        # A read on a replica (read-only): the row is committed on the primary first.
        from app.db.unit_of_work import UnitOfWork

        async with UnitOfWork(uow.audit_sessionmaker, uow.principal) as primary:
            await append(primary.session, audit.entry(uow.principal, status))
            await primary.commit()
    else:
        await append(uow.session, audit.entry(uow.principal, status))
    audit.recorded = True


@dataclass(frozen=True)
class Verification:
    ok: bool
    rows: int
    broken_at: int | None = None
    reason: str | None = None
    # The last row's hash when the chain is intact: `SEQ:HASH` (SEQ is the last
    # `chain_seq`, the number of chained rows), the anchor to keep outside the database.
    head_hash: str | None = None
    # Rows committed after the seal pass that precedes a verification, not yet chained.
    pending: int = 0

    @property
    def head(self) -> str | None:
        return f"{self.rows}:{self.head_hash}" if self.head_hash else None


@dataclass(frozen=True)
class Anchor:
    """A head recorded earlier outside the database (`SEQ:HASH`): the chain must still
    reach position SEQ, with that very hash."""

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        seq, separator, digest = text.strip().partition(":")
        digest = digest.lower()
        if (
            not separator
            or not seq.isdigit()
            or len(digest) != 64
            or any(c not in "0123456789abcdef" for c in digest)
        ):
            raise ValueError("an anchor is SEQ:HASH, e.g. 1042:<64 hex digits>")
        return cls(int(seq), digest)


async def verify(
    uow: UnitOfWork, batch: int = 1000, expect_head: Anchor | None = None
) -> Verification:
    """Walk the whole sealed chain (system context: every organisation's rows).

    What it proves: every chained row from position 1 to the head is present, unaltered
    and in order, and the head row matches. What it cannot prove alone: that no rows were
    cut from the end (whoever can delete rows can also rewind the head). `expect_head`,
    an anchor kept elsewhere, closes that: the chain must still reach it, with the same
    hash. `broken_at` is the chain position (`chain_seq`) of the first row that fails.
    """
    trail = uow.repository(AuditRepository)
    # The head first: a sealer committing meanwhile only adds rows past it.
    head = await trail.head()
    prev_hash, expected, count = GENESIS_HASH, 1, 0
    # Anchored at 0 (an empty trail): the genesis hash.
    anchored_hash: str | None = GENESIS_HASH if expect_head and expect_head.seq == 0 else None
    while True:
        rows = await trail.chained(expected, head.seq, batch)
        for row in rows:
            if row["chain_seq"] != expected:
                return Verification(False, count, expected, "a row is missing")
            if row["prev_hash"] != prev_hash:
                return Verification(False, count, expected, "prev_hash does not chain")
            if chain_hash(prev_hash, dict(row)) != row["hash"]:
                return Verification(False, count, expected, "the row was altered")
            if expect_head is not None and row["chain_seq"] == expect_head.seq:
                anchored_hash = row["hash"]
            prev_hash, expected, count = row["hash"], expected + 1, count + 1
        if len(rows) < batch:
            break
    if head.seq != count or head.hash != prev_hash:
        return Verification(False, count, count + 1, "the chain head does not match the last row")
    if expect_head is not None:
        if count < expect_head.seq:
            return Verification(
                False,
                count,
                count + 1,
                f"the chain ends before the anchored head {expect_head.seq}:"
                " rows were removed from its end",
            )
        if anchored_hash != expect_head.hash:
            return Verification(
                False, count, expect_head.seq, "the row at the anchored head has another hash"
            )
    pending = await trail.count_unsealed()
    return Verification(True, count, head_hash=prev_hash, pending=pending)


# -- reading the trail ------------------------------------------------------------------


@dataclass
class AuditFilters:
    organization_id: uuid.UUID | None = None
    patient_id: uuid.UUID | None = None
    object_id: str | None = None
    operation: str | None = None
    outcome: str | None = None
    request_id: str | None = None
    caller_request_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def list_events(
    uow: UnitOfWork, principal: Principal, filters: AuditFilters, limit: int, cursor: str | None
) -> tuple[list[AuditEventRow], str | None]:
    """Admins read every row; an organisation's coordinators and payers read its own."""
    if may(principal, Operation.READ_ALL_AUDIT):
        organization_id = filters.organization_id
    else:
        authorize(principal, Operation.READ_OWN_AUDIT)
        organization_id = principal.organization_id
    query = uow.repository(AuditRepository).listing(
        organization_id=organization_id,
        patient_id=filters.patient_id,
        object_id=filters.object_id,
        operation=filters.operation,
        outcome=filters.outcome,
        request_id=filters.request_id,
        caller_request_id=filters.caller_request_id,
        since=filters.since,
        until=filters.until,
    )
    return await keyset_page(
        uow, query, kind="audit", order=[SortKey(AuditEventRow.seq)], limit=limit, cursor=cursor
    )
