"""How a request is answered: inside one unit of work, idempotently, audited, committed
before returning."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import JSONResponse, Response

from app.access import audit
from app.access.tokens import Principal
from app.db.unit_of_work import UnitOfWork
from app.platform import idempotency
from app.platform.errors import Conflict

Answer = tuple[int, Any, dict[str, str]]


class JSONAnswer(JSONResponse):
    """A JSON answer rendered by orjson, which keeps the data it was given (`content`) so
    the audit's patient scan reads it without parsing the rendered body again.

    `names_patients=False` says the answer's schema has no place for a patient's id (the
    feed's thin items), so the scan is skipped."""

    names_patients = True

    def __init__(self, content: Any, *args, names_patients: bool = True, **kwargs) -> None:
        self.names_patients = names_patients
        super().__init__(content, *args, **kwargs)

    def render(self, content: Any) -> bytes:
        self.content = content
        # Already rendered (the feed's page, assembled from the database's JSON).
        return content if isinstance(content, bytes) else orjson.dumps(content)


def _note_disclosed_patients(uow: UnitOfWork, body: Any) -> None:
    request_audit = getattr(uow, "audit", None)
    if request_audit is None:
        return
    patient_resource = request_audit.operation.startswith("patients-")
    audit.note(uow, patient_ids=audit.patient_ids_in(body, patient_resource=patient_resource))


def _note_created(uow: UnitOfWork, headers: dict[str, str]) -> None:
    """A creation names its new object in Location: /v1/cases/<id>."""
    request_audit = getattr(uow, "audit", None)
    location = headers.get("Location")
    if request_audit is None or not location:
        return
    parts = location.rstrip("/").split("/")
    if len(parts) >= 2:
        kind = parts[-2].rstrip("s").replace("-", "_")
        request_audit.object_ids.setdefault(f"{kind}_id", parts[-1])


async def write(
    request: Request,
    uow: UnitOfWork,
    principal: Principal,
    idempotency_key: str | None,
    produce: Callable[[], Awaitable[Answer]],
    *,
    shown_once: tuple[str, ...] = (),
) -> JSONAnswer:
    """`shown_once`: the answer's fields that hold a secret shown this once; they are
    never stored, and a replay of the request is 409 `secret_shown_once` naming the
    object, not the answer."""
    settings = request.app.state.settings
    async with uow:
        scope = idempotency.scope_of(principal)
        stored = None
        if idempotency_key is not None:
            print_ = idempotency.fingerprint(request.method, request.url.path, await request.body())
            stored = await idempotency.reserve(
                uow, scope, idempotency_key, print_, timedelta(hours=settings.idempotency_ttl_hours)
            )
        if stored is not None and idempotency.SHOWN_ONCE_HEADER in stored.headers:
            body = stored.body if isinstance(stored.body, dict) else {}
            raise Conflict(
                "This request was answered already. Its secret was shown once and is not "
                "kept; if it was lost, revoke or delete the object and create a new one.",
                code="secret_shown_once",
                object_id=body.get("id"),
            )
        if stored is not None:
            status, body = stored.status_code, stored.body
            headers = {**stored.headers, "Idempotent-Replayed": "true"}
        else:
            status, body, headers = await produce()
            if idempotency_key is not None:
                answer = idempotency.StoredAnswer(status, body, headers)
                await idempotency.remember(
                    uow, scope, idempotency_key, idempotency.without_secrets(answer, shown_once)
                )
        _note_created(uow, headers)
        _note_disclosed_patients(uow, body)
        await audit.record_request(uow, status)
        await uow.commit()
    return JSONAnswer(body, status_code=status, headers=headers)


async def read(uow: UnitOfWork, produce: Callable[[], Awaitable[Any]]) -> Any:
    """A read is audited like a write, so it commits its audit row before answering."""
    async with uow:
        result = await produce()
        status = 200
        if isinstance(result, JSONAnswer):
            status = result.status_code
            if result.names_patients:
                _note_disclosed_patients(uow, result.content)
        elif isinstance(result, Response):
            status = result.status_code
            if (result.media_type or "").endswith("json"):
                _note_disclosed_patients(uow, json.loads(bytes(result.body)))
        else:
            _note_disclosed_patients(uow, _plain(result))
        await audit.record_request(uow, status)
        await uow.commit()
    return result


async def audit_first(uow: UnitOfWork) -> None:
    """A streamed answer is produced after the handler has returned, too late to write its
    audit row with it: the row is committed first, in a short transaction of its own, and
    if it cannot be written the request fails before any data leaves."""
    async with uow:
        await audit.record_request(uow, 200)
        await uow.commit()


def _plain(result: Any) -> Any:
    """Pydantic models to plain data for the patient-id scan (dicts pass through)."""
    if hasattr(result, "model_dump"):
        return result.model_dump(mode="json")
    if isinstance(result, dict):
        return {key: _plain(value) for key, value in result.items()}
    if isinstance(result, list):
        return [_plain(item) for item in result]
    return result
