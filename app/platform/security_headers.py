"""Security headers on every response."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

# The interactive docs load their scripts and styles from a CDN; everything else is
# JSON that no browser should render, frame or cache.
API_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
}
DOCS_PATHS = ("/docs", "/redoc")


def add_security_headers(path: str, headers: MutableHeaders) -> None:
    for name, value in API_HEADERS.items():
        if path.startswith(DOCS_PATHS) and name in ("Content-Security-Policy", "Cache-Control"):
            continue
        if name == "Cache-Control" and name in headers:
            continue
        headers[name] = value
