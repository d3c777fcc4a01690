"""Who is calling: the verified claims of a token (app.access.tokens verifies them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.domain.vocabulary import Role


@dataclass(frozen=True)
class Principal:
    """Who is calling: the verified claims of a token."""

    sub: str
    organization_id: uuid.UUID | None
    roles: frozenset[Role]
    client_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles
