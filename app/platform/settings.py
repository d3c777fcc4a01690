"""One place for configuration: environment variables prefixed CORRIDOR_."""

from __future__ import annotations

import ipaddress
import json
import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.domain.funding import DEFAULT_DEPOSIT_RATIO

DEVELOPMENT_SECRET = "corridor-development-secret-change-me"  # noqa: S105 (the known default we refuse)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CORRIDOR_", extra="ignore")

    # `production` refuses the development secret and the development conveniences. `test`
    # also honours a request's Corridor-Test-Clock header (end-to-end tests move time).
    environment: Literal["development", "test", "production"] = "development"
    # Where keys, secrets and the embedded server's data live.
    home: Path = Path(".corridor")
    # Unset: an embedded PostgreSQL is started under `home`. DATABASE_URL (no prefix) also works.
    database_url: str | None = None
    # The role the API connects as: it owns nothing and row-level security applies to it.
    # Unset with an external DATABASE_URL: the API connects with DATABASE_URL itself
    # (RLS then protects nothing if that role is a superuser or has BYPASSRLS).
    # The embedded server always serves as `corridor_app`; migrations run as the owner.
    app_database_url: str | None = None
    # Connections each API process keeps open to PostgreSQL.
    database_pool_size: int = 10
    # Connections a process may open beyond the pool under a burst.
    database_max_overflow: int = 10
    # A connection the server closed (a restart) is always replaced before use, at no
    # cost. This adds a ping (three round trips) before each use, for connections that
    # die silently: a proxy or firewall dropping idle ones, a failover behind one address.
    database_pool_pre_ping: bool = False
    # `pgbouncer`: APP_DATABASE_URL points at PgBouncer in transaction mode (1.18 keeps no
    # prepared statements across transactions), so the driver prepares nothing it reuses:
    # no statement cache, a unique name per statement. DATABASE_URL (migrations, which hold
    # a session advisory lock) must still point at the primary itself.
    database_pooler: Literal["none", "pgbouncer"] = "none"
    # A streaming replica, as the application role, for the event feed, the statistics and
    # the billing export (read-only; their audit rows still go to the primary). Unset:
    # every read goes to the primary.
    replica_database_url: str | None = None
    # The staleness a replica read may have: while the replica has WAL it has not replayed
    # for longer than this (or cannot be asked), reads go to the primary.
    replica_max_lag_seconds: float = Field(default=5.0, gt=0)

    # Signs the list and feed cursors (app/platform/paging.py); production must set its own.
    # Changing it invalidates the cursors integrators hold: they restart from the beginning.
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)

    # Token verification. Keys are generated under `home` unless given here.
    jwt_issuer: str = "corridor"
    # The `aud` every token must carry.
    jwt_audience: str = "corridor-api"
    # The RS256 signing key (PEM); unset: generated under `home/keys`.
    jwt_private_key_path: Path | None = None
    # The public half, when the private key lives elsewhere.
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
    # Lifetime of a token `corridor token` issues when none is asked.
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

    # Per client (an API client, else a token's subject), for the whole deployment: a
    # token bucket. 0 turns the limit off.
    rate_limit_per_minute: int = 1200
    # Requests a client may make at once before the per-minute rate applies.
    rate_limit_burst: int = 200
    # The API processes behind the proxy (all hosts, `serve --workers` counted): each
    # allows this share of the two limits above, so together they allow the configured
    # ones when the proxy spreads requests evenly (docs/scaling.md).
    rate_limit_processes: int = Field(default=1, ge=1)

    # The advance payment ratio when an agreement sets none (self-pay, the Directive).
    default_deposit_ratio: Decimal = DEFAULT_DEPOSIT_RATIO
    # The prefix of case references (COR-2026-000123).
    reference_prefix: str = "COR"

    # /metrics: with a token, only `Authorization: Bearer <token>` reads it (from anywhere);
    # without one, only callers from these networks (loopback: a sidecar scraper).
    metrics_token: SecretStr | None = None
    # Networks that may read /metrics without the token.
    metrics_allow_networks: list[str] = Field(default=["127.0.0.0/8", "::1/128"])

    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: addresses or networks,
    # comma-separated (`10.0.0.5,10.1.0.0/16`). Empty: none, so every per-address limit
    # counts the connection's own peer (a caller on loopback cannot claim to be anyone).
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)

    # Browser origins allowed to call the API (CORS), exact `scheme://host[:port]` each, as
    # a JSON list or comma-separated: `https://portal.chu-guadeloupe.fr`. None by default:
    # a browser page on another origin cannot read any answer.
    cors_origins: Annotated[list[str], NoDecode] = Field(default=[])

    # Largest request body but document uploads (413 beyond).
    max_body_bytes: int = 1_048_576
    # How long an Idempotency-Key's answer is kept and replayed.
    idempotency_ttl_hours: int = 24
    # The log level of the API and the worker.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "debug", "info", "warning", "error"] = (
        "INFO"
    )
    # text (readable), json (one object a line), auto: text on a terminal, else json.
    log_format: Literal["auto", "text", "json"] = "auto"
    # FastAPI's native OpenTelemetry (a span, metrics and logs per request) through the
    # process's global providers. Off: Corridor exports nothing it was not asked to, and
    # no request pays the providers' lookup.
    opentelemetry: bool = False
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
    # The webhook delivery worker inside the API process. Unset: `corridor serve` runs it
    # (unless --no-worker), an app built otherwise (tests, the demo) does not; false
    # keeps it out of `serve` too.
    run_worker_in_process: bool | None = None
    # The audit sealer in each API process chains committed audit rows this often (the
    # chain's lag); 0 runs none (`corridor audit verify` still seals before it walks).
    audit_seal_interval_seconds: float = Field(default=0.5, ge=0)
    # How often the webhook worker looks for due deliveries when idle.
    worker_poll_interval_seconds: float = Field(default=1.0, gt=0)
    # Deliveries the worker claims at a time.
    worker_batch_size: int = Field(default=50, ge=1, le=1000)
    # Attempts one worker process sends at once, over every endpoint; its HTTP connection
    # pool has as many connections, so an attempt never waits for one.
    worker_max_in_flight: int = Field(default=100, ge=1)
    # Attempts in flight to one endpoint at once, over every worker: a slow receiver holds
    # only its own, never another endpoint's.
    webhook_max_in_flight_per_endpoint: int = Field(default=5, ge=1)
    # Delay before each attempt, the first one included; a delivery fails, and its
    # endpoint is disabled, once every attempt has failed.
    webhook_retry_schedule_seconds: list[float] = Field(
        default=[0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400], min_length=1
    )
    # Each delay is spread by up to this fraction either way, so retries do not stampede.
    webhook_retry_jitter: float = Field(default=0.1, ge=0, le=1)
    # How long a receiver has to answer one delivery attempt.
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)

    # Documents: the largest file an upload may carry (413 beyond, while streaming), and
    # where the bytes go: PostgreSQL (the default) or an S3-compatible bucket.
    documents_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    # Where document bytes go: `postgresql` (nothing else needed) or `s3`.
    documents_storage: Literal["postgresql", "s3"] = "postgresql"
    # The S3 bucket (with documents_storage = s3).
    documents_s3_bucket: str | None = None
    # An S3-compatible endpoint; unset: AWS.
    documents_s3_endpoint_url: str | None = None
    # The bucket's region.
    documents_s3_region: str = "eu-west-3"
    # S3 credentials; unset: the standard AWS credential chain.
    documents_s3_access_key_id: str | None = None
    # The secret half of the S3 credentials.
    documents_s3_secret_access_key: SecretStr | None = None
    # The key prefix of document objects in the bucket.
    documents_s3_prefix: str = "documents/"
    # An upload's body is spooled (to a temporary file, or straight to the bucket) before
    # any transaction opens, so a slow sender holds no database connection. The files go
    # here (unset: the system's temporary directory); they live as long as their request.
    documents_spool_directory: Path | None = None
    # A whole upload must arrive within this many seconds (408 `upload_too_slow` beyond).
    documents_upload_deadline_seconds: float = Field(default=900.0, gt=0)
    # After the grace period, an upload averaging fewer bytes per second than this since
    # it began is cut (408 `upload_too_slow`): a trickling sender does not hold a worker,
    # a spool file and an upload slot for the whole deadline. 0 turns the check off.
    documents_upload_min_bytes_per_second: int = Field(default=4096, ge=0)
    # How long an upload may take to reach that minimum rate (a slow start is normal).
    documents_upload_grace_seconds: float = Field(default=10.0, ge=0)
    # Uploads one client (an API client, else a token's subject) may stream at once, per
    # process; one more is 429 `too_many_uploads` with Retry-After. Kept below the pool
    # size (checked at start-up) so one caller's uploads can never take every connection
    # even while they are being recorded.
    documents_max_concurrent_uploads_per_client: int = Field(default=4, ge=1)

    # The HTTP server (`corridor serve`). A request's line and headers must arrive within
    # this many seconds of its first byte (or of the connection opening), else the
    # connection is closed with 408: a slowloris client cannot hold connections open.
    http_header_timeout_seconds: float = Field(default=10.0, gt=0)
    # Request line and headers larger than this are refused (431) and the connection closed.
    http_max_header_bytes: int = Field(default=16 * 1024, ge=1024)
    # Once headers are in, a body whose next bytes do not come within this many seconds
    # has its connection closed (nginx's client_body_timeout: between two reads, not the
    # whole body; uploads also have their deadline and minimum rate above).
    http_body_timeout_seconds: float = Field(default=30.0, gt=0)
    # An idle keep-alive connection is closed after this many seconds.
    http_keep_alive_timeout_seconds: int = Field(default=5, ge=1)

    @field_validator("trusted_proxies", "cors_origins", mode="before")
    @classmethod
    def _list_from_text(cls, value: Any) -> Any:
        """A list setting from the environment: a JSON list, or comma-separated."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [item.strip() for item in text.split(",") if item.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(
                    f"CORRIDOR_TRUSTED_PROXIES: {item!r} is not an IP address or network"
                ) from None
        return value

    @field_validator("cors_origins")
    @classmethod
    def _exact_origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            parts = urlsplit(origin)
            if (
                parts.scheme not in ("http", "https")
                or not parts.hostname
                or parts.path
                or parts.query
                or parts.fragment
                or parts.username
            ):
                raise ValueError(
                    f"CORRIDOR_CORS_ORIGINS: {origin!r} is not an exact origin "
                    "(scheme://host[:port], no path, no wildcard)"
                )
        return [origin.lower() for origin in origins]

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
        if self.webhook_max_in_flight_per_endpoint >= self.worker_max_in_flight:
            # Else one slow receiver could hold every attempt a worker may have in flight.
            raise ValueError(
                "CORRIDOR_WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT must be below"
                " CORRIDOR_WORKER_MAX_IN_FLIGHT"
            )
        pool = self.database_pool_size + self.database_max_overflow
        if self.documents_max_concurrent_uploads_per_client >= pool:
            raise ValueError(
                "CORRIDOR_DOCUMENTS_MAX_CONCURRENT_UPLOADS_PER_CLIENT must stay below the"
                f" database pool ({pool} connections)"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
