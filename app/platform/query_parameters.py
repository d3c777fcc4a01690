"""Unknown query parameters are refused, on every operation.

A misspelt filter (`?priorty=emergency`) or one the API does not have silently widens a
search: the caller reads the whole list believing it filtered. Every route therefore
answers 400 `unknown_parameter` for a query parameter it does not declare. The declared
names come from the route's own dependency tree (FastAPI already knows them), so a
parameter added to a route is accepted without touching this module.

Each declared parameter is bounded here too, before any validation or query: a parameter
that takes one value may be given once; a list (repeated, or comma-separated) holds at
most as many values as its vocabulary has members, and never more than
MAX_LIST_VALUES. Beyond: 422 `too_many_values`. Two thousand `?status=` made the list
query grow quadratically (a 500 after seconds, the process busy meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import field_annotation_is_sequence
from fastapi.routing import APIRoute

from app.platform.errors import InvalidRequest, ServiceError

# A list parameter without a vocabulary (event types, group_by names) holds at most this many.
MAX_LIST_VALUES = 50


class UnknownParameter(ServiceError):
    code = "unknown_parameter"

    def __init__(self, names: list[str], known: list[str]) -> None:
        listed = ", ".join(known) if known else "none"
        super().__init__(
            f"Unknown query parameter(s): {', '.join(names)}. This operation takes: {listed}.",
            parameters=names,
        )


class TooManyValues(InvalidRequest):
    code = "too_many_values"

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(
            f"The query parameter {name} takes at most {limit} value(s).",
            parameter=name,
            limit=limit,
        )


@dataclass(frozen=True)
class ValueBound:
    """How many values a parameter takes; a list's values may be comma-separated."""

    limit: int
    is_list: bool


@dataclass(frozen=True)
class DeclaredParameters:
    names: frozenset[str]
    bounds: dict[str, ValueBound]


_DECLARED: dict[int, DeclaredParameters] = {}


def declared_query_parameters(route: APIRoute) -> frozenset[str]:
    return _declared(route).names


def _declared(route: APIRoute) -> DeclaredParameters:
    key = id(route)
    declared = _DECLARED.get(key)
    if declared is None:
        bounds = {
            param.alias: _bound_of(param.field_info.annotation)
            for param in _query_params(route.dependant)
        }
        declared = _DECLARED[key] = DeclaredParameters(frozenset(bounds), bounds)
    return declared


def _query_params(dependant: Dependant):
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _query_params(sub)


def _bound_of(annotation: Any) -> ValueBound:
    if not field_annotation_is_sequence(annotation):
        return ValueBound(1, is_list=False)
    vocabulary = _enum_in(annotation)
    limit = min(len(vocabulary), MAX_LIST_VALUES) if vocabulary else MAX_LIST_VALUES
    return ValueBound(limit, is_list=True)


def _enum_in(annotation: Any) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for argument in get_args(annotation):
        found = _enum_in(argument)
        if found is not None:
            return found
    return None


async def refuse_unknown_query_parameters(request: Request) -> None:
    """An application-wide dependency: runs before authentication and any lookup, so a
    refused request touches nothing."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    declared = _declared(route)
    refuse_undeclared(request, declared.names)
    refuse_too_many_values(request, declared.bounds)


def refuse_too_many_values(request: Request, bounds: dict[str, ValueBound]) -> None:
    """422 `too_many_values` for a parameter given more values than it takes."""
    counts: dict[str, int] = {}
    for name, value in request.query_params.multi_items():
        bound = bounds[name]
        given = sum(1 for part in value.split(",") if part) if bound.is_list else 1
        counts[name] = counts.get(name, 0) + given
        if counts[name] > bound.limit:
            raise TooManyValues(name, bound.limit)


def refuse_undeclared(request: Request, declared: frozenset[str]) -> None:
    """400 `unknown_parameter` for any query parameter not in `declared` (also used by
    routes outside FastAPI's dependency tree, such as the liveness probe)."""
    # Names only (sorted, deduplicated): values may carry identifiers.
    unknown = sorted({name[:64] for name in request.query_params if name not in declared})
    if unknown:
        raise UnknownParameter(unknown[:10], sorted(declared))
