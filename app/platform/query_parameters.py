"""Unknown query parameters are refused, on every operation.

A misspelt filter (`?priorty=emergency`) or one the API does not have silently widens a
search: the caller reads the whole list believing it filtered. Every route therefore
answers 400 `unknown_parameter` for a query parameter it does not declare. The declared
names come from the route's own dependency tree (FastAPI already knows them), so a
parameter added to a route is accepted without touching this module.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.platform.errors import ServiceError


class UnknownParameter(ServiceError):
    code = "unknown_parameter"

    def __init__(self, names: list[str], known: list[str]) -> None:
        listed = ", ".join(known) if known else "none"
        super().__init__(
            f"Unknown query parameter(s): {', '.join(names)}. This operation takes: {listed}.",
            parameters=names,
        )


_DECLARED: dict[int, frozenset[str]] = {}


def declared_query_parameters(route: APIRoute) -> frozenset[str]:
    key = id(route)
    names = _DECLARED.get(key)
    if names is None:
        names = frozenset(_query_names(route.dependant))
        _DECLARED[key] = names
    return names


def _query_names(dependant: Dependant):
    for param in dependant.query_params:
        yield param.alias
    for sub in dependant.dependencies:
        yield from _query_names(sub)


async def refuse_unknown_query_parameters(request: Request) -> None:
    """An application-wide dependency: runs before authentication and any lookup, so a
    refused request touches nothing."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    refuse_undeclared(request, declared_query_parameters(route))


def refuse_undeclared(request: Request, declared: frozenset[str]) -> None:
    """400 `unknown_parameter` for any query parameter not in `declared` (also used by
    routes outside FastAPI's dependency tree, such as the liveness probe)."""
    # Names only (sorted, deduplicated): values may carry identifiers.
    unknown = sorted({name[:64] for name in request.query_params if name not in declared})
    if unknown:
        raise UnknownParameter(unknown[:10], sorted(declared))
