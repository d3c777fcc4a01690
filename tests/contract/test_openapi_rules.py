"""The rules every operation of the contract follows, whoever adds it.

The linters check OpenAPI itself; these check Corridor's conventions, which the SDKs
rely on: stable ids, one tag, named schemas, problem+json errors, the idempotency
and concurrency headers, declared security.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from app.openapi_export import current_document

PROBLEM_REF = "#/components/schemas/Problem"
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return current_document()


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def header_names(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


def test_operation_ids_are_tag_and_name_and_unique(document) -> None:
    ids = []
    for path, method, operation in operations(document):
        assert len(operation.get("tags", [])) == 1, f"{method} {path}: exactly one tag"
        tag = operation["tags"][0]
        assert re.fullmatch(rf"{re.escape(tag)}-[a-z0-9]+(-[a-z0-9]+)*", operation["operationId"])
        ids.append(operation["operationId"])
    assert len(ids) == len(set(ids))
    declared = {tag["name"] for tag in document["tags"]}
    assert {op["tags"][0] for _, _, op in operations(document)} <= declared


def test_every_error_answer_is_a_problem(document) -> None:
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            if status[0] in "45":
                assert response["content"] == {
                    "application/problem+json": {"schema": {"$ref": PROBLEM_REF}}
                }, f"{method} {path} {status}"
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert {"code", "current_status", "allowed_actions", "missing", "errors"} <= set(
        schemas["Problem"]["properties"]
    )
    assert schemas["Problem"]["properties"]["errors"]["anyOf"][0]["items"] == {
        "$ref": "#/components/schemas/FieldError"
    }


def test_shared_answers_are_documented_where_they_apply(document) -> None:
    for path, method, operation in operations(document):
        statuses = set(operation["responses"])
        if operation["security"]:
            assert {"401", "429"} <= statuses, f"{method} {path}"
        if operation.get("parameters") or "requestBody" in operation:
            assert "422" in statuses, f"{method} {path}"
        if "requestBody" in operation:
            assert "413" in statuses, f"{method} {path}"


def _inline_shapes(schema: Any, where: str) -> Iterator[str]:
    """Objects with properties and enums anywhere but at the top of a named schema."""
    if isinstance(schema, dict):
        if "properties" in schema or "enum" in schema:
            yield where
        for key, value in schema.items():
            yield from _inline_shapes(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _inline_shapes(value, f"{where}/{index}")


def test_every_schema_is_named(document) -> None:
    inline = []
    for name, schema in document["components"]["schemas"].items():
        for key in ("properties", "items", "anyOf", "oneOf", "allOf", "additionalProperties"):
            if key in schema:
                inline += _inline_shapes(schema[key], f"{name}/{key}")
    for path, method, operation in operations(document):
        inline += _inline_shapes(operation.get("parameters", []), f"{method} {path} parameters")
        for media in operation.get("requestBody", {}).get("content", {}).values():
            inline += _inline_shapes(media["schema"], f"{method} {path} body")
        for status, response in operation["responses"].items():
            for media in response.get("content", {}).values():
                inline += _inline_shapes(media.get("schema", {}), f"{method} {path} {status}")
    assert inline == [], "give these schemas a name (a model or an enum class)"


def test_writes_declare_idempotency_key_and_if_match(document) -> None:
    for path, method, operation in operations(document):
        if not path.startswith("/v1/"):
            continue
        if method == "post":
            assert "Idempotency-Key" in header_names(operation), f"POST {path}"
        if method == "patch":
            assert "If-Match" in header_names(operation), f"PATCH {path}"
            assert {"412", "428"} <= set(operation["responses"]), f"PATCH {path}"
        if "If-Match" in header_names(operation):
            assert "412" in operation["responses"], f"{method} {path}"


def test_security_schemes_and_requirements(document) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": schemes["bearerAuth"]["description"],
    }
    assert schemes["clientCredentials"]["flows"]["clientCredentials"]["tokenUrl"] == (
        "/oauth/token"
    )
    for path, method, operation in operations(document):
        assert "security" in operation, f"{method} {path}"
        if path in ("/v1/directory", "/v1/directory/fhir"):
            # The public directory: residents ask without a token (issue 17).
            assert operation["security"] == []
        elif path.startswith("/v1/"):
            assert operation["security"] == [{"bearerAuth": []}, {"clientCredentials": []}]
    assert document["paths"]["/healthz"]["get"]["security"] == []
