"""One place for configuration: environment variables prefixed CORRIDOR_."""

from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "corridor-development-secret-change-me"  # noqa: S105 (the known default we refuse)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CORRIDOR_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    home: Path = Path(".corridor")
    # Unset: an embedded PostgreSQL is started under `home`. DATABASE_URL (no prefix) also works.
    database_url: str | None = None
    database_pool_size: int = 10
    database_max_overflow: int = 10

    # Signs idempotency fingerprints and cursors; production must set its own.
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)

    # Token verification. Keys are generated under `home` unless given here.
    jwt_issuer: str = "corridor"
    jwt_audience: str = "corridor-api"
    jwt_private_key_path: Path | None = None
    jwt_public_key_path: Path | None = None
    # An external identity provider's JWKS; when set, its keys are trusted too.
    jwks_url: str | None = None
    token_default_ttl_seconds: int = 3600

    default_deposit_ratio: Decimal = Decimal("0.3")
    reference_prefix: str = "COR"

    max_body_bytes: int = 1_048_576
    idempotency_ttl_hours: int = 24
    log_level: str = "INFO"
    # Development and tests may deliver webhooks to loopback receivers.
    webhooks_allow_private_targets: bool = Field(default=False)

    @model_validator(mode="after")
    def _refuse_default_secret_outside_development(self) -> Settings:
        if self.database_url is None:
            self.database_url = os.environ.get("DATABASE_URL") or None
        if (
            self.environment == "production"
            and self.secret_key.get_secret_value() == DEVELOPMENT_SECRET
        ):
            raise ValueError(
                "CORRIDOR_SECRET_KEY must be set to a private value outside development"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
