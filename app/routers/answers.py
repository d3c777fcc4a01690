"""How a write is answered: inside one unit of work, idempotently, committed before returning."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from app.db.unit_of_work import UnitOfWork
from app.security.tokens import Principal
from app.services import idempotency

Answer = tuple[int, Any, dict[str, str]]


async def write(
    request: Request,
    uow: UnitOfWork,
    principal: Principal,
    idempotency_key: str | None,
    produce: Callable[[], Awaitable[Answer]],
) -> JSONResponse:
    settings = request.app.state.settings
    async with uow:
        scope = idempotency.scope_of(principal)
        if idempotency_key is not None:
            print_ = idempotency.fingerprint(request.method, request.url.path, await request.body())
            stored = await idempotency.reserve(
                uow, scope, idempotency_key, print_, timedelta(hours=settings.idempotency_ttl_hours)
            )
            if stored is not None:
                return JSONResponse(
                    stored.body,
                    status_code=stored.status_code,
                    headers={**stored.headers, "Idempotent-Replayed": "true"},
                )
        status, body, headers = await produce()
        if idempotency_key is not None:
            await idempotency.remember(
                uow, scope, idempotency_key, idempotency.StoredAnswer(status, body, headers)
            )
        await uow.commit()
    return JSONResponse(body, status_code=status, headers=headers)


async def read(uow: UnitOfWork, produce: Callable[[], Awaitable[Any]]) -> Any:
    async with uow:
        return await produce()
