"""One length per field, the column's: every string an input schema takes that lands in
a `String(n)` column is at most n long, declared with `stored_in(type, Row.column)`
(issue 22, item 7: a 201-character family name passed a 300-character schema and the
200-character column answered 500).

The walk covers every input schema (every `RequestBody`, the directory's service and
the upload's form fields, and every model nested in them) and every model's bounded
string columns. A new input field named like a bounded column, yet longer or unbounded,
fails here until it is declared `stored_in` its column (or listed below, with where it
is stored)."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from sqlalchemy import String

from app.db.models.base import Base
from app.main import create_app
from app.platform.schemas import RequestBody, StoredIn

create_app()  # every area's schemas imported

# Input fields named like a bounded column but stored elsewhere (Text, JSONB).
STORED_ELSEWHERE = {
    "CaseCreate.reason": "cases.reason is Text (agreement_suspensions.reason is a code)",
    "CaseUpdate.reason": "cases.reason is Text",
    "AcceptRequest.reason": "the case event's payload (JSONB)",
    "DeclineRequest.reason": "the case event's payload (JSONB)",
    "HoldRequest.reason": "the case event's payload (JSONB)",
    "CancelRequest.reason": "cases.cancel_reason is Text",
    "ClaimContestRequest.reason": "claims.contest_reason is Text",
    "ContestedLineIn.reason": "claims.contested_lines is JSONB",
    "MedicationIn.name": "cases.discharge_letter is JSONB",
    "ReferringPractitioner.name": "cases.referring_practitioner is JSONB",
    "CodedEntryIn.system": "cases.discharge_letter is JSONB",
    "Guarantee.reference": "cases.funding is JSONB",
    "FundedGuarantee.reference": "cases.funding is JSONB",
    "CoverageCorrection.reason": "the case event's payload (JSONB)",
    "PriorAuthorisationIn.reference": "cases.prior_authorisation is JSONB",
    "HomeSubmissionRequest.reference": "claims.home_reimbursement is JSONB",
}


def _input_models() -> list[type[BaseModel]]:
    from app.directory.schemas import ServiceCreate
    from app.documents.schemas import UploadFields

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    queue = [*subclasses(RequestBody), ServiceCreate, UploadFields]
    seen: dict[type, None] = {}
    while queue:
        model = queue.pop()
        if model in seen:
            continue
        seen[model] = None
        for field in model.model_fields.values():
            queue.extend(_nested_models(field.annotation))
    return list(seen)


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _nested_models(argument)]


def _markers(field) -> list[StoredIn]:
    found = [item for item in field.metadata if isinstance(item, StoredIn)]

    def walk(annotation: Any) -> None:
        for argument in typing.get_args(annotation):
            if isinstance(argument, StoredIn):
                found.append(argument)
            else:
                walk(argument)

    walk(field.annotation)
    return found


def _string_lengths(schema: dict) -> list[int | None]:
    """maxLength of each string the property takes (itself, or its items); None: unbounded."""
    if "anyOf" in schema:
        return [length for option in schema["anyOf"] for length in _string_lengths(option)]
    if schema.get("type") == "array":
        return _string_lengths(schema.get("items", {}))
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        return [schema.get("maxLength")]
    return []


def _bounded_columns() -> dict[str, list[tuple[str, int]]]:
    columns: dict[str, list[tuple[str, int]]] = {}
    for mapper in Base.registry.mappers:
        for column in mapper.local_table.columns:
            if isinstance(column.type, String) and column.type.length:
                columns.setdefault(column.name, []).append(
                    (f"{mapper.local_table.name}.{column.name}", column.type.length)
                )
    return columns


def _fields():
    for model in _input_models():
        properties = model.model_json_schema()["properties"]
        for name, field in model.model_fields.items():
            yield model, field.alias or name, field, properties.get(field.alias or name, {})


def test_the_walk_sees_the_input_schemas_and_the_columns():
    names = {model.__name__ for model in _input_models()}
    assert {"PatientCreate", "CaseCreate", "CompanionCreate", "ApiClientCreate"} <= names
    assert {"Money", "Residence", "PatientIdentifier", "ServiceCreate"} <= names
    assert ("patients.family_name", 200) in _bounded_columns()["family_name"]


def test_a_field_stored_in_a_column_is_exactly_as_long_as_the_column():
    marked = 0
    for model, name, field, schema in _fields():
        for marker in _markers(field):
            marked += 1
            (column,) = marker.column.property.columns
            assert isinstance(column.type, String) and column.type.length, (model, name)
            lengths = _string_lengths(schema)
            assert lengths and set(lengths) == {column.type.length}, (
                f"{model.__name__}.{name}: schema maxLength {lengths}, column "
                f"{column.table.name}.{column.name} is String({column.type.length})"
            )
    assert marked >= 30


def test_no_input_field_is_longer_than_a_column_of_its_name_unless_stored_elsewhere():
    columns = _bounded_columns()
    drifted = []
    for model, name, field, schema in _fields():
        if _markers(field) or f"{model.__name__}.{name}" in STORED_ELSEWHERE:
            continue
        for length in _string_lengths(schema):
            shorter = [
                (where, n) for where, n in columns.get(name, []) if length is None or n < length
            ]
            if shorter:
                drifted.append(f"{model.__name__}.{name} ({length}) vs {shorter}")
    assert drifted == [], (
        "declare each with stored_in(type, Row.column), or list it in STORED_ELSEWHERE: "
        + "; ".join(drifted)
    )


def test_every_exemption_still_names_a_field():
    fields = {f"{model.__name__}.{name}" for model, name, _, _ in _fields()}
    assert set(STORED_ELSEWHERE) <= fields
