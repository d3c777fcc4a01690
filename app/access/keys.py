"""Signing keys for Corridor's own tokens, and an external identity provider's keys.

Generated on first start under CORRIDOR_HOME/keys (or read from the path in
settings). Every key has a `kid`; the newest signs. Keys rotate: when the newest
is older than the rotation period a new one is made (by whichever process first
needs to sign), and the others pick it up from the directory when they meet its
kid. A key that has been replaced stays published in the JWKS, and trusted, until
every token it can have signed has expired; then it is retired.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt import PyJWK, PyJWKSet
from jwt.algorithms import RSAAlgorithm
from jwt.exceptions import PyJWTError

from app.platform.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_pem: bytes | None
    public_pem: bytes
    # Seconds since the epoch; 0 for a key given by path (never rotated).
    created_at: float = 0.0

    def public_jwk(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(serialization.load_pem_public_key(self.public_pem)))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}


def _kid_for(public_pem: bytes) -> str:
    return hashlib.sha256(public_pem).hexdigest()[:16]


def _generate(directory: Path, now: float | None = None) -> SigningKey:
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
    millis = int((time.time() if now is None else now) * 1000)
    stem = f"{millis:015d}-{kid}"
    path = directory / f"{stem}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    return SigningKey(
        kid=kid, private_pem=private_pem, public_pem=public_pem, created_at=millis / 1000
    )


def _created_at(path: Path) -> float:
    prefix = path.stem.split("-", 1)[0]
    return int(prefix) / 1000 if prefix.isdigit() else 0.0


def _load(path: Path) -> SigningKey:
    private_pem = path.read_bytes()
    private = serialization.load_pem_private_key(private_pem, password=None)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return SigningKey(
        kid=_kid_for(public_pem),
        private_pem=private_pem,
        public_pem=public_pem,
        created_at=_created_at(path),
    )


class KeyRing:
    """The keys this instance trusts; the last one signs.

    With a `directory`, the ring rotates: `rotate_after` seconds after the newest key
    was made, the next signature makes a new one; a replaced key is retired
    `retain_after_replaced` seconds after its successor appeared (the longest token
    lifetime), when no token it signed can still be valid.
    """

    def __init__(
        self,
        keys: list[SigningKey],
        *,
        directory: Path | None = None,
        rotate_after: float | None = None,
        retain_after_replaced: float = 0.0,
        clock=time.time,
    ) -> None:
        if not keys:
            raise ValueError("a key ring needs at least one key")
        self.keys = keys
        self.directory = directory
        self.rotate_after = rotate_after
        self.retain_after_replaced = retain_after_replaced
        self.clock = clock
        self._lock = threading.Lock()
        self._last_reload = 0.0

    @property
    def signing_key(self) -> SigningKey:
        self.rotate_if_due()
        return self.keys[-1]

    def active_keys(self) -> list[SigningKey]:
        """The newest key, and every replaced key some valid token may still carry."""
        now = self.clock()
        active = []
        for key, successor in zip(self.keys, self.keys[1:], strict=False):
            if successor.created_at + self.retain_after_replaced > now:
                active.append(key)
        active.append(self.keys[-1])
        return active

    def find(self, kid: str | None) -> SigningKey | None:
        for key in self.active_keys():
            if key.kid == kid:
                return key
        # Another process may have rotated: look in the directory, at most once a second.
        if self.directory is not None and self.clock() - self._last_reload > 1:
            self.reload()
            for key in self.active_keys():
                if key.kid == kid:
                    return key
        return None

    def jwks(self) -> dict:
        self.rotate_if_due()
        return {"keys": [key.public_jwk() for key in self.active_keys()]}

    def reload(self) -> None:
        if self.directory is None:
            return
        with self._lock:
            self._last_reload = self.clock()
            paths = sorted(self.directory.glob("*.pem")) if self.directory.exists() else []
            known = {key.kid: key for key in self.keys}
            loaded = []
            for path in paths:
                key = _load(path)
                loaded.append(known.get(key.kid, key))
            if loaded:
                self.keys = loaded

    def rotate_if_due(self) -> None:
        if self.directory is None or self.rotate_after is None:
            return
        if self.clock() - self.keys[-1].created_at < self.rotate_after:
            return
        self.reload()
        with self._lock:
            if self.clock() - self.keys[-1].created_at >= self.rotate_after:
                self.keys.append(_generate(self.directory, self.clock()))

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        if settings.jwt_private_key_path:
            return cls([_load(settings.jwt_private_key_path)])
        directory = settings.home / "keys"
        longest_token = max(settings.token_default_ttl_seconds, settings.client_token_ttl_seconds)
        return cls(
            load_or_create(directory),
            directory=directory,
            rotate_after=settings.signing_key_rotation_days * 86_400,
            # A minute's grace for clocks that disagree.
            retain_after_replaced=longest_token + 60,
        )

    def rotate(self, directory: Path | None = None) -> SigningKey:
        """Make a new signing key now (`corridor keys rotate`, a suspected leak)."""
        target = directory or self.directory
        if target is None:
            raise ValueError("this key ring has no directory to write a key to")
        with self._lock:
            key = _generate(target, self.clock())
            self.keys.append(key)
        return key


def load_or_create(directory: Path) -> list[SigningKey]:
    paths = sorted(directory.glob("*.pem")) if directory.exists() else []
    if not paths:
        # Two processes starting at once may both generate; both keys stay valid.
        return [_generate(directory)]
    return [_load(path) for path in paths]


# -- an external identity provider's keys --------------------------------------------------

# A kid is looked up, logged and cached: a made-up one of any size is refused first.
MAX_KID_CHARS = 200


class ExternalKeySet:
    """An external identity provider's JWKS (CORRIDOR_JWKS_URL), fetched off the event
    loop when a token names a kid not known yet.

    - the fetch is an async HTTP request (httpx) bounded by `timeout` seconds in all;
    - single-flight: while one fetch runs, every request needing it awaits that one;
    - after a fetch ends, succeeded or failed, none starts for `cooldown` seconds: a
      token with an unknown kid is then refused at once, without a request.
    So an anonymous caller sending made-up kids costs the provider one request per
    cooldown, and never holds the loop (issue 23, item 6).
    """

    def __init__(self, url: str, *, timeout: float, cooldown: float, clock=time.monotonic) -> None:
        self.url = url
        self.timeout = timeout
        self.cooldown = cooldown
        self.clock = clock
        self._keys: dict[str, PyJWK] = {}
        self._last_fetch_ended: float | None = None
        self._in_flight: asyncio.Future | None = None
        self.fetches = 0

    def cached(self, kid: str) -> PyJWK | None:
        return self._keys.get(kid)

    async def find(self, kid: str) -> PyJWK | None:
        """The key `kid`, fetching the set when allowed (or joining the fetch under way)."""
        key = self._keys.get(kid)
        if key is not None:
            return key
        if self._in_flight is None:
            ended = self._last_fetch_ended
            if ended is not None and self.clock() - ended < self.cooldown:
                return None
            self._in_flight = asyncio.ensure_future(self._fetch())
        # Shielded: a caller that hangs up does not cancel the fetch the others wait on.
        await asyncio.shield(self._in_flight)
        return self._keys.get(kid)

    async def _fetch(self) -> None:
        self.fetches += 1
        try:
            async with asyncio.timeout(self.timeout):
                async with httpx.AsyncClient(timeout=self.timeout) as client:
                    response = await client.get(self.url, headers={"Accept": "application/json"})
                    response.raise_for_status()
                    document = response.json()
            found = PyJWKSet.from_dict(document)
            self._keys = {key.key_id: key for key in found.keys if key.key_id}
        except (TimeoutError, httpx.HTTPError, ValueError, PyJWTError) as error:
            # The keys known so far stay; the reason is for the operator (no token in it).
            log.warning("jwks: fetching %s failed (%s)", self.url, type(error).__name__)
        finally:
            self._last_fetch_ended = self.clock()
            self._in_flight = None
