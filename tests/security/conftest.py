"""A module-wide world for the security tests: two tenants, each with cases in many statuses.

A tenant is a corridor of three organisations: a referring facility, a receiving
hospital and a payer. Every caller acts for the organisation its role belongs to
(referrer: the referring facility; coordinator, clinician and org_admin: the
receiving hospital; payer: the payer); the admin has none. The world is built once per
module through the API, under row-level security; every request a test makes on
it runs in a savepoint that is rolled back, so tests never see each other's writes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker

from app.main import create_app
from tests.clock import started
from tests.conftest import SYSTEM_CONTEXT

TENANTS = ("A", "B")
ORG_ROLES = ("referrer", "coordinator", "clinician", "payer", "org_admin")
ROLES = (*ORG_ROLES, "admin")
ROLE_SIDE = {
    "referrer": "ref",
    "coordinator": "recv",
    "clinician": "recv",
    "payer": "pay",
    # The receiving hospital's own administrator: its webhook and API client are the world's.
    "org_admin": "recv",
}

# Each case walks this path (action, acting role) to reach its status.
TO_ACCEPTED = [
    ("submit", "referrer"),
    ("schedule-teleconsultation", "coordinator"),
    ("record-teleconsultation", "clinician"),
]
TO_FUNDED = [*TO_ACCEPTED, ("approve-funding", "coordinator")]
TO_TRANSFER = [*TO_FUNDED, ("schedule-transfer", "coordinator")]
TO_ARRIVED = [*TO_TRANSFER, ("record-arrival", "coordinator")]
TO_ADMITTED = [*TO_ARRIVED, ("admit", "coordinator")]
PATHS = {
    "draft": [],
    "submitted": [("submit", "referrer")],
    "information_requested": [("submit", "referrer"), ("request-information", "clinician")],
    "teleconsultation_scheduled": TO_ACCEPTED[:2],
    "accepted": TO_ACCEPTED,
    "funding_approved": TO_FUNDED,
    "transfer_scheduled": TO_TRANSFER,
    "arrived": TO_ARRIVED,
    "admitted": TO_ADMITTED,
    "discharged": [*TO_ADMITTED, ("discharge", "clinician")],
    "on_hold": [("submit", "referrer"), ("accept", "coordinator"), ("hold", "coordinator")],
}


def at(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def action_body(action: str, tenant: str) -> dict:
    """A body each action accepts; the clinical texts carry the tenant's markers."""
    return {
        "schedule-teleconsultation": {
            "scheduled_at": at(2),
            "mode": "video",
            "consultant": "Dr Who",
        },
        "record-teleconsultation": {
            "outcome": "transfer_recommended",
            "notes": f"NOTES-{tenant}-teleconsultation",
        },
        "accept": {"reason": "Accepted on file"},
        "decline": {"reason": "Treat locally"},
        # The E112/S2 the mutuality issues afterwards, and its letter of guarantee: the
        # funded cases hold both, so extending and amending them are offered (issue 24).
        "approve-funding": {
            "note": "Zone cover",
            "authorisation": {
                "reference": "E112-ZOAST-1",
                "valid_from": "2024-01-01",
                "valid_until": "2098-12-31",
            },
            "guarantee": {
                "reference": "G-ZOAST-1",
                "amount": {"amount": "4000.00", "currency": "EUR"},
            },
        },
        "schedule-transfer": {"expected_arrival_at": at(1), "transport": "ground_ambulance"},
        "record-arrival": {"arrived_at": at(0)},
        "admit": {"admitted_at": at(0), "unit": "cardiology", "bed": "3"},
        "transfer-unit": {"unit": "step-down"},
        "discharge": {
            "discharged_at": at(0.01),
            "disposition": "home",
            "summary": f"DISCHARGE-{tenant}-summary",
        },
        "cancel": {"reason_code": "patient_withdrew"},
        "hold": {"reason": "Airport closed"},
        "extend-authorisation": {
            "authorisation": {
                "reference": "E112-EXT-1",
                "valid_from": "2024-01-01",
                "valid_until": "2099-12-31",
            }
        },
        "amend-guarantee": {
            "guarantee": {
                "reference": "G-AMENDED-1",
                "amount": {"amount": "5000.00", "currency": "EUR"},
            }
        },
        "request-information": {
            "questions": f"QUESTIONS-{tenant}-asked",
            "due_date": at(3)[:10],
        },
        "provide-information": {"answer": f"ANSWER-{tenant}-given"},
        "record-attendance": {
            "attended_at": at(0),
            "service": "nuclear-medicine",
            "outcome": "completed",
        },
        "schedule-follow-up": {"scheduled_at": at(20), "mode": "video"},
        "record-follow-up": {"outcome": "completed"},
    }.get(action, {})


@dataclass
class Tenant:
    name: str
    orgs: dict[str, str] = field(default_factory=dict)  # side -> organisation id
    agreement: str = ""
    # An agreement of the tenant's hospital that no case names: suspending it holds nothing.
    corridor: str = ""
    patient: dict = field(default_factory=dict)
    cases: dict[str, dict] = field(default_factory=dict)  # status -> case body
    task: dict = field(default_factory=dict)
    estimate: dict = field(default_factory=dict)
    payment: dict = field(default_factory=dict)
    claim: dict = field(default_factory=dict)
    webhook: dict = field(default_factory=dict)
    delivery_id: str = ""
    api_client: dict = field(default_factory=dict)
    document: dict = field(default_factory=dict)
    companion: dict = field(default_factory=dict)
    service: dict = field(default_factory=dict)  # published in the directory
    # Strings that identify this tenant's patient data; another tenant must never see one.
    markers: set[str] = field(default_factory=set)

    @property
    def text_markers(self) -> set[str]:
        """Patient data proper, beyond ids: never in any answer to another organisation."""
        return {
            self.patient["family_name"],
            self.patient["identifiers"][0]["value"],
            *self.clinical_markers,
        }

    @property
    def clinical_markers(self) -> set[str]:
        """What a payer must never read, even about its own cases."""
        return {
            f"CLINICAL-{self.name}-summary",
            f"DISCHARGE-{self.name}-summary",
            f"NOTES-{self.name}-teleconsultation",
        }


@dataclass
class SecurityWorld:
    client: httpx.AsyncClient
    connection: AsyncConnection
    auth: object
    app: object
    tenants: dict[str, Tenant] = field(default_factory=dict)
    _headers: dict = field(default_factory=dict)

    def headers(self, tenant: str | None, role: str) -> dict[str, str]:
        key = (tenant, role)
        if key not in self._headers:
            if role == "admin":
                self._headers[key] = self.auth(None, "admin", sub="matrix-admin")
            else:
                org = self.tenants[tenant].orgs[ROLE_SIDE[role]]
                self._headers[key] = self.auth(org, role, sub=f"matrix-{tenant}-{role}")
        return dict(self._headers[key])

    def other(self, tenant: str) -> Tenant:
        return self.tenants["B" if tenant == "A" else "A"]

    async def request(self, method: str, path: str, headers: dict, **kwargs) -> httpx.Response:
        """One request in a savepoint that is rolled back: the world stays as built."""
        savepoint = await self.connection.begin_nested()
        try:
            return await self.client.request(method, path, headers=headers, **kwargs)
        finally:
            await savepoint.rollback()

    async def keep(self, method: str, path: str, headers: dict, expect: int, **kwargs) -> dict:
        """A request whose effect stays: world building."""
        response = await self.client.request(method, path, headers=headers, **kwargs)
        assert response.status_code == expect, f"{method} {path}: {response.text}"
        return response.json() if response.content else {}


async def build_tenant(world: SecurityWorld, name: str, country: str) -> Tenant:
    tenant = Tenant(name)
    admin = world.headers(None, "admin")
    for side, kind in (
        ("ref", "referring_facility"),
        ("recv", "receiving_facility"),
        ("pay", "payer"),
    ):
        body = {"name": f"{name} {side}", "kind": kind, "country": country}
        tenant.orgs[side] = (await world.keep("POST", "/v1/organizations", admin, 201, json=body))[
            "id"
        ]
    world.tenants[name] = tenant
    agreement = await world.keep(
        "POST",
        "/v1/agreements",
        admin,
        201,
        json={
            "name": f"ZOAST {name}",
            "kind": "zoast",
            "receiving_organization_ids": [tenant.orgs["recv"]],
            "payer_organization_ids": [tenant.orgs["pay"]],
            "zone": [{"country": "BE", "postal_codes": ["7000"]}],
            "valid_from": "2020-01-01",
        },
    )
    tenant.agreement = agreement["id"]
    corridor = await world.keep(
        "POST",
        "/v1/agreements",
        admin,
        201,
        json={
            "name": f"Corridor {name}",
            "kind": "bilateral",
            "receiving_organization_ids": [tenant.orgs["recv"]],
            "zone": [{"country": "LC"}],
            "valid_from": "2024-01-01",
        },
    )
    tenant.corridor = corridor["id"]
    referrer = world.headers(name, "referrer")
    tenant.patient = await world.keep(
        "POST",
        "/v1/patients",
        referrer,
        201,
        json={
            "family_name": f"Family{name}Marker",
            "given_names": ["Anna"],
            "birth_date": "1970-01-01",
            "sex": "female",
            "nationality": "BE",
            "residence": {"country": "BE", "postal_code": "7000", "city": "Mons"},
            "identifiers": [{"system": "passport", "value": f"PASS-{name}-{uuid.uuid4().hex[:8]}"}],
        },
    )
    tenant.markers |= {
        tenant.patient["id"],
        tenant.patient["family_name"],
        tenant.patient["identifiers"][0]["value"],
    }
    for status, path in PATHS.items():
        case = await world.keep(
            "POST",
            "/v1/cases",
            referrer,
            201,
            json={
                "patient_id": tenant.patient["id"],
                "receiving_organization_id": tenant.orgs["recv"],
                "specialty": "cardiology",
                "reason": "Chest pain",
                "clinical_summary": f"CLINICAL-{name}-summary",
                # The arrived case is outpatient care: attendances can be recorded on it.
                "care_setting": "outpatient" if status == "arrived" else "inpatient",
                "coverage": {
                    "route": "zoast",
                    "payer_organization_id": tenant.orgs["pay"],
                    "member_number": "M-1",
                },
            },
        )
        for action, role in path:
            # A teleconsultation's outcome is recorded once it has begun (two days on).
            moment = started(at(2)) if action == "record-teleconsultation" else nullcontext()
            with moment:
                case = await world.keep(
                    "POST",
                    f"/v1/cases/{case['id']}/{action}",
                    world.headers(name, role),
                    200,
                    json=action_body(action, name),
                )
        assert case["status"] == status
        tenant.cases[status] = case
        tenant.markers |= {case["id"], case["reference"]}
    coordinator = world.headers(name, "coordinator")
    funded = tenant.cases["funding_approved"]["id"]
    tenant.task = await world.keep(
        "POST", f"/v1/cases/{funded}/logistics-tasks", coordinator, 201, json={"kind": "visa"}
    )
    discharged = tenant.cases["discharged"]["id"]
    tenant.estimate = await world.keep(
        "POST",
        f"/v1/cases/{discharged}/estimates",
        coordinator,
        201,
        json={
            "lines": [{"description": "Day rate", "amount": {"amount": "90.00", "currency": "EUR"}}]
        },
    )
    tenant.payment = await world.keep(
        "POST",
        f"/v1/cases/{discharged}/payments",
        coordinator,
        201,
        json={
            "amount": {"amount": "20.00", "currency": "EUR"},
            "kind": "balance",
            "received_at": "2026-01-01T10:00:00+00:00",
            "payer": "patient",
        },
    )
    await world.keep(
        "POST",
        f"/v1/cases/{discharged}/logistics-tasks",
        coordinator,
        201,
        json={"kind": "return_transport", "status": "not_needed"},
    )
    tenant.claim = await world.keep(
        "POST",
        f"/v1/cases/{discharged}/claims",
        coordinator,
        201,
        json={
            "number": f"CLAIM-{name}-1",
            "kind": "final",
            "total": {"amount": "100.00", "currency": "EUR"},
            "lines": [],
            "debtor_organization_id": tenant.orgs["pay"],
        },
    )
    tenant.webhook = await world.keep(
        "POST",
        "/v1/webhooks",
        coordinator,
        201,
        json={"url": "http://127.0.0.1:9/hook", "event_types": ["case.submitted"]},
    )
    tenant.service = await world.keep(
        "POST",
        f"/v1/organizations/{tenant.orgs['recv']}/services",
        coordinator,
        201,
        json={
            "specialty": "cardiology",
            "care_setting": "inpatient",
            "languages": ["fr"],
            "lead_time_days": 14,
            "contact": {"phone": "+596 596 55 20 00"},
        },
    )
    # No worker runs here: the outbox row a worker would have written, failed once.
    tenant.delivery_id = str(uuid.uuid4())
    await world.connection.execute(SYSTEM_CONTEXT)
    await world.connection.execute(
        text(
            "INSERT INTO webhook_deliveries"
            " (id, endpoint_id, event_seq, event_id, event_type, case_id, body, status)"
            " VALUES (:id, :endpoint, 1, :event, 'case.submitted', :case, :body, 'failed')"
        ),
        {
            "id": uuid.UUID(tenant.delivery_id),
            "endpoint": uuid.UUID(tenant.webhook["id"]),
            "event": f"evt-{name}",
            "case": uuid.UUID(tenant.cases["submitted"]["id"]),
            "body": json.dumps({"case_id": tenant.cases["submitted"]["id"]}),
        },
    )
    await world.connection.execute(text("SELECT set_config('corridor.system', 'off', true)"))
    tenant.api_client = await world.keep(
        "POST",
        "/v1/api-clients",
        admin,
        201,
        json={
            "name": f"{name} sync",
            "organization_id": tenant.orgs["recv"],
            "roles": ["coordinator"],
        },
    )
    # A quote (every side of the case sees it) and a companion (the hospitals' offices).
    tenant.document = await world.keep(
        "POST",
        f"/v1/cases/{discharged}/documents",
        coordinator,
        201,
        data={"kind": "quote", "language": "fr", "title": "Devis"},
        files={"file": ("devis.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")},
    )
    tenant.companion = await world.keep(
        "POST",
        f"/v1/cases/{discharged}/companions",
        referrer,
        201,
        json={
            "full_name": f"Companion {name}",
            "relationship": "spouse",
            "passport_number": f"COMP{name}{uuid.uuid4().hex[:6]}",
            "nationality": "BE",
        },
    )
    tenant.markers |= {
        tenant.document["id"],
        tenant.companion["id"],
        tenant.companion["passport_number"],
        tenant.task["id"],
        tenant.estimate["id"],
        tenant.payment["id"],
        tenant.claim["id"],
        tenant.claim["number"],
        tenant.webhook["id"],
        tenant.delivery_id,
        *tenant.clinical_markers,
    }
    return tenant


@pytest.fixture(scope="module")
async def world_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        if transaction.is_active:
            await transaction.rollback()


@pytest.fixture(scope="module")
async def security_world(world_connection, settings, auth) -> AsyncIterator[SecurityWorld]:
    sessionmaker = async_sessionmaker(
        bind=world_connection,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )
    app = create_app(settings, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        world = SecurityWorld(client=client, connection=world_connection, auth=auth, app=app)
        await build_tenant(world, "A", "BE")
        await build_tenant(world, "B", "BE")
        yield world
