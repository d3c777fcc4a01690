"""Summaries and examples of every operation, from `operations.json`, one entry per
operationId:

    "cases-submit": {
      "summary": "Submit the referral to the receiving hospital",
      "request": {...},      # the request body's example (any media type)
      "response": {...},     # the success answer's example (every media type of it)
      "responses": {"text/csv": "...", "application/x-ndjson": "..."}  # or one per type
    }

A new operation adds its entry there (taken from a realistic CARES or ZOAST case); the
Spectral rules in `.spectral.yaml` fail the lint when an operation has no summary in
words or no example, and Spectral checks every example against its schema.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

OPERATIONS_FILE = Path(__file__).with_name("operations.json")


@cache
def operation_texts() -> dict[str, dict[str, Any]]:
    return json.loads(OPERATIONS_FILE.read_text(encoding="utf-8"))


def _success(operation: dict[str, Any]) -> dict[str, Any] | None:
    """The lowest 2xx answer that has content."""
    for status in sorted(operation.get("responses", {})):
        answer = operation["responses"][status]
        if status.startswith("2") and answer.get("content"):
            return answer
    return None


def apply_operation_texts(operation: dict[str, Any]) -> None:
    entry = operation_texts().get(operation.get("operationId", ""))
    if entry is None:
        return
    entry = copy.deepcopy(entry)  # each document owns its examples
    if "summary" in entry:
        operation["summary"] = entry["summary"]
    body = operation.get("requestBody")
    if body is not None and "request" in entry:
        for media in body.get("content", {}).values():
            media["example"] = entry["request"]
    answer = _success(operation)
    if answer is None:
        return
    for media_type, media in answer["content"].items():
        if media_type in entry.get("responses", {}):
            media["example"] = entry["responses"][media_type]
        elif "response" in entry:
            media["example"] = entry["response"]
