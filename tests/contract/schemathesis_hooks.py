"""Checks loaded by the schemathesis CLI (`SCHEMATHESIS_HOOKS`) in test_schemathesis.py.

This file is copied beside the run's configuration and imported by schemathesis, so it
imports nothing from the project.
"""

from __future__ import annotations

import re
from email.parser import BytesParser
from email.policy import HTTP

import jsonschema
import schemathesis

# Refusals JSON Schema cannot express, so valid data may meet them: a rule across
# fields of the body (pointer "/body", e.g. valid_until before valid_from) and text
# PostgreSQL cannot store (NUL, unpaired surrogates).
UNSTORABLE = "U+0000 or unpaired surrogates"

UPLOAD = ("POST", "/v1/cases/{case_id}/documents")


def _beyond_json_schema(error):
    return error.get("pointer") == "/body" or UNSTORABLE in error.get("detail", "")


@schemathesis.check
def schema_valid_data_passes_validation(ctx, response, case):
    """Stricter than expecting 422: the 422 must not be a schema-level rejection.

    Stateful steps are left out: their parameters come from earlier responses (a
    null id becomes "None"), not from the schema.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    if meta.phase.name == "stateful":
        return None
    try:
        problem = response.json()
    except ValueError:
        problem = {}
    if problem.get("code") != "validation_failed":
        return None
    errors = problem.get("errors") or []
    if errors and all(_beyond_json_schema(error) for error in errors):
        return None
    raise AssertionError(
        "data valid per the schema was refused as invalid: the schema and the "
        "server's validation disagree: " + response.text[:500]
    )


def upload_fields_as_sent(content_type: str, body: bytes) -> dict[str, str]:
    """The form as the server reads it: text parts by name (the last of a repeated
    name wins, as in app/documents/service.py), the file part as present."""
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        # The file's bytes are judged by their content (415), not by the schema.
        fields[name] = "" if part.get_filename() is not None else payload.decode(errors="replace")
    return fields


def upload_schema_errors(contract: dict, fields: dict[str, str]) -> list[str]:
    """What the contract's own DocumentUpload schema finds wrong in the fields as sent,
    with JSON Schema's reading of `pattern` (a search, not a full match)."""
    schema = {"$ref": "#/components/schemas/DocumentUpload", "components": contract["components"]}
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(fields)]


@schemathesis.check
def upload_refuses_the_invalid_form_it_was_sent(ctx, response, case):
    """negative_data_rejection for the multipart upload, which the run turns off for
    that operation. Schemathesis 4.32 judges a sent form against its rewritten schema:
    `minLength 1, maxLength 300, pattern [^\\s]` becomes `pattern ^[^\\s]{1,300}$`, so
    any title with a space reads as invalid, and it cannot read the file part (bytes),
    so a valid form (a mutated optional array that sends nothing) was reported as
    accepted invalid data. This check reads the form as the server does and judges it
    by the contract as written."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return None
    if (case.method.upper(), case.path) != UPLOAD or not 200 <= response.status_code < 300:
        return None
    content_type = response.request.headers.get("Content-Type", "")
    body = response.request.body or b""
    if isinstance(body, str):
        body = body.encode()
    if not re.match(r"multipart/form-data\s*;", content_type):
        raise AssertionError(f"an upload as {content_type!r} was accepted")
    fields = upload_fields_as_sent(content_type, body)
    errors = upload_schema_errors(case.operation.schema.raw_schema, fields)
    if errors:
        raise AssertionError(f"an invalid upload form was accepted: {errors}")
    return None
