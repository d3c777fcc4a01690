"""The contract tests' live servers: the end-to-end one, and one for Schemathesis."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.conftest import alembic, drop_database, recreate_database
from tests.e2e.conftest import LiveServer, live_server, org_setup, start_server, stop_server

__all__ = ["contract_server", "live_server", "org_setup"]


@pytest.fixture(scope="session")
def contract_server(settings, server_root_url) -> Iterator[LiveServer]:
    """A live server of its own, its rate limit lifted: thousands of generated requests
    should exercise the operations, not the limiter (429 stays documented everywhere)."""
    name = f"corridor_contract_{os.getpid()}"
    url = recreate_database(server_root_url, name)
    alembic(url, "upgrade", "heads")
    server = start_server(
        settings.home,
        url,
        {"CORRIDOR_RATE_LIMIT_PER_MINUTE": "10000000", "CORRIDOR_RATE_LIMIT_BURST": "1000000"},
    )
    yield server
    stop_server(server)
    drop_database(server_root_url, name)
