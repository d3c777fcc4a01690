"""The application factory. The lifespan owns the engine."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.access import audit
from app.access.keys import KeyRing
from app.access.limits import BodySizeLimit, ConcurrencyCap, RateLimiter
from app.access.revocation import RevokedClients
from app.access.tokens import TokenService
from app.db.engine import (
    ReadRouting,
    create_engine,
    create_sessionmaker,
    normalise_url,
    resolve_app_url,
)
from app.documents.multipart import Pace
from app.documents.storage import storages_from_settings
from app.edge import Edge
from app.http.dependencies import operation_id, refuse_malformed_request
from app.platform.clock import TestClock
from app.platform.cors import BrowserAccess
from app.platform.log_config import configure_logging, is_configured
from app.platform.openapi_contract import install_openapi
from app.platform.paging import Cursors
from app.platform.problems import install_problem_handlers
from app.platform.security_headers import DOCS_ASSETS
from app.platform.settings import Settings, get_settings
from app.routers import (
    access,
    agreements,
    cases,
    directory,
    documents,
    finance,
    health,
    integrations,
    organizations,
    patients,
    reports,
)

log = logging.getLogger(__name__)

API_DESCRIPTION = """
Corridor tracks a cross-border patient's case from the referral to discharge and
billing: teleconsultation, funding, transfer logistics, admission, unit
movements, discharge, claims to the payer. Every status change goes through one
action endpoint, checked against the lifecycle table.

Errors are RFC 9457 `application/problem+json` with a stable `code`.
"""

TAGS = [
    {
        "name": "cases",
        "description": "Cases, their lifecycle actions, timeline, checklist and money.",
    },
    {
        "name": "documents",
        "description": "A case's medical file, companions and generated letters (PDF).",
    },
    {"name": "patients", "description": "The patient registry."},
    {
        "name": "organizations",
        "description": "Referring and receiving facilities, payers, liaison bodies.",
    },
    {"name": "agreements", "description": "Care corridors: who is covered, where, on which terms."},
    {"name": "eligibility", "description": "Which agreements apply to a patient and a receiver."},
    {
        "name": "directory",
        "description": "The public offer: services receiving organisations publish, and "
        "where a resident may be treated (no token needed to ask).",
    },
    {"name": "stats", "description": "Flows, lead times and the census, over your cases."},
    {"name": "events", "description": "Your organisation's event feed: gap-free, oldest first."},
    {"name": "webhooks", "description": "Signed push delivery of the same events."},
    {"name": "claims", "description": "The payer's side of a claim: accept, contest, pay."},
    {"name": "billing", "description": "Claims exported for a payer's billing system."},
    {"name": "health", "description": "Liveness, readiness and metrics."},
    {"name": "audit", "description": "The audit trail: who accessed what, when, how it ended."},
    {"name": "api-clients", "description": "Integrators' credentials (platform admins)."},
    {"name": "oauth", "description": "Client-credentials tokens and the signing keys (JWKS)."},
]


# Multipart uploads stream to their own limit (the file's bytes plus the form around them).
UPLOAD_PATH = re.compile(r"^/v1/cases/[^/]+/documents$")
UPLOAD_FORM_OVERHEAD = 64 * 1024


def serve_from(app: FastAPI, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Serve from this sessionmaker without the lifespan (an ASGI transport in tests, which
    swap in each test's own): reads go to it too."""
    app.state.sessionmaker = sessionmaker
    app.state.read_routing = ReadRouting(sessionmaker)


def start_request_guards(app: FastAPI, settings: Settings) -> None:
    """What a process remembers between requests to guard them: the rate limiter's buckets,
    the revocation cache, upload slots and pace. Tests sharing one app start each test
    with them fresh."""
    app.state.rate_limiter = RateLimiter(
        settings.rate_limit_per_minute,
        settings.rate_limit_burst,
        processes=settings.rate_limit_processes,
    )
    app.state.revoked_clients = RevokedClients(settings.client_revocation_check_seconds)
    app.state.upload_slots = ConcurrencyCap(
        settings.documents_max_concurrent_uploads_per_client,
        code="too_many_uploads",
        detail="You are sending as many uploads at once as a client may; retry when one is done.",
    )
    app.state.upload_pace = Pace(
        settings.documents_upload_deadline_seconds,
        settings.documents_upload_min_bytes_per_second,
        settings.documents_upload_grace_seconds,
    )


def create_app(
    settings: Settings | None = None,
    *,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    if not is_configured():  # the CLI configured it already, or this is a fresh worker
        configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = replica_engine = None
        if sessionmaker is None:
            engine = create_engine(resolve_app_url(settings), settings)
            app.state.sessionmaker = create_sessionmaker(engine)
        else:
            app.state.sessionmaker = sessionmaker
        if settings.replica_database_url:
            replica_engine = create_engine(normalise_url(settings.replica_database_url), settings)
        app.state.read_routing = ReadRouting(
            app.state.sessionmaker,
            create_sessionmaker(replica_engine) if replica_engine is not None else None,
            max_lag=settings.replica_max_lag_seconds,
        )
        sealer = None
        if settings.audit_seal_interval_seconds > 0:
            stop_sealing = asyncio.Event()
            sealer = asyncio.create_task(
                audit.run_sealer(
                    app.state.sessionmaker, stop_sealing, settings.audit_seal_interval_seconds
                )
            )
        # Everything built at start-up (routes, schemas, mappers) lives as long as the
        # process: out of the cyclic collector's sight, a full collection no longer walks
        # it again and again under load.
        gc.collect()
        gc.freeze()
        worker = None
        if settings.run_worker_in_process:
            from app.integrations.worker import start_in_process

            worker = start_in_process(app.state.sessionmaker, settings)
            log.info("webhook delivery worker: running in this process")
        else:
            log.info("webhook delivery worker: not in this process (`corridor worker` delivers)")
        try:
            yield
        finally:
            if worker is not None:
                await worker.stop()
            if sealer is not None:
                stop_sealing.set()
                await sealer
            if engine is not None:
                await engine.dispose()
            if replica_engine is not None:
                await replica_engine.dispose()

    # The docs pages' scripts and styles ship with the fastapi-offline package and are
    # served from DOCS_ASSETS: hospital networks are often closed to CDNs.
    telemetry = settings.opentelemetry  # CORRIDOR_OPENTELEMETRY: off unless asked
    app = FastAPIOffline(
        telemetry={"tracing": telemetry, "metrics": telemetry, "logs": telemetry},
        static_url=DOCS_ASSETS,
        title="Corridor",
        version="1.0.0",
        summary="Patient-mobility case management API",
        description=API_DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        contact={"name": "Corridor maintainers", "url": "https://corridor.dev"},
        license_info={"name": "Proprietary", "identifier": "LicenseRef-Corridor"},
        servers=[{"url": "http://127.0.0.1:8000", "description": "Local development"}],
        dependencies=[Depends(refuse_malformed_request)],
        # No redirect to the path without its trailing slash: Starlette builds it from the
        # caller's Host header (`Host: evil.example` got a 307 there). `/v1/cases/` is a
        # 404 problem like any other path no route takes.
        redirect_slashes=False,
    )
    app.state.settings = settings
    app.state.keys = KeyRing.from_settings(settings)
    app.state.tokens = TokenService(settings, app.state.keys)
    app.state.cursors = Cursors(settings.secret_key.get_secret_value())
    if sessionmaker is not None:
        serve_from(app, sessionmaker)

    install_problem_handlers(app)
    install_openapi(app)

    app.state.openapi_extra_schemas = documents.OPENAPI_SCHEMAS
    app.state.document_storages = storages_from_settings(settings, lambda: app.state.sessionmaker)
    start_request_guards(app, settings)

    app.router.routes.append(health.liveness_probe)
    app.include_router(health.router)
    # FastAPI matches a request against the routers in this order, each router's routes
    # one by one: the hot paths first (a case, its money, its documents; the feed), so a
    # GET of a case is not matched against the fifty routes of the rarer areas first.
    app.include_router(cases.router)
    # Same prefix and tag as the cases router, right after it: the paths keep their order.
    app.include_router(finance.case_money)
    app.include_router(reports.case_fhir)
    app.include_router(documents.router)
    app.include_router(integrations.events)
    app.include_router(organizations.router)
    app.include_router(agreements.agreements)
    app.include_router(agreements.eligibility)
    app.include_router(agreements.regime_lists)
    app.include_router(directory.router)
    app.include_router(patients.router)
    app.include_router(reports.router)
    app.include_router(integrations.webhooks)
    app.include_router(finance.claims)
    app.include_router(finance.billing)
    app.include_router(access.audit_events)
    app.include_router(access.api_clients)
    app.include_router(access.oauth)
    if settings.environment == "test":
        # End-to-end tests move a live server's time per request instead of sleeping
        # (inside the edge: its refusals have a request id and a log line).
        app.add_middleware(TestClock)
    # The one middleware (app/edge.py): request id and log line, 503 for an outage, the
    # body limit, browser access, the audit of requests that wrote no row, the headers.
    app.add_middleware(
        Edge,
        # Document uploads stream past the limit: their route counts the file's bytes.
        body_limit=BodySizeLimit(
            settings.max_body_bytes,
            streamed={UPLOAD_PATH: settings.documents_max_bytes + UPLOAD_FORM_OVERHEAD},
        ),
        # A preflight is answered there, never audited nor rate limited.
        browser_access=BrowserAccess(settings.cors_origins),
        liveness=health.liveness_probe,
    )
    return app
