from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from app.platform.engine import database_reachable
from app.platform.problems import problem_response, problem_responses

router = APIRouter(tags=["health"])


class HealthStatus(BaseModel):
    status: str


@router.get("/healthz", summary="Liveness: the process is up", response_model=HealthStatus)
async def liveness() -> HealthStatus:
    """Answers 200 while the process serves requests; no database access."""
    return HealthStatus(status="ok")


@router.get(
    "/readyz",
    summary="Readiness: the database is reachable",
    response_model=HealthStatus,
    responses=problem_responses(503),
)
async def readiness(request: Request):
    """Answers 200 when the database answers, 503 otherwise."""
    if await database_reachable(request.app.state.sessionmaker):
        return HealthStatus(status="ready")
    return problem_response(request, 503, "database_unavailable", "The database is unreachable.")


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Metrics"}
    },
)
async def metrics() -> Response:
    """Prometheus text exposition format."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
