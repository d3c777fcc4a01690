"""Webhook targets: a host name that cannot exist, and IPv6 forms that carry a private
IPv4 address, are refused when the URL is registered (422, a stable code), never a 500
and never accepted."""

from __future__ import annotations

import httpx
import pytest

from app.integrations import webhook_targets
from app.main import create_app


def _client(settings, sessionmaker, **update) -> httpx.AsyncClient:
    app = create_app(settings.model_copy(update=update), sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _register(client: httpx.AsyncClient, auth, url: str) -> httpx.Response:
    org = (
        await client.post(
            "/v1/organizations",
            json={"name": "Hooks", "kind": "payer", "country": "BE"},
            headers=auth(None, "admin"),
        )
    ).json()["id"]
    return await client.post(
        "/v1/webhooks", json={"url": url, "event_types": ["*"]}, headers=auth(org, "payer")
    )


BAD_HOST_NAMES = [
    f"https://{'a' * 64}.example.org/hook",  # a 64-character label
    f"https://{'a' * 200}.example.org/hook",
    "https://hooks..example.org/hook",  # an empty label
    "https://.example.org/hook",
    "https://" + ".".join(["abcdefghi"] * 26) + ".org/hook",  # 263 characters in all
    "https://exa%20mple.org/hook",
]


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("url", BAD_HOST_NAMES)
async def test_a_webhook_host_name_outside_rfc_1035_is_a_422(
    url, allow_private, settings, sessionmaker, auth
):
    """Without the private-target allowance the resolver raised (500); with it, the URL
    was stored and every delivery failed."""
    async with _client(
        settings, sessionmaker, webhooks_allow_private_targets=allow_private
    ) as client:
        response = await _register(client, auth, url)
    assert response.status_code == 422, (url, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "invalid_webhook_url"


@pytest.mark.parametrize(
    "url",
    [
        "https://" + "a" * 63 + ".example.org/hook",
        "https://" + ".".join(["abcdefghi"] * 24) + ".org/hook",  # 243 characters
        "https://hooks.example.org./hook",  # the root's trailing dot
    ],
)
async def test_a_webhook_host_name_at_the_limits_is_accepted(url, settings, sessionmaker, auth):
    async with _client(settings, sessionmaker, webhooks_allow_private_targets=True) as client:
        response = await _register(client, auth, url)
    assert response.status_code == 201, (url, response.text)


@pytest.mark.parametrize(
    "url",
    [
        "http://[::ffff:0:7f00:1]/",  # SIIT IPv4-translated 127.0.0.1
        "http://[::ffff:0:a00:1]/",  # ... 10.0.0.1
        "http://[::ffff:0:a9fe:a9fe]/",  # ... 169.254.169.254 (cloud metadata)
        "http://[0:0:0:0:0:ffff:7f00:1]/",  # IPv4-mapped, spelt out
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::127.0.0.1]/",  # NAT64 with a dotted tail
        "http://[2002:a9fe:a9fe::]/",  # 6to4 of 169.254.169.254
    ],
)
async def test_ipv4_translated_and_mapped_forms_of_private_addresses_are_refused(
    url, settings, sessionmaker, auth
):
    async with _client(settings, sessionmaker, webhooks_allow_private_targets=False) as client:
        response = await _register(client, auth, url)
    assert response.status_code == 422, (url, response.text)
    assert response.json()["code"] == "webhook_target_not_allowed"


def test_the_address_policy_judges_the_ipv4_address_a_translated_form_carries():
    assert not webhook_targets.address_allowed("::ffff:0:7f00:1")
    assert not webhook_targets.address_allowed("::ffff:0:c0a8:101")
    assert webhook_targets.address_allowed("::ffff:0:5db8:d822")  # 93.184.216.34
