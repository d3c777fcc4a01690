"""Access persistence: API clients, and the audit trail's rows and chain head.

Every query of these tables is here; `app.access.service`, `app.access.revocation` and
`app.access.audit` say what they want. The audit chain's rules (what a row's hash covers,
the order rows are sealed in, what `verify` proves) stay in `app.access.audit`: this module
only reads and writes the rows it is handed, so the chain has one author.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.engine import driver_connection
from app.db.models import ApiClientRow, AuditChainHeadRow, AuditEventRow, OrganizationRow


class ApiClientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def organization_exists(self, organization_id: uuid.UUID) -> bool:
        return await self.session.get(OrganizationRow, organization_id) is not None

    async def add(self, row: ApiClientRow) -> None:
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)

    async def flush(self) -> None:
        await self.session.flush()

    async def get(self, api_client_id: uuid.UUID) -> ApiClientRow | None:
        return await self.session.get(ApiClientRow, api_client_id)

    async def by_client_id(self, client_id: str) -> ApiClientRow | None:
        query = select(ApiClientRow).where(ApiClientRow.client_id == client_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def revoked_at(self, client_id: str) -> tuple[bool, datetime | None]:
        """Whether the client exists, and when it was revoked (None: it was not)."""
        query = select(ApiClientRow.revoked_at).where(ApiClientRow.client_id == client_id)
        row = (await self.session.execute(query)).one_or_none()
        return (False, None) if row is None else (True, row.revoked_at)

    def listing(
        self, managed: uuid.UUID | None, organization_id: uuid.UUID | None
    ) -> Select[tuple[ApiClientRow]]:
        query = select(ApiClientRow)
        if managed is not None:
            query = query.where(ApiClientRow.organization_id == managed)
        if organization_id is not None:
            query = query.where(ApiClientRow.organization_id == organization_id)
        return query


AUDIT_INSERT_COLUMNS = (
    "occurred_at",
    "request_id",
    "caller_request_id",
    "actor_sub",
    "organization_id",
    "roles",
    "client_id",
    "operation",
    "object_type",
    "object_id",
    "object_ids",
    "patient_ids",
    "outcome",
    "status",
)
AUDIT_INSERT = (
    f"INSERT INTO audit_events ({', '.join(AUDIT_INSERT_COLUMNS)})"  # noqa: S608 (constants)
    f" VALUES ({', '.join(f'${n}' for n in range(1, len(AUDIT_INSERT_COLUMNS) + 1))})"
    " RETURNING seq"
)


AUDIT_HEAD_FOR_SEALING = (
    "SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE SKIP LOCKED"
)
AUDIT_UNSEALED = "SELECT * FROM audit_events WHERE chain_seq IS NULL ORDER BY seq LIMIT $1"
AUDIT_WRITE_SEALS = (
    "WITH sealed AS ("
    " UPDATE audit_events AS a"
    " SET chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash"
    " FROM unnest($1::bigint[], $2::bigint[], $3::varchar[], $4::varchar[])"
    " AS v(seq, chain_seq, prev_hash, hash)"
    " WHERE a.seq = v.seq)"
    " UPDATE audit_chain_head SET seq = $5, hash = $6 WHERE id = 1"
)


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def insert(self, values: dict[str, Any]) -> int:
        """One new row; returns its seq (no hash yet: the sealer chains it). Every request
        writes one: a prepared statement on the driver's connection, in the request's
        transaction."""
        driver = await driver_connection(self.session)
        arguments = [values[name] for name in AUDIT_INSERT_COLUMNS]
        arguments[AUDIT_INSERT_COLUMNS.index("object_ids")] = orjson.dumps(
            values["object_ids"]
        ).decode()
        return await driver.fetchval(AUDIT_INSERT, *arguments)

    async def head(self, *, lock_for_sealing: bool = False):
        """The chain head (seq, hash). For sealing it is taken with SKIP LOCKED: None while
        another process seals."""
        if lock_for_sealing:
            driver = await driver_connection(self.session)
            return await driver.fetchrow(AUDIT_HEAD_FOR_SEALING)
        query = select(AuditChainHeadRow.seq, AuditChainHeadRow.hash).where(
            AuditChainHeadRow.id == 1
        )
        return (await self.session.execute(query)).one()

    async def unsealed(self, batch: int) -> list[dict[str, Any]]:
        """Up to `batch` committed rows without a seal, in seq order, every column (on the
        driver's connection: the sealer reads every request's row once)."""
        driver = await driver_connection(self.session)
        # JSONB arrives parsed (the engine's codec on the connection, orjson's).
        return [dict(record) for record in await driver.fetch(AUDIT_UNSEALED, batch)]

    async def write_seals(
        self,
        seqs: list[int],
        chain_seqs: list[int],
        prev_hashes: list[str],
        hashes: list[str],
        head: tuple[int, str],
    ) -> None:
        """Give each row its place and move the head: one statement, one round trip."""
        driver = await driver_connection(self.session)
        await driver.execute(
            AUDIT_WRITE_SEALS, seqs, chain_seqs, prev_hashes, hashes, head[0], head[1]
        )

    async def chained(self, from_chain_seq: int, to_chain_seq: int, batch: int):
        """Sealed rows from position `from_chain_seq` up to `to_chain_seq`, in chain order."""
        query = (
            select(AuditEventRow.__table__)
            .where(
                AuditEventRow.chain_seq >= from_chain_seq,
                AuditEventRow.chain_seq <= to_chain_seq,
            )
            .order_by(AuditEventRow.chain_seq)
            .limit(batch)
        )
        return (await self.session.execute(query)).mappings().all()

    async def count_unsealed(self) -> int:
        query = (
            select(func.count()).select_from(AuditEventRow).where(AuditEventRow.chain_seq.is_(None))
        )
        return (await self.session.execute(query)).scalar_one()

    def listing(
        self,
        *,
        organization_id: uuid.UUID | None,
        patient_id: uuid.UUID | None,
        object_id: str | None,
        operation: str | None,
        outcome: str | None,
        request_id: str | None,
        caller_request_id: str | None,
        since: datetime | None,
        until: datetime | None,
    ) -> Select[tuple[AuditEventRow]]:
        query = select(AuditEventRow)
        if organization_id is not None:
            query = query.where(AuditEventRow.organization_id == organization_id)
        if patient_id is not None:
            query = query.where(AuditEventRow.patient_ids.contains([patient_id]))
        if object_id is not None:
            query = query.where(AuditEventRow.object_id == object_id)
        if operation is not None:
            query = query.where(AuditEventRow.operation == operation)
        if outcome is not None:
            query = query.where(AuditEventRow.outcome == outcome)
        if request_id is not None:
            query = query.where(AuditEventRow.request_id == request_id)
        if caller_request_id is not None:
            query = query.where(AuditEventRow.caller_request_id == caller_request_id)
        if since is not None:
            query = query.where(AuditEventRow.occurred_at >= since)
        if until is not None:
            query = query.where(AuditEventRow.occurred_at <= until)
        return query
