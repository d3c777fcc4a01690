"""API client credentials: identifiers and secrets, and how secrets are kept.

A secret is 256 random bits, shown once at registration. Only its SHA-256 is stored:
with that much entropy a fast hash cannot be brute-forced, and checking it costs the
token endpoint nothing (a slow password hash would only slow down legitimate clients).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

CLIENT_ID_PREFIX = "cor_"
SECRET_PREFIX = "cs_"  # noqa: S105 - a prefix, not a secret


def new_client_id() -> str:
    return CLIENT_ID_PREFIX + secrets.token_urlsafe(12)


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_hash)
