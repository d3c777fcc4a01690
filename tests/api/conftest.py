"""A small world of organisations, agreements and people for API tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import Factories


@dataclass
class World:
    client: object
    auth: object
    orgs: dict[str, str] = field(default_factory=dict)
    agreements: dict[str, str] = field(default_factory=dict)

    def headers(self, org: str | None, *roles: str, sub: str | None = None) -> dict[str, str]:
        return self.auth(self.orgs[org] if org else None, *roles, sub=sub)

    @property
    def admin(self) -> dict[str, str]:
        return self.auth(None, "admin", sub="platform-admin")

    async def post(self, path: str, body: dict | None, headers: dict, expect: int | None = 200):
        response = await self.client.post(path, json=body, headers=headers)
        if expect is not None:
            assert response.status_code == expect, response.text
        return response


ORGANIZATIONS = {
    "castries": ("Victoria Hospital, Castries", "referring_facility", "LC"),
    "lc_ministry": ("Ministry of Health, Saint Lucia", "payer", "LC"),
    "chu_martinique": ("CHU de Martinique", "receiving_facility", "MQ"),
    "chu_guadeloupe": ("CHU de Guadeloupe", "receiving_facility", "GP"),
    "mons_gp": ("Cabinet médical, Mons", "referring_facility", "BE"),
    "mutuality": ("Mutualité chrétienne", "payer", "BE"),
    "tourcoing": ("CH Tourcoing", "receiving_facility", "FR"),
    "dominica": ("Princess Margaret Hospital, Roseau", "referring_facility", "DM"),
}


def in_days(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


@pytest.fixture
async def world(client, auth, sessionmaker) -> World:
    return await make_world(client, auth, sessionmaker)


async def make_world(client, auth, sessionmaker) -> World:
    """The organisations and the two corridors every API test starts from, made by the
    factories on the test's session (tests/factories.py), not over HTTP."""
    world = World(client=client, auth=auth)
    make = Factories(sessionmaker)
    for key, (name, kind, country) in ORGANIZATIONS.items():
        world.orgs[key] = str(await make.organization(name, kind, country))
    zoast = await make.agreement(
        name="ZOAST MRT-Lille",
        kind="zoast",
        receiving_organization_ids=[world.orgs["tourcoing"]],
        payer_organization_ids=[world.orgs["mutuality"]],
        zone=[{"country": "BE", "postal_codes": ["7000"], "postal_code_prefixes": ["75"]}],
        excluded_specialties=["cosmetic_surgery"],
        valid_from="2020-01-01",
    )
    world.agreements["zoast"] = str(zoast)
    cares = await make.agreement(
        name="CARES Saint Lucia - Martinique",
        kind="bilateral",
        receiving_organization_ids=[world.orgs["chu_martinique"]],
        payer_organization_ids=[world.orgs["lc_ministry"]],
        zone=[{"country": "LC"}],
        prior_authorisation_required=True,
        advance_payment_required=True,
        deposit_ratio="0.5",
        valid_from="2024-01-01",
    )
    world.agreements["cares"] = str(cares)
    return world


async def register_patient(
    world: World, org: str, *, country="LC", postal_code=None, identifier=None
):
    body = {
        "family_name": "Joseph",
        "given_names": ["Marie"],
        "birth_date": "1961-04-12",
        "sex": "female",
        "nationality": country,
        "residence": {"country": country, "postal_code": postal_code, "city": "Somewhere"},
        "languages": ["en"],
        "identifiers": [
            identifier or {"system": "passport", "value": f"P-{org}-{datetime.now().timestamp()}"}
        ],
    }
    response = await world.post("/v1/patients", body, world.headers(org, "referrer"), 201)
    return response.json()


def authorisation(days: int = 60, reference: str = "MOH-LC-PA-1") -> dict:
    """A prior authorisation valid from yesterday for `days` days."""
    return {
        "reference": reference,
        "valid_from": in_days(-1)[:10],
        "valid_until": in_days(days)[:10],
    }


async def pay_deposit(world: World, path: str, headers: dict, amount: str, currency="EUR"):
    """The advance the CARES agreement asks (50 % of the estimate), paid by the ministry."""
    body = {
        "kind": "deposit",
        "payer": "third_party",
        "amount": {"amount": amount, "currency": currency},
        "received_at": in_days(0),
    }
    return (await world.post(f"{path}/payments", body, headers, 201)).json()
