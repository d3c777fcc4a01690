"""The action table (app/cases/actions.py) is what the routes and the OpenAPI document
serve: one route per row, with the row's body, calling the row's aggregate method."""

from __future__ import annotations

import inspect

from app.cases.actions import ACTIONS, BY_ACTION
from app.domain.case import Case
from app.domain.transitions import TRANSITIONS
from app.domain.vocabulary import Action
from app.openapi_export import current_document


def test_every_action_has_exactly_one_row():
    assert [row.action for row in ACTIONS] == list(Action)
    assert set(BY_ACTION) == {transition.action for transition in TRANSITIONS}


def test_each_row_names_a_method_of_the_aggregate():
    for row in ACTIONS:
        assert inspect.isfunction(row.method), row.action
        assert getattr(Case, row.method.__name__) is row.method, row.action
        parameters = inspect.signature(row.method).parameters
        assert {"actor", "now"} <= set(parameters), row.action
        if row.action == Action.APPROVE_FUNDING:
            # The service turns this body into the funding evidence the guard weighs.
            assert {"evidence", "context"} <= set(parameters)
            continue
        # Every field of the body reaches the method as a keyword of the same name.
        assert set(row.body.model_fields) <= set(parameters), row.action


def test_the_openapi_document_has_one_operation_per_row_with_its_body():
    paths = current_document()["paths"]
    action_paths = {
        path.rsplit("/", 1)[1]
        for path, operations in paths.items()
        if path.startswith("/v1/cases/{case_id}/")
        and "post" in operations
        and path.rsplit("/", 1)[1] in {a.value for a in Action}
    }
    assert action_paths == {row.action.value for row in ACTIONS}
    for row in ACTIONS:
        operation = paths[f"/v1/cases/{{case_id}}/{row.action.value}"]["post"]
        assert operation["operationId"] == f"cases-{row.action.value}"
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        refs = [option.get("$ref", "") for option in schema.get("anyOf", [schema])]
        assert f"#/components/schemas/{row.body.__name__}" in refs, row.action
