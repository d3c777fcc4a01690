"""A JSON request body names each member once, on every operation.

`{"status": "draft", "status": "admitted"}` is valid JSON whose meaning depends on the
parser (RFC 8259: "names SHOULD be unique"): Python keeps the last, a proxy or a
signature check in front of the API may read the first. Corridor refuses the body
(422 `duplicate_key`) rather than guess. Likewise a body that is JSON `null`: every body
Corridor takes is an object, and `null` would otherwise pass as no body at all.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from app.platform.errors import InvalidRequest


class DuplicateKey(InvalidRequest):
    code = "duplicate_key"

    def __init__(self, name: str) -> None:
        super().__init__(
            f"A JSON object in the body names the member {name!r} twice; send each member once.",
            member=name[:64],
        )


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise DuplicateKey(name)
            seen.add(name)
    return members


def _is_json(content_type: str | None) -> bool:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


async def refuse_ambiguous_json_body(request: Request) -> None:
    """An application-wide dependency, after routing (the refusal is audited under its
    operation) and before authentication and the handler (nothing is touched). Only a
    request with a JSON body pays the second parse; the body is read once (cached)."""
    headers = request.headers
    if "content-length" not in headers and "transfer-encoding" not in headers:
        return
    if not _is_json(headers.get("content-type")):
        return
    body = await request.body()
    if not body:
        return
    try:
        parsed = json.loads(body, object_pairs_hook=_unique_members)
    except ValueError:
        return  # not JSON: the body's own validation answers it
    if parsed is None:
        # Every body Corridor takes is an object. A literal `null` would pass an optional
        # body as absent and reach the action's other checks (If-Match: a 412 for what is
        # a malformed request); it is refused like any body that breaks its schema.
        raise RequestValidationError(
            [
                {
                    "type": "model_type",
                    "loc": ("body",),
                    "msg": "A body, when sent, is a JSON object, not null.",
                    "input": None,
                }
            ]
        )
