"""Security headers on every response."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

# Everything but the docs pages is JSON that no browser should render, frame or cache.
API_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
}
# The docs pages (Swagger UI at /docs, ReDoc at /redoc) load their scripts and styles
# from DOCS_ASSETS, installed with the project (fastapi-offline): nothing comes from
# another origin, so their policy allows this origin only. The pages start their
# viewers with an inline script; ReDoc runs a worker from a blob: URL.
DOCS_ASSETS = "/docs/assets"
DOCS_PATHS = ("/docs", "/redoc")
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'; frame-ancestors 'none'"
)


_API_RAW = [(name.lower().encode(), value.encode()) for name, value in API_HEADERS.items()]
_DOCS_RAW = [
    (name, DOCS_POLICY.encode() if name == b"content-security-policy" else value)
    for name, value in _API_RAW
    if name != b"cache-control"
]


def add_security_headers(path: str, headers: MutableHeaders) -> None:
    """Appended to the raw header list (every response pays this): a header the answer
    set itself is replaced, except its own Cache-Control (an ETag'd directory page)."""
    present = {name for name, _ in headers.raw}
    for name, value in _DOCS_RAW if path.startswith(DOCS_PATHS) else _API_RAW:
        if name not in present:
            headers.raw.append((name, value))
        elif name != b"cache-control":
            headers[name.decode()] = value.decode()
