"""The ceiling: bare Starlette + asyncpg routes, served like Corridor (uvicorn, uvloop,
httptools) against the same database, as the same application role.

- `/static`: a constant JSON body (the framework's floor).
- `/pk/{id}`: one primary-key read of `cases`.
- `/same/{id}`: the statements Corridor's `GET /v1/cases/{id}` issued before issue 15, in one
  transaction: the tenant context, the case, its five child tables, its logistics tasks,
  one audit insert.
- `/write/{id}`: the writes of `transfer-unit`, in one transaction: the tenant context,
  the case locked, the case update, the stay update, the unit movement, the event and
  the audit row.

Run: `python -m benchmarks.bare` with BARE_DATABASE_URL and BARE_ORGANIZATION_ID set (the
harness in benchmarks/run.py does it).
"""

from __future__ import annotations

import json
import os
import uuid
from contextlib import asynccontextmanager

import asyncpg
from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.db.row_security import configured_system_context_token

CONTEXT = (
    "SELECT set_config('corridor.organization_id', $1, true),"
    " set_config('corridor.is_admin', 'off', true), set_config('corridor.system', 'off', true)"
)
CHILDREN = [
    "SELECT * FROM teleconsultations WHERE case_id = $1",
    "SELECT * FROM transfers WHERE case_id = $1",
    "SELECT * FROM stays WHERE case_id = $1",
    "SELECT * FROM unit_movements WHERE case_id = $1",
    "SELECT * FROM estimates WHERE case_id = $1",
    "SELECT * FROM logistics_tasks WHERE case_id = $1",
]
AUDIT = (
    "INSERT INTO audit_events (occurred_at, actor_sub, organization_id, roles, operation,"
    " object_type, object_id, object_ids, patient_ids, outcome, status)"
    " VALUES (now(), 'bench', $1, '{coordinator}', $2, 'case', $3, $4::jsonb, $5, 'allowed', 200)"
)
EVENT = (
    "INSERT INTO case_events (type, case_id, case_version, from_status, to_status, actor_sub,"
    " actor_organization_id, actor_role, data, visible_to, occurred_at)"
    " VALUES ('case.unit_transferred', $1, $2, 'admitted', 'admitted', 'bench', $3,"
    " 'coordinator', $4::jsonb, $5, now())"
)


def _record(row: asyncpg.Record | None) -> dict:
    return {key: str(value) for key, value in (row or {}).items()}


def create_bare_app() -> Starlette:
    url = os.environ["BARE_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")
    organization = os.environ["BARE_ORGANIZATION_ID"]
    pool_size = int(os.environ.get("BARE_POOL_SIZE", "10"))
    state: dict = {}

    @asynccontextmanager
    async def lifespan(app):
        state["pool"] = await asyncpg.create_pool(url, min_size=pool_size, max_size=pool_size)
        yield
        await state["pool"].close()

    async def static(request):
        return JSONResponse({"status": "ok"})

    async def pk(request):
        case_id = uuid.UUID(request.path_params["id"])
        # The system context: this is the floor of one read, not a tenancy check.
        async with state["pool"].acquire() as connection, connection.transaction():
            await connection.execute(
                "SELECT set_config('corridor.system', $1, true)", configured_system_context_token()
            )
            row = await connection.fetchrow("SELECT * FROM cases WHERE id = $1", case_id)
        return JSONResponse(_record(row))

    async def same(request):
        case_id = uuid.UUID(request.path_params["id"])
        async with state["pool"].acquire() as connection, connection.transaction():
            await connection.execute(CONTEXT, organization)
            row = await connection.fetchrow("SELECT * FROM cases WHERE id = $1", case_id)
            body = _record(row)
            for statement in CHILDREN:
                body[statement] = [
                    _record(child) for child in await connection.fetch(statement, case_id)
                ]
            await connection.execute(
                AUDIT,
                uuid.UUID(organization),
                "cases-get",
                str(case_id),
                json.dumps({"case_id": str(case_id)}),
                [row["patient_id"]] if row and row["patient_id"] else [],
            )
        return JSONResponse(body)

    async def write(request):
        case_id = uuid.UUID(request.path_params["id"])
        async with state["pool"].acquire() as connection, connection.transaction():
            await connection.execute(CONTEXT, organization)
            row = await connection.fetchrow(
                "SELECT version, referring_organization_id, receiving_organization_id"
                " FROM cases WHERE id = $1 FOR UPDATE",
                case_id,
            )
            if row is None:
                return Response(status_code=404)
            stay = await connection.fetchrow("SELECT unit FROM stays WHERE case_id = $1", case_id)
            unit = "ward-b" if stay and stay["unit"] == "ward-a" else "ward-a"
            await connection.execute(
                "UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1", case_id
            )
            await connection.execute(
                "UPDATE stays SET unit = $2, bed = NULL WHERE case_id = $1", case_id, unit
            )
            await connection.execute(
                "INSERT INTO unit_movements (id, case_id, from_unit, to_unit, at)"
                " VALUES (gen_random_uuid(), $1, $2, $3, now())",
                case_id,
                stay["unit"] if stay else None,
                unit,
            )
            await connection.execute(
                EVENT,
                case_id,
                row["version"] + 1,
                uuid.UUID(organization),
                json.dumps({"unit": unit}),
                [row["referring_organization_id"], row["receiving_organization_id"]],
            )
            await connection.execute(
                AUDIT,
                uuid.UUID(organization),
                "cases-transfer-unit",
                str(case_id),
                json.dumps({"case_id": str(case_id)}),
                [],
            )
        return JSONResponse({"id": str(case_id), "version": row["version"] + 1})

    return Starlette(
        routes=[
            Route("/static", static),
            Route("/pk/{id}", pk),
            Route("/same/{id}", same),
            Route("/write/{id}", write, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
