"""/docs and /redoc render in a real headless Chromium with the network cut.

The browser reaches the live server on loopback and nothing else: every other host name
fails to resolve and every other request goes to a proxy that does not exist. A page
whose scripts came from a CDN would stay blank (`SwaggerUIBundle is not defined`).
Rendered means: every operation of the document has its entry in the page.

Needs a Chromium (Debian: `apt-get install chromium`; or CORRIDOR_CHROMIUM=/path); the
test skips, saying so, when none is installed: `make test` installs nothing system-wide.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str | None:
    explicit = os.environ.get("CORRIDOR_CHROMIUM")
    if explicit:
        return explicit
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _render_offline(browser: str, url: str, profile: Path) -> tuple[str, str]:
    """The page's DOM after its scripts ran, and the browser's console log."""
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",  # root in a container has no user namespace for the sandbox
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            f"--user-data-dir={profile}",
            # The network cut: no name resolves but the loopback literal, and any request
            # that is not to loopback goes to a closed port.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--proxy-server=http://127.0.0.1:9",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=30000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout, result.stderr


def _operation_ids(spec: dict) -> set[str]:
    return {
        operation["operationId"]
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


@pytest.fixture(scope="module")
def browser() -> str:
    found = _browser()
    if found is None:
        pytest.skip(
            "no Chromium installed (apt-get install chromium, or set CORRIDOR_CHROMIUM): "
            "the offline docs pages were not rendered"
        )
    return found


@pytest.mark.parametrize(
    ("page", "entry"),
    [
        # Swagger UI links each operation as #/<tag>/<operationId>.
        ("/docs", r'href="#/[^/"]+/([A-Za-z0-9_-]+)"'),
        # ReDoc anchors each operation as operation/<operationId>.
        ("/redoc", r"operation/([A-Za-z0-9_-]+)"),
    ],
)
def test_the_docs_page_renders_every_operation_offline(
    browser: str, live_server, tmp_path: Path, page: str, entry: str
) -> None:
    raw = httpx.get(f"{live_server.base_url}{page}").text
    # The page names no other origin: its assets are served by Corridor itself.
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', raw), raw
    spec = httpx.get(f"{live_server.base_url}/openapi.json").json()

    dom, console = _render_offline(browser, f"{live_server.base_url}{page}", tmp_path)

    assert "Uncaught" not in console, console[-4000:]
    rendered = set(re.findall(entry, dom))
    expected = _operation_ids(spec)
    assert len(expected) > 50
    assert expected <= rendered, f"not rendered: {sorted(expected - rendered)}"


def test_the_docs_assets_are_served_with_a_same_origin_policy(live_server) -> None:
    page = httpx.get(f"{live_server.base_url}/docs")
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "https:" not in policy and "*" not in policy
    scripts = re.findall(r'<script src="([^"]+)"', page.text)
    assert scripts, page.text
    for script in scripts:
        asset = httpx.get(f"{live_server.base_url}{script}")
        assert asset.status_code == 200
        assert "javascript" in asset.headers["content-type"]
        assert len(asset.content) > 100_000  # the real bundle, not a placeholder
