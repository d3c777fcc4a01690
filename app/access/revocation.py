"""Revoked API clients lose their tokens within seconds, not at the tokens' expiry.

A token Corridor issued to an API client names the client (`client_id`). Asking the
database on every request would add a query to each; asking never leaves a revoked
client's token working for its whole lifetime. Each process instead asks about a
client at most once per `client_revocation_check_seconds` (15 s by default) and
remembers the answer; the process that revokes a client knows at once.
"""

from __future__ import annotations

import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db.repositories.access import ApiClientRepository
from app.db.unit_of_work import UnitOfWork

MAX_REMEMBERED = 10_000


class RevokedClients:
    def __init__(self, interval_seconds: float, *, clock=time.monotonic) -> None:
        self.interval = interval_seconds
        self.clock = clock
        self._known: dict[str, tuple[float, bool]] = {}

    async def is_revoked(
        self, sessionmaker: async_sessionmaker[AsyncSession], client_id: str
    ) -> bool:
        now = self.clock()
        known = self._known.get(client_id)
        if known is not None and now - known[0] < self.interval:
            return known[1]
        # The system context: api_clients is readable by administrators only.
        async with UnitOfWork.system(sessionmaker) as uow:
            exists, revoked_at = await uow.repository(ApiClientRepository).revoked_at(client_id)
        revoked = not exists or revoked_at is not None
        if len(self._known) >= MAX_REMEMBERED:
            self._known.clear()
        self._known[client_id] = (now, revoked)
        return revoked

    def revoked(self, client_id: str) -> None:
        """This process revoked the client: refuse its tokens from now on."""
        self._known[client_id] = (self.clock(), True)
