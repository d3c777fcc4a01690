import hmac
import ipaddress

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from starlette.requests import Request as StarletteRequest
from starlette.responses import Response as StarletteResponse
from starlette.routing import Route

from app.db.engine import database_reachable
from app.platform.database_errors import RETRY_AFTER_SECONDS, STORAGE_FULL_RETRY_AFTER_SECONDS
from app.platform.problems import problem_response, problem_responses, storage_full_memory
from app.platform.query_parameters import refuse_undeclared

router = APIRouter(tags=["health"])


class HealthStatus(BaseModel):
    status: str


@router.get("/healthz", summary="Liveness: the process is up", response_model=HealthStatus)
async def liveness() -> HealthStatus:
    """Answers 200 while the process serves requests; no database access."""
    return HealthStatus(status="ok")


_ALIVE = b'{"status":"ok"}'


async def _liveness_probe(request: StarletteRequest) -> StarletteResponse:
    request.scope["route"] = liveness_probe  # the log line names it, as FastAPI's routes do
    refuse_undeclared(request, frozenset())
    return StarletteResponse(_ALIVE, media_type="application/json")


# Probes call /healthz every few seconds on every process: it is answered by a plain
# Starlette route placed before the documented operation above (same path, same body,
# same middlewares: request id, log line, security headers), without FastAPI's
# per-route dependency resolution and response model, which cost more than the answer.
liveness_probe = Route("/healthz", _liveness_probe, methods=["GET"], include_in_schema=False)


@router.get(
    "/readyz",
    summary="Readiness: the database is reachable and its storage not full",
    response_model=HealthStatus,
    responses=problem_responses(503),
)
async def readiness(request: Request):
    """Answers 200 when the database answers, 503 `database_unavailable` otherwise; 503
    `storage_full` for a while after a request met a full disk or object store."""
    if storage_full_memory(request.app).recent():
        return problem_response(
            request,
            503,
            "storage_full",
            "The storage was full moments ago; requests that write fail.",
            headers={"Retry-After": str(STORAGE_FULL_RETRY_AFTER_SECONDS)},
        )
    if await database_reachable(request.app.state.sessionmaker):
        return HealthStatus(status="ready")
    return problem_response(
        request,
        503,
        "database_unavailable",
        "The database is unreachable.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def metrics_refusal(request: Request) -> tuple[int, str] | None:
    """Who may scrape: the bearer of `metrics_token` when one is set, else callers from
    `metrics_allow_networks` (loopback by default). None: this caller may."""
    settings = request.app.state.settings
    if settings.metrics_token is not None:
        scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
        expected = settings.metrics_token.get_secret_value()
        if scheme.lower() == "bearer" and hmac.compare_digest(offered.encode(), expected.encode()):
            return None
        return 401, "metrics_unauthorized"
    try:
        peer = ipaddress.ip_address(request.client.host if request.client else "")
    except ValueError:
        return 403, "metrics_forbidden"
    if isinstance(peer, ipaddress.IPv6Address) and peer.ipv4_mapped is not None:
        peer = peer.ipv4_mapped
    networks = (ipaddress.ip_network(n, strict=False) for n in settings.metrics_allow_networks)
    if any(peer in network for network in networks):
        return None
    return 403, "metrics_forbidden"


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Metrics"},
        **problem_responses(401, 403),
    },
)
async def metrics(request: Request) -> Response:
    """Prometheus text exposition format. Not public: with `CORRIDOR_METRICS_TOKEN` set,
    send it as a bearer token (401 `metrics_unauthorized` otherwise); without it, only
    callers from `CORRIDOR_METRICS_ALLOW_NETWORKS` (loopback by default) may read it
    (403 `metrics_forbidden`)."""
    refusal = metrics_refusal(request)
    if refusal is not None:
        status, code = refusal
        return problem_response(request, status, code, "The metrics are not public.")
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
