"""API clients, tokens, the JWKS and the audit trail."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.db.models.security import ApiClientRow
from app.domain.vocabulary import Role
from app.platform.schemas import RequestBody, VisibleText, stored_in


class ApiClientCreate(RequestBody):
    name: stored_in(VisibleText, ApiClientRow.name)
    organization_id: uuid.UUID
    roles: Annotated[list[Role], Field(min_length=1, max_length=4)]


class ApiClient(BaseModel):
    id: uuid.UUID
    client_id: str
    name: str
    organization_id: uuid.UUID | None
    roles: list[Role]
    created_by: str
    created_at: datetime
    revoked_at: datetime | None = None


class ApiClientWithSecret(ApiClient):
    client_secret: str = Field(
        description="Shown once, in this answer only: Corridor keeps a hash of it."
    )


class TokenRequest(BaseModel):
    """RFC 6749 §4.4.2, form-encoded. The client may authenticate with HTTP Basic instead
    of `client_id` / `client_secret`."""

    grant_type: str | None = Field(default=None, max_length=40, examples=["client_credentials"])
    client_id: str | None = Field(default=None, max_length=80)
    client_secret: str | None = Field(default=None, max_length=200)
    scope: str | None = Field(default=None, max_length=500, description="Ignored.")


class TokenResponse(BaseModel):
    """RFC 6749 §5.1."""

    access_token: str
    token_type: str = Field(examples=["Bearer"])
    expires_in: int


class Jwks(BaseModel):
    model_config = ConfigDict(extra="allow")

    keys: list[dict]


class AuditActor(BaseModel):
    sub: str | None
    organization_id: uuid.UUID | None
    roles: list[str]
    client_id: str | None


class AuditEvent(BaseModel):
    """One access: who, what (ids only), when, and how it ended."""

    seq: int
    occurred_at: datetime
    request_id: str | None
    caller_request_id: str | None = Field(
        default=None, description="The X-Request-Id the caller sent, when it sent one."
    )
    actor: AuditActor
    operation: str = Field(description="The operationId, e.g. `cases-get`.")
    object_type: str | None
    object_id: str | None
    object_ids: dict[str, str]
    patient_ids: list[uuid.UUID]
    outcome: str = Field(description="`allowed`, `denied` (401/403/404), `refused`, `error`")
    status: int | None
    chain_seq: int | None = Field(
        description="Its place in the hash chain; null for a moment, until the sealer "
        "has chained the row (within a second)."
    )
    hash: str | None = Field(
        description="Covers the row's fields and `prev_hash`; null until sealed."
    )
    prev_hash: str | None = Field(description="The previous chained row's hash; null until sealed.")
