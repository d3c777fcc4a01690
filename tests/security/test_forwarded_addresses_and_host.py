"""What a caller on the wire controls: X-Forwarded-For and Host. A subprocess
`corridor serve` on its own database, spoken to over real sockets.

- X-Forwarded-For is believed from CORRIDOR_TRUSTED_PROXIES only (none by default):
  rotating it from loopback bypassed every per-address limit (issue 23, item 8).
- No redirect is built from the caller's Host header: `GET /v1/cases/` with
  `Host: evil.example` answered 307 to http://evil.example/v1/cases (issue 23, item 7).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from app.db.engine import app_url_for
from tests.conftest import drop_database, new_server_home, recreate_database
from tests.operations.conftest import Serving, corridor_env, request, serve

LIMITS = {"CORRIDOR_RATE_LIMIT_PER_MINUTE": "1", "CORRIDOR_RATE_LIMIT_BURST": "5"}
ATTEMPTS = 12


@pytest.fixture(scope="module")
def database_for_serving(server_root_url) -> Iterator[str]:
    name = f"corridor_forwarded_{os.getpid()}"
    url = recreate_database(server_root_url, name)
    yield url
    drop_database(server_root_url, name)


def _serve(database_url: str, *extra: str, **env: str) -> tuple[Serving, Path]:
    base = new_server_home("forwarded")
    home = base / "home"
    home.mkdir()
    environment = corridor_env(
        home,
        CORRIDOR_DATABASE_URL=database_url,
        CORRIDOR_APP_DATABASE_URL=app_url_for(database_url),
        **{**LIMITS, **env},
    )
    return serve(environment, home, *extra), base


@pytest.fixture(scope="module")
def untrusting_server(database_for_serving) -> Iterator[Serving]:
    serving, _ = _serve(database_for_serving)
    yield serving
    serving.stop()


@pytest.fixture(scope="module", params=["setting", "option"])
def trusting_server(request, database_for_serving) -> Iterator[Serving]:
    """Loopback is a trusted proxy: by the setting, or by `serve --trusted-proxies`."""
    if request.param == "setting":
        serving, _ = _serve(database_for_serving, CORRIDOR_TRUSTED_PROXIES="127.0.0.1")
    else:
        serving, _ = _serve(database_for_serving, "--trusted-proxies", "127.0.0.0/8,::1")
    yield serving
    serving.stop()


def _directory(serving: Serving, forwarded_for: str) -> int:
    status, _, _ = request(
        serving.port,
        "GET",
        "/v1/directory?residence_country=LC",
        headers={"X-Forwarded-For": forwarded_for},
    )
    return status


def _wrong_secret(serving: Serving, forwarded_for: str) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", serving.port, timeout=30)
    try:
        connection.request(
            "POST",
            "/oauth/token",
            body=urlencode(
                {
                    "grant_type": "client_credentials",
                    "client_id": "cl_guessed",
                    "client_secret": "wrong",
                }
            ),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": forwarded_for,
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.parametrize("ask", [_directory, _wrong_secret], ids=["directory", "oauth_token"])
def test_a_rotating_x_forwarded_for_from_an_untrusted_peer_is_still_limited_per_real_address(
    untrusting_server, ask
):
    statuses = [ask(untrusting_server, f"203.0.113.{n}") for n in range(1, ATTEMPTS + 1)]
    # Burst 5: the loopback peer's allowance, whatever address each request claims.
    assert 429 in statuses, statuses
    assert statuses.index(429) <= 6, statuses


@pytest.mark.parametrize("ask", [_directory, _wrong_secret], ids=["directory", "oauth_token"])
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_one_limited(trusting_server, ask):
    prefix = "198.51.100" if ask is _directory else "192.0.2"
    # Each forwarded address has its own allowance...
    assert [ask(trusting_server, f"{prefix}.{n}") for n in range(1, ATTEMPTS + 1)] == [
        200 if ask is _directory else 401
    ] * ATTEMPTS
    # ... and one address is limited, however many proxies it comes through.
    repeated = [ask(trusting_server, f"{prefix}.250") for _ in range(ATTEMPTS)]
    assert 429 in repeated, repeated


def test_a_trailing_slash_gets_no_redirect_to_the_callers_host(untrusting_server):
    status, headers, body = request(
        untrusting_server.port, "GET", "/v1/cases/", headers={"Host": "evil.example"}
    )
    assert status == 404, (status, dict(headers))
    assert headers.get("Location") is None
    assert headers["Content-Type"].startswith("application/problem+json")
    assert body["code"] == "not_found"
    assert "evil.example" not in str(body)


def test_no_path_answers_with_a_location_on_the_callers_host(untrusting_server):
    for path in ("/v1/cases/", "/v1/directory/", "/v1/organizations/", "/healthz/", "/v1/"):
        status, headers, _ = request(
            untrusting_server.port, "GET", path, headers={"Host": "evil.example"}
        )
        assert status not in (301, 302, 303, 307, 308), (path, status)
        assert "evil.example" not in (headers.get("Location") or ""), path


def test_no_application_code_reads_forwarded_headers_itself():
    """One rule: uvicorn rewrites the client address from CORRIDOR_TRUSTED_PROXIES'
    headers, and the application reads `request.client` only."""
    root = Path(__file__).resolve().parents[2] / "app"
    configured_in = {root / "cli.py", root / "platform" / "settings.py"}
    readers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path not in configured_in and "forwarded" in path.read_text().lower()
    ]
    assert readers == []
