"""One place for configuration: environment variables prefixed CORRIDOR_."""

from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.domain.funding import DEFAULT_DEPOSIT_RATIO

DEVELOPMENT_SECRET = "corridor-development-secret-change-me"  # noqa: S105 (the known default we refuse)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CORRIDOR_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    home: Path = Path(".corridor")
    # Unset: an embedded PostgreSQL is started under `home`. DATABASE_URL (no prefix) also works.
    database_url: str | None = None
    # The role the API connects as: it owns nothing and row-level security applies to it.
    # Unset with an external DATABASE_URL: the API connects with DATABASE_URL itself
    # (RLS then protects nothing if that role is a superuser or has BYPASSRLS).
    # The embedded server always serves as `corridor_app`; migrations run as the owner.
    app_database_url: str | None = None
    database_pool_size: int = 10
    database_max_overflow: int = 10
    # Check each pooled connection with a round trip before use (costs a transaction each).
    database_pool_pre_ping: bool = False

    # Signs the list and feed cursors (app/platform/paging.py); production must set its own.
    # Changing it invalidates the cursors integrators hold: they restart from the beginning.
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)

    # Token verification. Keys are generated under `home` unless given here.
    jwt_issuer: str = "corridor"
    jwt_audience: str = "corridor-api"
    jwt_private_key_path: Path | None = None
    jwt_public_key_path: Path | None = None
    # An external identity provider's JWKS; when set, its keys are trusted too.
    jwks_url: str | None = None
    # The `iss` an external provider's tokens must carry; required with jwks_url (any
    # issuer the JWKS host also signs for would pass otherwise).
    jwks_issuer: str | None = None
    # Fetching the provider's JWKS (for a kid not known yet) never blocks the event loop:
    # at most one fetch at a time, given up after this many seconds...
    jwks_fetch_timeout_seconds: float = Field(default=3.0, gt=0, le=30)
    # ...and none again within this many seconds of the last one, failed or not (a flood
    # of made-up kids costs the provider one request per interval).
    jwks_refetch_cooldown_seconds: float = Field(default=60.0, ge=1)
    # The only way an external token makes a platform admin: the name of a claim that
    # must be `true` in it, beside `roles: ["admin"]`. Unset (the default): an external
    # token claiming the admin role is refused.
    jwks_admin_claim: str | None = None
    # False: trust the external provider alone; Corridor's own keys sign nothing it accepts.
    accept_own_tokens: bool = True
    token_default_ttl_seconds: int = 3600
    # No token lives longer, ours or an external provider's: `exp` further ahead than
    # this (or further than this after `iat`) is refused.
    token_max_lifetime_seconds: int = Field(default=86_400, ge=60)
    # A revoked API client's tokens are refused within this many seconds (each process
    # asks the database about a client at most once per interval).
    client_revocation_check_seconds: float = Field(default=15.0, ge=0)
    # Tokens that POST /oauth/token issues to API clients are short-lived.
    client_token_ttl_seconds: int = 900
    # A new signing key is made when the newest is older than this; older keys stay
    # published until every token they signed has expired.
    signing_key_rotation_days: int = 30

    # Per client (an API client, else a token's subject), per process: a token bucket.
    # 0 turns the limit off.
    rate_limit_per_minute: int = 1200
    rate_limit_burst: int = 200

    default_deposit_ratio: Decimal = DEFAULT_DEPOSIT_RATIO
    reference_prefix: str = "COR"

    # /metrics: with a token, only `Authorization: Bearer <token>` reads it (from anywhere);
    # without one, only callers from these networks (loopback: a sidecar scraper).
    metrics_token: SecretStr | None = None
    metrics_allow_networks: list[str] = Field(default=["127.0.0.0/8", "::1/128"])

    max_body_bytes: int = 1_048_576
    idempotency_ttl_hours: int = 24
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "debug", "info", "warning", "error"] = (
        "INFO"
    )
    # text (readable), json (one object a line), auto: text on a terminal, else json.
    log_format: Literal["auto", "text", "json"] = "auto"
    # On SIGTERM/Ctrl-C, requests in flight get this long to finish; then they are cut.
    shutdown_timeout_seconds: float = Field(default=30.0, ge=0)
    # While `corridor serve` runs, the embedded server is checked this often and started
    # again when it died.
    embedded_watch_seconds: float = Field(default=2.0, gt=0)
    # Development and tests may deliver webhooks to loopback receivers.
    webhooks_allow_private_targets: bool = Field(default=False)

    # Statistics: a cell of fewer cases is suppressed (counts and amounts null) for callers
    # who may not see the cases themselves (coordination bodies, platform admins).
    stats_suppression_threshold: int = Field(default=5, ge=1)
    # Integrators: the event feed serves this many days; an older cursor answers 410.
    event_retention_days: int = Field(default=400, ge=1)
    # The webhook delivery worker inside the API process (`corridor serve` turns it on).
    run_worker_in_process: bool = False
    # The audit sealer in each API process chains committed audit rows this often (the
    # chain's lag); 0 runs none (`corridor audit verify` still seals before it walks).
    audit_seal_interval_seconds: float = Field(default=0.2, ge=0)
    worker_poll_interval_seconds: float = Field(default=1.0, gt=0)
    worker_batch_size: int = Field(default=50, ge=1, le=1000)
    # Delay before each attempt, the first one included; a delivery fails, and its
    # endpoint is disabled, once every attempt has failed.
    webhook_retry_schedule_seconds: list[float] = Field(
        default=[0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400], min_length=1
    )
    # Each delay is spread by up to this fraction either way, so retries do not stampede.
    webhook_retry_jitter: float = Field(default=0.1, ge=0, le=1)
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)

    # Documents: the largest file an upload may carry (413 beyond, while streaming), and
    # where the bytes go: PostgreSQL (the default) or an S3-compatible bucket.
    documents_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    documents_storage: Literal["postgresql", "s3"] = "postgresql"
    documents_s3_bucket: str | None = None
    documents_s3_endpoint_url: str | None = None
    documents_s3_region: str = "eu-west-3"
    documents_s3_access_key_id: str | None = None
    documents_s3_secret_access_key: SecretStr | None = None
    documents_s3_prefix: str = "documents/"

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
        if self.jwks_url and not self.jwks_issuer:
            raise ValueError("CORRIDOR_JWKS_URL needs CORRIDOR_JWKS_ISSUER (the tokens' iss)")
        if self.token_default_ttl_seconds > self.token_max_lifetime_seconds:
            raise ValueError("CORRIDOR_TOKEN_DEFAULT_TTL_SECONDS exceeds the maximum lifetime")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
