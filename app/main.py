"""The application factory. The lifespan owns the engine."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db.engine import create_engine, create_sessionmaker, resolve_database_url
from app.routers import cases, health, organizations, patients, stats
from app.routers.problems import install_problem_handlers
from app.security.keys import KeyRing
from app.security.tokens import TokenService
from app.settings import Settings, get_settings

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
    {"name": "patients", "description": "The patient registry."},
    {
        "name": "organizations",
        "description": "Referring and receiving facilities, payers, liaison bodies.",
    },
    {"name": "agreements", "description": "Care corridors: who is covered, where, on which terms."},
    {"name": "eligibility", "description": "Which agreements apply to a patient and a receiver."},
    {"name": "stats", "description": "Flows, lead times and the census, over your cases."},
    {"name": "health", "description": "Liveness, readiness and metrics."},
]


def operation_id(route: APIRoute) -> str:
    """Stable operationIds from tag and route name: `cases-submit`."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name.replace('_', '-')}"


def create_app(
    settings: Settings | None = None,
    *,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = None
        if sessionmaker is None:
            engine = create_engine(resolve_database_url(settings), settings)
            app.state.sessionmaker = create_sessionmaker(engine)
        else:
            app.state.sessionmaker = sessionmaker
        try:
            yield
        finally:
            if engine is not None:
                await engine.dispose()

    app = FastAPI(
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
    )
    app.state.settings = settings
    app.state.keys = KeyRing.from_settings(settings)
    app.state.tokens = TokenService(settings, app.state.keys)
    if sessionmaker is not None:
        app.state.sessionmaker = sessionmaker

    install_problem_handlers(app)

    @app.middleware("http")
    async def request_context(request: Request, call_next) -> Response:
        request.state.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Request-Id"] = request.state.request_id
        # Paths only, never query strings: those may carry identifiers.
        log.info(
            "%s %s %s %.1fms",
            request.method,
            request.scope.get("route").path if request.scope.get("route") else "-",
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response

    app.include_router(health.router)
    app.include_router(organizations.organizations)
    app.include_router(organizations.agreements)
    app.include_router(organizations.eligibility)
    app.include_router(patients.router)
    app.include_router(cases.router)
    app.include_router(stats.router)
    return app
