"""Issue and verify bearer tokens (JWT, RS256)."""

from __future__ import annotations

import functools
import time
import uuid
from collections import OrderedDict

import jwt
from cryptography.hazmat.primitives import serialization

from app.access.keys import MAX_KID_CHARS, ExternalKeySet, KeyRing
from app.domain.principal import Principal
from app.domain.vocabulary import Role
from app.platform.clock import now_utc
from app.platform.settings import Settings


@functools.lru_cache(maxsize=16)
def _private_key(pem: bytes):
    # Parsing (and checking) an RSA private key costs milliseconds: once per key, not per token.
    return serialization.load_pem_private_key(pem, password=None)


@functools.lru_cache(maxsize=16)
def _public_key(pem: bytes):
    return serialization.load_pem_public_key(pem)


class InvalidToken(Exception):
    """The token is missing, malformed, expired or signed by a key we do not trust."""


class UnknownExternalKey(InvalidToken):
    """The token names a kid the external provider's keys, as known so far, lack."""

    def __init__(self, kid: str) -> None:
        super().__init__("unknown signing key")
        self.kid = kid


# Bounds on what a token may carry, checked at verification so that nothing downstream
# (the audit row, the rate limiter, the logs) meets a value it cannot hold.
MAX_TOKEN_CHARS = 8192
MAX_SUB_CHARS = 200
MAX_CLIENT_ID_CHARS = 80
MAX_ROLES = 8
# Clock skew allowed on `exp` beyond the maximum lifetime.
LIFETIME_LEEWAY_SECONDS = 60


# Verified tokens kept per process: an RS256 verification costs ~0.1 ms of CPU per request,
# a dictionary look-up nothing. Bounded, least recently used first out.
VERIFIED_CACHE_SIZE = 10_000


class TokenService:
    def __init__(self, settings: Settings, keys: KeyRing) -> None:
        self.settings = settings
        self.keys = keys
        self._external = (
            ExternalKeySet(
                settings.jwks_url,
                timeout=settings.jwks_fetch_timeout_seconds,
                cooldown=settings.jwks_refetch_cooldown_seconds,
            )
            if settings.jwks_url and settings.jwks_issuer
            else None
        )
        # token -> (principal, exp, kid) of tokens our own keys signed: a token once verified
        # stays valid until it expires or its key retires.
        self._verified: OrderedDict[str, tuple[Principal, float, str]] = OrderedDict()

    def issue(
        self,
        *,
        sub: str,
        roles: list[str],
        organization_id: uuid.UUID | None,
        ttl_seconds: int | None = None,
        client_id: str | None = None,
    ) -> str:
        now = int(now_utc().timestamp())
        ttl_seconds = ttl_seconds or self.settings.token_default_ttl_seconds
        if ttl_seconds > self.settings.token_max_lifetime_seconds:
            raise ValueError("the lifetime exceeds token_max_lifetime_seconds")
        claims: dict = {
            "iss": self.settings.jwt_issuer,
            "aud": self.settings.jwt_audience,
            "sub": sub,
            "roles": roles,
            "iat": now,
            "nbf": now - 5,
            "exp": now + ttl_seconds,
            "jti": uuid.uuid4().hex,
        }
        if organization_id is not None:
            claims["org_id"] = str(organization_id)
        if client_id is not None:
            claims["client_id"] = client_id
        key = self.keys.signing_key
        return jwt.encode(
            claims, _private_key(key.private_pem), algorithm="RS256", headers={"kid": key.kid}
        )

    async def authenticate(self, token: str) -> Principal:
        """`verify`, and when the token names a kid the external provider's keys lack, fetch
        them first: off the event loop, one fetch at a time, not again within the cooldown
        (app.access.keys.ExternalKeySet). This is what a request calls."""
        try:
            return self.verify(token)
        except UnknownExternalKey as missing:
            assert self._external is not None
            if await self._external.find(missing.kid) is None:
                raise
            return self.verify(token)

    def verify(self, token: str) -> Principal:
        """The token's principal; verified once, then served from the cache until `exp`.
        Never fetches: an external key not known yet is `UnknownExternalKey`."""
        cached = self._verified.get(token)
        if cached is not None:
            principal, expires, kid = cached
            if now_utc().timestamp() < expires and self.keys.find(kid) is not None:
                self._verified.move_to_end(token)
                return principal
            del self._verified[token]
        principal, expires, kid = self._verify(token)
        if kid is not None:
            self._verified[token] = (principal, expires, kid)
            if len(self._verified) > VERIFIED_CACHE_SIZE:
                self._verified.popitem(last=False)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float, str | None]:
        """The principal, its expiry, and the kid when one of our own keys signed it."""
        kid = None
        if len(token) > MAX_TOKEN_CHARS:
            raise InvalidToken("token too long")
        try:
            header = jwt.get_unverified_header(token)
            own = self.keys.find(header.get("kid")) if self.settings.accept_own_tokens else None
            if own is not None:
                kid = own.kid
                claims = jwt.decode(
                    token,
                    _public_key(own.public_pem),
                    algorithms=["RS256"],
                    audience=self.settings.jwt_audience,
                    issuer=self.settings.jwt_issuer,
                    options={"require": ["exp", "iat", "sub"]},
                )
            elif self._external is not None:
                wanted = header.get("kid")
                if not isinstance(wanted, str) or not 0 < len(wanted) <= MAX_KID_CHARS:
                    raise InvalidToken("the token names no usable kid")
                signing = self._external.cached(wanted)
                if signing is None:
                    raise UnknownExternalKey(wanted)
                claims = jwt.decode(
                    token,
                    signing.key,
                    algorithms=["RS256", "ES256"],
                    audience=self.settings.jwt_audience,
                    issuer=self.settings.jwks_issuer,
                    options={"require": ["exp", "sub"]},
                )
            else:
                raise InvalidToken("unknown signing key")
        except jwt.PyJWTError as error:
            raise InvalidToken(str(error)) from error
        self._check_lifetime(claims)
        if own is None:
            self._check_external_admin(claims)
        # `client_id` names one of Corridor's API clients only in a token Corridor signed.
        return _principal_from(claims, own=own is not None), float(claims["exp"]), kid

    def _check_external_admin(self, claims: dict) -> None:
        """An external provider makes a platform admin only through the claim named by
        CORRIDOR_JWKS_ADMIN_CLAIM, set to `true`; unset, its `admin` role is refused: a
        provider that signs for many applications must not mint Corridor's admins."""
        roles = claims.get("roles")
        if not isinstance(roles, list) or Role.ADMIN.value not in roles:
            return
        claim = self.settings.jwks_admin_claim
        if claim is None or claims.get(claim) is not True:
            raise InvalidToken("an external token may not carry the admin role")

    def _check_lifetime(self, claims: dict) -> None:
        """However it was signed, no token outlives the maximum lifetime."""
        longest = self.settings.token_max_lifetime_seconds
        exp, iat = claims.get("exp"), claims.get("iat")
        if (
            not isinstance(exp, int | float)
            # Wall-clock time, as PyJWT checks `exp` with (the demo replays now_utc()).
            or exp - time.time() > longest + LIFETIME_LEEWAY_SECONDS
        ):
            raise InvalidToken("the token lives longer than the maximum lifetime")
        if iat is not None and (not isinstance(iat, int | float) or exp - iat > longest):
            raise InvalidToken("the token lives longer than the maximum lifetime")


def _bounded_text(claims: dict, name: str, longest: int, *, required: bool) -> str | None:
    value = claims.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= longest:
        raise InvalidToken(f"{name} must be a string of 1 to {longest} characters")
    if not value.isprintable():
        raise InvalidToken(f"{name} must be printable")
    return value


def _principal_from(claims: dict, *, own: bool = True) -> Principal:
    sub = _bounded_text(claims, "sub", MAX_SUB_CHARS, required=True)
    client_id = _bounded_text(claims, "client_id", MAX_CLIENT_ID_CHARS, required=False)
    raw_roles = claims.get("roles") or []
    if not isinstance(raw_roles, list) or len(raw_roles) > MAX_ROLES:
        raise InvalidToken("roles must be a list of at most 8 roles")
    try:
        roles = frozenset(Role(role) for role in raw_roles)
    except ValueError as error:
        raise InvalidToken("unknown role") from error
    org = claims.get("org_id")
    if org is not None and (not isinstance(org, str) or len(org) > 36):
        raise InvalidToken("org_id must be a UUID")
    try:
        organization_id = uuid.UUID(org) if org else None
    except (ValueError, TypeError) as error:
        raise InvalidToken("org_id must be a UUID") from error
    if organization_id is None and roles - {Role.ADMIN}:
        raise InvalidToken("an organisation role needs org_id")
    if Role.ADMIN in roles and (organization_id is not None or len(roles) > 1):
        # The platform admin belongs to no organisation: admin with an org_id would be
        # both at once, and every policy that tells them apart would have to guess.
        raise InvalidToken("admin is a role of its own, without org_id")
    if not roles:
        raise InvalidToken("no roles")
    return Principal(
        sub=sub,
        organization_id=organization_id,
        roles=roles,
        client_id=client_id if own else None,
    )
