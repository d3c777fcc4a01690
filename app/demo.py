"""`corridor demo`: a realistic data set, built through the public API so every rule applies.

CARES: Saint Lucia and Dominica refer to Martinique and Guadeloupe. ZOAST: Belgian
residents of the Mons area are treated in Tourcoing, paid by their mutuality.
One case stands in every status of the lifecycle.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import create_async_engine

from app.main import create_app
from app.platform.engine import create_sessionmaker
from app.platform.settings import Settings, get_settings

ORGANIZATIONS = {
    "castries": ("Victoria Hospital, Castries", "referring_facility", "LC"),
    "roseau": ("Dominica China Friendship Hospital, Roseau", "referring_facility", "DM"),
    "lc_ministry": ("Ministry of Health and Wellness, Saint Lucia", "payer", "LC"),
    "chu_martinique": ("CHU de Martinique", "receiving_facility", "MQ"),
    "chu_guadeloupe": ("CHU de la Guadeloupe", "receiving_facility", "GP"),
    "mons": ("Maison médicale de Mons", "referring_facility", "BE"),
    "mutuality": ("Mutualité chrétienne du Hainaut", "payer", "BE"),
    "tourcoing": ("Centre hospitalier de Tourcoing", "receiving_facility", "FR"),
}

# The path each demo case walks; the last action names its final status.
PATHS: dict[str, list[str]] = {
    "draft": [],
    "submitted": ["submit"],
    "teleconsultation_scheduled": ["submit", "schedule-teleconsultation"],
    "accepted": ["submit", "schedule-teleconsultation", "record-teleconsultation"],
    "funding_approved": ["submit", "accept", "approve-funding"],
    "transfer_scheduled": ["submit", "accept", "approve-funding", "schedule-transfer"],
    "arrived": ["submit", "accept", "approve-funding", "schedule-transfer", "record-arrival"],
    "admitted": ["submit", "accept", "approve-funding", "schedule-transfer", "admit"],
    "discharged": [
        "submit",
        "accept",
        "approve-funding",
        "schedule-transfer",
        "admit",
        "transfer-unit",
        "discharge",
    ],
    "closed": [
        "submit",
        "accept",
        "approve-funding",
        "schedule-transfer",
        "admit",
        "discharge",
        "claim",
        "close",
    ],
    "declined": ["submit", "decline"],
    "cancelled": ["submit", "cancel"],
    "on_hold": ["submit", "accept", "hold"],
}


def _at(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


ACTION_BODIES = {
    "schedule-teleconsultation": lambda: {
        "scheduled_at": _at(2),
        "mode": "video",
        "consultant": "Cardiology staff",
    },
    "record-teleconsultation": lambda: {
        "outcome": "transfer_recommended",
        "notes": "Transfer indicated",
    },
    "accept": lambda: {"reason": "Accepted on file review"},
    "decline": lambda: {"reason": "Can be treated locally"},
    "approve-funding": lambda: {"note": "Cover confirmed"},
    "schedule-transfer": lambda: {
        "expected_arrival_at": _at(1),
        "transport": "commercial_flight",
        "escorts": 1,
        "interpreter_language": "en",
    },
    "record-arrival": lambda: {},
    "admit": lambda: {"admitted_at": _at(0), "unit": "cardiology", "bed": "12"},
    "transfer-unit": lambda: {"unit": "cardiology-step-down"},
    "discharge": lambda: {
        "discharged_at": _at(0.01),
        "disposition": "home",
        "summary": "Stable at discharge.",
    },
    "close": lambda: {},
    "cancel": lambda: {"reason_code": "patient_withdrew"},
    "hold": lambda: {"reason": "Tropical storm: airport closed"},
    "submit": lambda: {},
}


async def load_demo(database_url: str, settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    engine = create_async_engine(database_url)
    app = create_app(settings, sessionmaker=create_sessionmaker(engine))
    tokens = app.state.tokens
    transport = httpx.ASGITransport(app=app)
    lines: list[str] = []
    async with httpx.AsyncClient(transport=transport, base_url="http://demo") as api:
        admin = {
            "Authorization": "Bearer "
            + tokens.issue(sub="demo-admin", roles=["admin"], organization_id=None)
        }

        def as_(org: str, *roles: str) -> dict[str, str]:
            token = tokens.issue(
                sub=f"demo-{org}-{roles[0]}",
                roles=list(roles),
                organization_id=uuid.UUID(orgs[org]),
            )
            return {"Authorization": f"Bearer {token}"}

        async def post(path: str, body: dict, headers: dict) -> dict:
            response = await api.post(path, json=body, headers=headers)
            if response.status_code >= 400:
                raise RuntimeError(
                    f"demo step {path} failed: {response.status_code} {response.text}"
                )
            return response.json()

        existing = (
            await api.get("/v1/organizations", params={"limit": 200}, headers=admin)
        ).json()["items"]
        if any(org["name"] == ORGANIZATIONS["chu_martinique"][0] for org in existing):
            await engine.dispose()
            return "the demo data set is already loaded"
        orgs: dict[str, str] = {}
        for key, (name, kind, country) in ORGANIZATIONS.items():
            orgs[key] = (
                await post(
                    "/v1/organizations", {"name": name, "kind": kind, "country": country}, admin
                )
            )["id"]
        await post(
            "/v1/agreements",
            {
                "name": "ZOAST MRT-Lille (Mons - Tourcoing)",
                "kind": "zoast",
                "receiving_organization_ids": [orgs["tourcoing"]],
                "payer_organization_ids": [orgs["mutuality"]],
                "zone": [{"country": "BE", "postal_code_prefixes": ["70", "73", "75", "77"]}],
                "excluded_specialties": ["cosmetic_surgery"],
                "valid_from": "2024-01-01",
            },
            admin,
        )
        cares = await post(
            "/v1/agreements",
            {
                "name": "CARES Saint Lucia - Martinique",
                "kind": "bilateral",
                "receiving_organization_ids": [orgs["chu_martinique"]],
                "payer_organization_ids": [orgs["lc_ministry"]],
                "zone": [{"country": "LC"}],
                "prior_authorisation_required": True,
                "advance_payment_required": True,
                "deposit_ratio": "0.5",
                "valid_from": "2024-01-01",
            },
            admin,
        )

        for number, status in enumerate(PATHS):
            zoast = number % 3 == 2
            referring, receiving, payer = (
                ("mons", "tourcoing", "mutuality")
                if zoast
                else ("castries", "chu_martinique", "lc_ministry")
            )
            referrer, coordinator = (
                as_(referring, "referrer"),
                as_(receiving, "coordinator", "clinician"),
            )
            patient = await post(
                "/v1/patients",
                {
                    "family_name": f"Demo{number:02d}",
                    "given_names": ["Patient"],
                    "birth_date": "1970-01-01",
                    "sex": "unknown",
                    "nationality": "BE" if zoast else "LC",
                    "residence": {"country": "BE", "postal_code": "7000", "city": "Mons"}
                    if zoast
                    else {"country": "LC", "postal_code": None, "city": "Castries"},
                    "languages": ["fr"] if zoast else ["en"],
                    "identifiers": [
                        {
                            "system": "niss" if zoast else "passport",
                            "value": f"DEMO-{uuid.uuid4().hex[:10]}",
                        }
                    ],
                },
                referrer,
            )
            coverage = (
                {
                    "route": "zoast",
                    "payer_organization_id": orgs[payer],
                    "member_number": f"MUT-{number:04d}",
                }
                if zoast
                else {
                    "route": "self_pay",
                    "payer_organization_id": orgs[payer],
                    "agreement_id": cares["id"],
                }
            )
            case = await post(
                "/v1/cases",
                {
                    "patient_id": patient["id"],
                    "receiving_organization_id": orgs[receiving],
                    "specialty": "cardiology",
                    "priority": "routine",
                    "reason": "Demonstration referral",
                    "clinical_summary": "Demonstration case: no real patient.",
                    "referring_practitioner": {"name": "Demo physician"},
                    "coverage": coverage,
                },
                referrer,
            )
            path = f"/v1/cases/{case['id']}"
            if not zoast and "approve-funding" in PATHS[status]:
                await post(
                    f"{path}/estimates",
                    {"total": {"amount": "12000.00", "currency": "EUR"}},
                    coordinator,
                )
            for action in PATHS[status]:
                if action == "approve-funding" and not zoast:
                    await post(
                        f"{path}/payments",
                        {
                            "amount": {"amount": "6000.00", "currency": "EUR"},
                            "kind": "deposit",
                            "received_at": _at(0),
                            "payer": "patient",
                        },
                        coordinator,
                    )
                if action == "claim":
                    await post(
                        f"{path}/claims",
                        {
                            "number": f"DEMO-{case['reference']}",
                            "kind": "final",
                            "total": {"amount": "11800.00", "currency": "EUR"},
                        },
                        coordinator,
                    )
                    continue
                headers = referrer if action == "submit" else coordinator
                await post(f"{path}/{action}", ACTION_BODIES[action](), headers)
            lines.append(f"  {case['reference']}  {status}")
        lines.insert(0, f"Loaded {len(PATHS)} cases, one in every status:")
        lines.append("Tokens (1 hour):")
        for key in ("castries", "chu_martinique", "lc_ministry", "mons", "tourcoing", "mutuality"):
            role = {"receiving_facility": "coordinator", "payer": "payer"}.get(
                ORGANIZATIONS[key][1], "referrer"
            )
            token = tokens.issue(
                sub=f"demo-{key}", roles=[role], organization_id=uuid.UUID(orgs[key])
            )
            lines.append(f"  {key} ({role}): {token}")
    await engine.dispose()
    return "\n".join(lines)
