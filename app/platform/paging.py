"""Keyset paging with signed cursors: one helper for every list, one cursor error.

A cursor is the sort key of the last item served, as base64url JSON, followed by an
HMAC-SHA256 of it keyed with `settings.secret_key`. The signature is checked before
anything in the cursor is parsed, so a forged or edited cursor is refused as 422
`invalid_cursor` without reaching a query. A cursor still carries no authority: every
query re-applies the caller's tenancy filter, so a cursor copied from another
organisation only positions a scan of your own rows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Sequence
from typing import Any

import orjson

from app.platform.errors import InvalidRequest

# Truncated HMAC-SHA256: 128 bits are far beyond guessing and keep cursors short.
SIGNATURE_BYTES = 16


class InvalidCursor(InvalidRequest):
    """The one cursor error: forged, edited, from another list or from another key."""

    def __init__(self) -> None:
        super().__init__("The cursor is not one this API issued.", code="invalid_cursor")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode())


class Cursors:
    """Issues and checks cursors with one key (derived from `settings.secret_key`)."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"corridor/cursor/v1:" + secret.encode()).digest()

    def _sign(self, payload: bytes) -> bytes:
        # hmac.digest: the one-shot C path (a feed page signs a thousand event ids).
        digest = hmac.digest(self._key, payload, "sha256")[:SIGNATURE_BYTES]
        return base64.urlsafe_b64encode(digest).rstrip(b"=")

    def signature(self, payload: str) -> str:
        return self._sign(payload.encode()).decode()

    def encode(self, kind: str, values: Sequence[Any]) -> str:
        # Bytes throughout: `payload.signature`, both unpadded base64url.
        payload = base64.urlsafe_b64encode(orjson.dumps([kind, *values], default=str))
        payload = payload.rstrip(b"=")
        return (payload + b"." + self._sign(payload)).decode()

    def decode(self, cursor: str, kind: str, arity: int | tuple[int, ...]) -> list[Any]:
        """The cursor's values; `arity`: how many it holds (or the counts allowed)."""
        arities = (arity,) if isinstance(arity, int) else arity
        payload, _, signature = cursor.rpartition(".")
        if not payload or not hmac.compare_digest(
            signature.encode(), self.signature(payload).encode()
        ):
            raise InvalidCursor()
        try:
            data = json.loads(_unb64(payload))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise InvalidCursor() from None
        # Signed by us, but perhaps for another list: the kind says which.
        if not isinstance(data, list) or len(data) - 1 not in arities or data[0] != kind:
            raise InvalidCursor()
        return data[1:]
