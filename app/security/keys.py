"""Signing keys for Corridor's own tokens.

Generated on first start under CORRIDOR_HOME/keys (or read from the paths in
settings). Every key has a `kid`; the newest signs, all are published in the
JWKS so tokens signed before a rotation stay valid until they expire.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from app.settings import Settings


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_pem: bytes | None
    public_pem: bytes

    def public_jwk(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(serialization.load_pem_public_key(self.public_pem)))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}


def _kid_for(public_pem: bytes) -> str:
    return hashlib.sha256(public_pem).hexdigest()[:16]


def _generate(directory: Path) -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    kid = _kid_for(public_pem)
    directory.mkdir(parents=True, exist_ok=True)
    # Name by creation time so the newest key sorts last.
    stem = f"{int(time.time() * 1000):015d}-{kid}"
    path = directory / f"{stem}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    return SigningKey(kid=kid, private_pem=private_pem, public_pem=public_pem)


def _load(path: Path) -> SigningKey:
    private_pem = path.read_bytes()
    private = serialization.load_pem_private_key(private_pem, password=None)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return SigningKey(kid=_kid_for(public_pem), private_pem=private_pem, public_pem=public_pem)


class KeyRing:
    """The keys this instance trusts; the last one signs."""

    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys:
            raise ValueError("a key ring needs at least one key")
        self.keys = keys

    @property
    def signing_key(self) -> SigningKey:
        return self.keys[-1]

    def find(self, kid: str | None) -> SigningKey | None:
        for key in self.keys:
            if key.kid == kid:
                return key
        return None

    def jwks(self) -> dict:
        return {"keys": [key.public_jwk() for key in self.keys]}

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        if settings.jwt_private_key_path:
            return cls([_load(settings.jwt_private_key_path)])
        directory = settings.home / "keys"
        return cls(load_or_create(directory))

    def rotate(self, directory: Path) -> SigningKey:
        key = _generate(directory)
        self.keys.append(key)
        return key


def load_or_create(directory: Path) -> list[SigningKey]:
    paths = sorted(directory.glob("*.pem")) if directory.exists() else []
    if not paths:
        # Two processes starting at once may both generate; both keys stay valid.
        return [_generate(directory)]
    return [_load(path) for path in paths]
