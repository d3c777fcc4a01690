"""Where a webhook may be sent, and a connection that goes only there.

Two rules close server-side request forgery through webhooks:

- **the address policy** (`address_allowed`): public unicast addresses only. IPv6
  forms that carry an IPv4 address inside (IPv4-mapped `::ffff:a.b.c.d`, SIIT's
  IPv4-translated `::ffff:0:a.b.c.d`, the deprecated IPv4-compatible `::a.b.c.d`,
  NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo `2001::/32`) are judged by the IPv4
  address they carry, which `ipaddress.is_global` alone does not do (`64:ff9b::7f00:1`
  reaches 127.0.0.1 through a NAT64 gateway, yet counts as global); local-use NAT64
  `64:ff9b:1::/48` is refused.
- **the name's syntax** (`host_name_problem`): RFC 1035's lengths (labels of 1 to 63
  characters, 253 in all), checked when the URL is registered.
- **pinning** (`GuardedNetworkBackend`): the name is resolved once, at connection
  time, every address it resolves to is checked, and the socket is opened to a
  checked address, never to a second resolution (DNS rebinding answered "public" to
  the check and 127.0.0.1 to the connection). The URL's host still goes in the
  `Host` header and in TLS (SNI and certificate checks), because only the TCP
  connection is pinned: httpcore passes the origin's host to `start_tls`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import typing

import httpcore
import httpx

IPv4 = ipaddress.IPv4Address
IPv6 = ipaddress.IPv6Address

IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# RFC 2765 (SIIT): `::ffff:0:7f00:1` is 127.0.0.1 to a translator, yet `is_global` to Python.
IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")
RESOLVE_TIMEOUT_SECONDS = 5
# RFC 1035 (2.3.4): a label holds 1 to 63 octets, a name at most 253 characters as text.
MAX_LABEL_LENGTH = 63
MAX_NAME_LENGTH = 253
_LABEL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


class TargetRefused(httpcore.ConnectError):
    """The connection was not opened: the target is not a public address (or has none).
    Its message is the delivery's recorded error: `target_private_address`, ..."""


def _embedded_ipv4(ip: IPv6) -> list[IPv4]:
    """The IPv4 addresses an IPv6 address stands for, in the transition forms."""
    low32 = IPv4(int(ip) & 0xFFFFFFFF)
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip in IPV4_COMPATIBLE or ip in IPV4_TRANSLATED or ip in NAT64_WELL_KNOWN:
        return [low32]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        server, client = ip.teredo
        return [server, client]
    return []


def host_name_problem(host: str) -> str | None:
    """Why `host` (a URL's host, without brackets) cannot be a DNS name, or None. An IP
    literal passes (the address policy judges it); a name must fit RFC 1035 once in its
    ASCII (IDNA) form: resolvers refuse, and Python's codec raises on, anything longer."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return None
    except ValueError:
        pass
    name = host[:-1] if host.endswith(".") else host
    try:
        ascii_name = name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return "a label is empty or longer than 63 characters"
    if not ascii_name or len(ascii_name) > MAX_NAME_LENGTH:
        return f"a host name holds 1 to {MAX_NAME_LENGTH} characters"
    for label in ascii_name.split("."):
        if not 1 <= len(label) <= MAX_LABEL_LENGTH:
            return f"each label of a host name holds 1 to {MAX_LABEL_LENGTH} characters"
        if not set(label) <= _LABEL_CHARACTERS:
            return "a host name holds letters, digits and hyphens"
    return None


def address_allowed(address: str) -> bool:
    """A public unicast address, and so is any IPv4 address it carries."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, IPv6):
        if ip in NAT64_LOCAL_USE:
            return False
        embedded = _embedded_ipv4(ip)
        if embedded:
            return all(v4.is_global and not v4.is_multicast for v4 in embedded)
    return ip.is_global and not ip.is_multicast


async def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a literal is its own answer); [] when none."""
    literal = host.strip("[]")
    try:
        return [str(ipaddress.ip_address(literal.split("%", 1)[0]))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(literal, port, type=socket.SOCK_STREAM),
            timeout=RESOLVE_TIMEOUT_SECONDS,
        )
    except (OSError, TimeoutError, UnicodeError):
        # UnicodeError: a name the IDNA codec refuses (an empty or 64+ character label).
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def refusal(host: str, port: int, allow_private: bool) -> tuple[str | None, list[str]]:
    """(why not, the addresses): None and the checked addresses when the host may be used."""
    addresses = await resolve(host, port)
    if not addresses:
        return "unresolvable", []
    if not allow_private and not all(address_allowed(a) for a in addresses):
        return "private_address", addresses
    return None, addresses


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections only to addresses the policy allows, resolved once."""

    def __init__(self, allow_private: bool, inner: httpcore.AsyncNetworkBackend | None = None):
        self.allow_private = allow_private
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        why, addresses = await refusal(host, port, self.allow_private)
        if why is not None:
            raise TargetRefused(f"target_{why}")
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any):
        raise TargetRefused("target_unix_socket")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool whose every connection goes through the
    guarded backend; no proxy from the environment (a proxy would connect for us)."""

    def __init__(
        self,
        allow_private: bool,
        ssl_context: ssl.SSLContext | None = None,
        limits: httpx.Limits | None = None,
    ) -> None:
        super().__init__(trust_env=False)
        # httpcore's own default is 10 connections; the worker sizes it for its attempts.
        limits = limits or httpx.Limits()
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedNetworkBackend(allow_private),
        )
