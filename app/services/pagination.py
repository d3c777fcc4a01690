"""Opaque keyset cursors.

A cursor is the sort key of the last item served, base64url-encoded JSON. It
carries no authority: every query re-applies the caller's tenancy filter, so a
cursor copied from another organisation only positions a scan of your own rows.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from app.services.errors import InvalidRequest


def encode_cursor(kind: str, values: list[Any]) -> str:
    raw = json.dumps([kind, *values], separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str, kind: str, arity: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidRequest(
            "The cursor is not one this API issued.", code="invalid_cursor"
        ) from None
    if not isinstance(data, list) or len(data) != arity + 1 or data[0] != kind:
        raise InvalidRequest("The cursor is not one this API issued.", code="invalid_cursor")
    return data[1:]
