"""The OpenAPI document as a product: the SDKs are generated from it, so it is shaped here.

FastAPI writes most of it. This module adds what FastAPI cannot know and removes what
would mislead an SDK, for every route, including routes added later:

- the `Problem` / `FieldError` schemas, referenced by hand from `problem_responses()`;
- FastAPI's automatic 422 `HTTPValidationError` replaced by the Problem answer (the
  validation handler answers problem+json at runtime);
- what the shared machinery answers, on every operation it applies to: 400
  (`unknown_parameter`, app.platform.query_parameters), 401 and 429
  (the principal dependency authenticates and rate-limits; a 429 names Retry-After and the
  RateLimit headers), 503 while the database is
  unreachable (with Retry-After), 422 (input validation),
  413 (the body size limit) and 412 (`If-Match`);
- the security schemes: `bearerAuth` (a JWT) and `clientCredentials` (OAuth 2 client
  credentials at `/oauth/token`; the token it issues is the same bearer JWT);
- `security: []` on operations that need no token (health probes, the token endpoint);
- an optional request body as its schema with `required: false`, not FastAPI's
  `anyOf [Schema, null]`, which generated SDKs mishandle (openapi-python-client sends its
  `Unset` sentinel as JSON): the body is simply left out;
- each operation's summary and examples from `app/contract/operations.json`.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.contract.operations import apply_operation_texts
from app.platform.problems import PROBLEM_MEDIA_TYPE, PROBLEM_SCHEMA_REF, Problem

BEARER = "bearerAuth"
CLIENT_CREDENTIALS = "clientCredentials"
TOKEN_URL = "/oauth/token"  # noqa: S105 - an endpoint, not a secret

SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A Corridor JWT carrying `sub`, `org_id` and `roles`.",
    },
    CLIENT_CREDENTIALS: {
        "type": "oauth2",
        "description": (
            "Machine clients exchange their client id and secret for a bearer JWT "
            "(OAuth 2 client credentials)."
        ),
        "flows": {"clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": {}}},
    },
}

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def problem_answer(status: int) -> dict[str, Any]:
    return {
        "description": HTTPStatus(status).phrase,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": dict(PROBLEM_SCHEMA_REF)}},
    }


# What a 429 tells (app/access/limits.py): when to come back, and the limit itself
# (IETF draft-ietf-httpapi-ratelimit-headers; 2xx answers of rate-limited calls too).
RATE_LIMIT_HEADERS: dict[str, dict[str, Any]] = {
    "Retry-After": {
        "description": "Whole seconds until a request will pass.",
        "schema": {"type": "integer", "minimum": 1},
    },
    "RateLimit": {
        "description": 'What is left: `"default";r=<requests left>;t=<seconds until full>`.',
        "schema": {"type": "string"},
    },
    "RateLimit-Policy": {
        "description": 'The limit: `"default";q=<burst>;w=<seconds to refill it>`.',
        "schema": {"type": "string"},
    },
}


def rate_limited_answer() -> dict[str, Any]:
    return {**problem_answer(429), "headers": dict(RATE_LIMIT_HEADERS)}


def _problem_schemas() -> dict[str, dict[str, Any]]:
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    nested = schema.pop("$defs", {})
    return {"Problem": schema, **nested}


def _operations(schema: dict[str, Any]):
    for path, item in schema.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def _is_fastapi_validation_answer(response: dict[str, Any]) -> bool:
    refs = [
        media.get("schema", {}).get("$ref", "") for media in response.get("content", {}).values()
    ]
    return any(ref.endswith("/HTTPValidationError") for ref in refs)


def _unwrap_optional_body(operation: dict[str, Any]) -> None:
    body = operation.get("requestBody")
    if body is None or body.get("required"):
        return
    for media in body.get("content", {}).values():
        variants = media.get("schema", {}).get("anyOf", [])
        others = [variant for variant in variants if variant != {"type": "null"}]
        if len(variants) == 2 and len(others) == 1:
            media["schema"] = others[0]
    body["required"] = False


def _shape_operation(operation: dict[str, Any]) -> None:
    _unwrap_optional_body(operation)
    apply_operation_texts(operation)
    responses = operation.setdefault("responses", {})
    for status, response in list(responses.items()):
        if status.startswith(("4", "5")) and _is_fastapi_validation_answer(response):
            responses[status] = problem_answer(int(status))

    security = operation.get("security")
    if security is None:
        operation["security"] = []  # explicitly anonymous
    elif any(BEARER in requirement for requirement in security):
        # A client-credentials token is the same bearer JWT: either way works.
        if not any(CLIENT_CREDENTIALS in requirement for requirement in security):
            security.append({CLIENT_CREDENTIALS: []})
        responses.setdefault("401", problem_answer(401))
        responses.setdefault("429", rate_limited_answer())
        # Every authenticated operation reads or writes the database (the audit trail at
        # least): while it is unreachable the answer is 503 `database_unavailable`.
        responses.setdefault("503", problem_answer(503))

    if "429" in responses:
        responses["429"].setdefault("headers", dict(RATE_LIMIT_HEADERS))

    # Every operation refuses query parameters it does not declare (unknown_parameter).
    responses.setdefault("400", problem_answer(400))
    parameters = operation.get("parameters", [])
    if parameters or "requestBody" in operation:
        responses.setdefault("422", problem_answer(422))
    if "requestBody" in operation:
        responses.setdefault("413", problem_answer(413))
    if any(p.get("in") == "header" and p.get("name") == "If-Match" for p in parameters):
        responses.setdefault("412", problem_answer(412))
    operation["responses"] = dict(sorted(responses.items()))


def build_openapi(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        summary=app.summary,
        description=app.description,
        contact=app.contact,
        license_info=app.license_info,
        servers=app.servers,
        tags=app.openapi_tags,
        routes=app.routes,
        separate_input_output_schemas=app.separate_input_output_schemas,
    )
    for _path, _method, operation in _operations(schema):
        _shape_operation(operation)
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in FASTAPI_VALIDATION_SCHEMAS:
        schemas.pop(name, None)
    schemas.update(_problem_schemas())
    # Bodies a route reads itself (a streamed multipart upload) and references by name.
    schemas.update(getattr(app.state, "openapi_extra_schemas", {}))
    components["schemas"] = dict(sorted(schemas.items()))
    components["securitySchemes"] = {
        **components.get("securitySchemes", {}),
        **SECURITY_SCHEMES,
    }
    return schema


def install_openapi(app: FastAPI) -> None:
    """Replace `app.openapi` with the shaped, cached document."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
