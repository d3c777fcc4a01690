"""The answer pipeline: every route is answered the same way, by `AnsweredRoute`.

A route's handler parses, calls one use case and returns what it presents; FastAPI
validates that against the route's `response_model` and serialises it. Around that:

1. the caller's unit of work is opened by its dependency (app.http.dependencies.get_uow),
   with the request's audit record attached;
2. an Idempotency-Key is reserved in that transaction (app.http.idempotency), or its
   stored answer replayed;
3. after the handler, before anything is sent: the stored answer kept for the key, the
   request's audit row written (the patients the use case read, the object it created),
   and the transaction committed. An exception anywhere rolls everything back and the
   middleware writes the refused request's row in a transaction of its own.

polar's `get_db_session` habit: the pipeline owns the commit, a handler never does."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute

from app.access import audit
from app.db.unit_of_work import UnitOfWork
from app.http import idempotency

# Headers of an answer that are the answer's own (kept with an idempotent answer); the
# others (length, type, date) are the server's and are made again on a replay.
KEPT_HEADERS = ("etag", "location", "content-location", idempotency.SHOWN_ONCE_HEADER.lower())


class Replayed(Exception):
    """An Idempotency-Key whose answer is stored: the pipeline answers it again."""

    def __init__(self, answer: idempotency.StoredAnswer) -> None:
        self.answer = answer

    def response(self) -> Response:
        return Response(
            content=b"" if self.answer.body is None else orjson.dumps(self.answer.body),
            status_code=self.answer.status_code,
            media_type="application/json",
            headers={**self.answer.headers, "Idempotent-Replayed": "true"},
        )


class Answering:
    """One request's pipeline state: its unit of work and, once reserved, its key."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.key: tuple[str, str] | None = None
        self.shown_once: tuple[str, ...] = ()
        self.finished = False
        self._outcomes: list[
            tuple[Callable[[], Awaitable[None]], Callable[[], Awaitable[None]]]
        ] = []

    def after(
        self, committed: Callable[[], Awaitable[None]], aborted: Callable[[], Awaitable[None]]
    ) -> None:
        """Work outside the database that follows the transaction's fate: a spooled
        upload's bytes are let go once the commit holds, and deleted if it does not."""
        self._outcomes.append((committed, aborted))

    async def settle(self, *, committed: bool) -> None:
        for on_commit, on_abort in self._outcomes:
            await (on_commit() if committed else on_abort())
        self._outcomes.clear()

    async def finish(self, response: Response, *, replayed: bool) -> None:
        """Keep the idempotent answer, write the audit row, commit: before the answer
        leaves, so a client that reads a 2xx can rely on it."""
        uow = self.uow
        if self.key is not None and not replayed:
            scope, key = self.key
            body = orjson.loads(response.body) if getattr(response, "body", b"") else None
            headers = {
                name: value for name, value in response.headers.items() if name in KEPT_HEADERS
            }
            stored = idempotency.StoredAnswer(response.status_code, body, headers)
            await idempotency.remember(
                uow, scope, key, idempotency.without_secrets(stored, self.shown_once)
            )
        await audit.record_request(uow, response.status_code)
        await uow.commit()
        self.finished = True


def answering_of(request: Request) -> Answering | None:
    return getattr(request.state, "answering", None)


class AnsweredRoute(APIRoute):
    """Every router's route class (each router in app/routers is made with it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # What a presenter leaves out stays out: a payer's view of a case has no clinical
        # field at all, not one set to null. Validated against the model all the same.
        kwargs["response_model_exclude_unset"] = True
        super().__init__(*args, **kwargs)

    def get_route_handler(self):
        handle = super().get_route_handler()

        async def answer(request: Request) -> Response:
            replayed = False
            try:
                try:
                    response = await handle(request)
                except Replayed as replay:
                    response, replayed = replay.response(), True
                answering = answering_of(request)
                if answering is not None:
                    await answering.finish(response, replayed=replayed)
            except BaseException:
                answering = answering_of(request)
                if answering is not None:
                    # A refused or failed request disclosed no patient: its row names none.
                    if answering.uow.audit is not None:
                        answering.uow.audit.patient_ids.clear()
                    await answering.settle(committed=False)
                raise
            if answering is not None:
                # A replay recorded nothing of its own: what it brought is let go.
                await answering.settle(committed=not replayed)
            return response

        return answer


def created(response: Response, uow: UnitOfWork, kind: str, object_id: Any, location: str) -> None:
    """A creation's answer names its new object: Location for the client, the object's id
    for the audit row (the request's path had no id for it yet)."""
    response.headers["Location"] = location
    if uow.audit is not None:
        value = str(object_id) if isinstance(object_id, uuid.UUID) else object_id
        uow.audit.object_ids.setdefault(f"{kind}_id", value)
