"""`corridor demo`: two years of a realistic corridor, built through the API in-process so
every rule applies.

CARES (Interreg Caraïbes): Saint Lucia, Dominica, Grenada and Saint Vincent refer
patients to the CHU de Martinique, the CHU de la Guadeloupe, the CH de la Basse-Terre and
the CH Louis-Constant Fleming of Saint-Martin; each country's ministry of health pays
under a bilateral agreement, by a guarantee letter (`third_party_guarantee`), or the
patient pays a deposit (`self_pay`, no payer). ZOAST MRT-Lille (Mouscron, Roubaix,
Tourcoing): residents of Mouscron and Comines-Warneton are treated in Tourcoing and
Roubaix, paid by their Belgian mutuality; residents of Tourcoing, Roubaix, Wattrelos and
Halluin are treated in Mouscron, paid by the CPAM de Roubaix-Tourcoing.

Each case is replayed on its own days (`app.platform.clock.replaying_at`): created over
the last two years, the older ones closed and paid, the recent ones on their way.
Loading twice adds nothing; the tokens (every role of every organisation) are written to
a file, never to the terminal. No real patient: names and identifiers are invented.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import create_async_engine

from app.db.engine import create_sessionmaker
from app.domain.vocabulary import Role
from app.main import create_app
from app.platform.clock import replaying_at
from app.platform.settings import Settings, get_settings

ALREADY_LOADED = "the demo data set is already loaded"
TOKEN_TTL_SECONDS = 12 * 3600

# key: (name, kind, country)
ORGANIZATIONS: dict[str, tuple[str, str, str]] = {
    # CARES referrers and their ministries of health
    "okeu": ("Owen King EU Hospital, Castries", "referring_facility", "LC"),
    "lc_ministry": ("Ministry of Health, Wellness and Elderly Affairs, Saint Lucia", "payer", "LC"),
    "dcfh": ("Dominica China Friendship Hospital, Roseau", "referring_facility", "DM"),
    "dm_ministry": ("Ministry of Health, Wellness and Social Services, Dominica", "payer", "DM"),
    "gge": ("General Hospital, St. George's", "referring_facility", "GD"),
    "gd_ministry": ("Ministry of Health, Grenada", "payer", "GD"),
    "mcmh": ("Milton Cato Memorial Hospital, Kingstown", "referring_facility", "VC"),
    "vc_ministry": (
        "Ministry of Health, Wellness and the Environment, Saint Vincent and the Grenadines",
        "payer",
        "VC",
    ),
    # CARES receivers
    "chu_martinique": ("CHU de Martinique", "receiving_facility", "MQ"),
    "chu_guadeloupe": ("CHU de la Guadeloupe", "receiving_facility", "GP"),
    "ch_basse_terre": ("CH de la Basse-Terre", "receiving_facility", "GP"),
    "ch_saint_martin": ("CH Louis-Constant Fleming, Saint-Martin", "receiving_facility", "MF"),
    # ZOAST MRT-Lille, both sides
    "gp_mouscron": ("Maison médicale du Tuquet, Mouscron", "referring_facility", "BE"),
    "ch_mouscron": ("Centre hospitalier de Mouscron", "receiving_facility", "BE"),
    "mc_hainaut": ("Mutualité chrétienne Hainaut Picardie", "payer", "BE"),
    "solidaris": ("Solidaris Wallonie", "payer", "BE"),
    "gp_wattrelos": ("Maison de santé de Wattrelos", "referring_facility", "FR"),
    "ch_tourcoing": ("Centre hospitalier de Tourcoing", "receiving_facility", "FR"),
    "ch_roubaix": ("Centre hospitalier de Roubaix", "receiving_facility", "FR"),
    "cpam_rt": ("CPAM de Roubaix-Tourcoing", "payer", "FR"),
    # Coordination bodies: they read their corridors' statistics, never a case.
    "ors_antilles": ("Observatoire régional de santé des Antilles", "coordination_body", "MQ"),
    "ozoast": ("Observatoire franco-belge de la santé (ZOAST)", "coordination_body", "FR"),
}

# Which coordination body coordinates the corridors of which kind.
COORDINATORS_BY_KIND = {"bilateral": ("ors_antilles",), "zoast": ("ozoast",)}

# The ZOAST MRT-Lille zone: its municipalities' postal codes on each side.
ZOAST_BE_POSTCODES = {
    "7700": "Mouscron",
    "7711": "Dottignies",
    "7712": "Herseaux",
    "7780": "Comines",
    "7781": "Houthem",
    "7782": "Ploegsteert",
    "7783": "Le Bizet",
    "7784": "Warneton",
}
ZOAST_FR_POSTCODES = {
    "59200": "Tourcoing",
    "59100": "Roubaix",
    "59150": "Wattrelos",
    "59250": "Halluin",
}


@dataclass(frozen=True)
class Corridor:
    """Who refers, where to, who pays, and how."""

    name: str
    country: str
    referrer: str
    receivers: tuple[str, ...]
    payers: tuple[str, ...]
    kind: str  # agreement kind
    zone: tuple[dict[str, Any], ...]
    weight: int
    deposit_ratio: str | None = None


CORRIDORS = (
    Corridor(
        "CARES Saint Lucia",
        "LC",
        "okeu",
        ("chu_martinique", "chu_guadeloupe", "ch_saint_martin"),
        ("lc_ministry",),
        "bilateral",
        ({"country": "LC"},),
        26,
        "0.3",
    ),
    Corridor(
        "CARES Dominica",
        "DM",
        "dcfh",
        ("chu_guadeloupe", "ch_basse_terre", "chu_martinique"),
        ("dm_ministry",),
        "bilateral",
        ({"country": "DM"},),
        22,
        "0.3",
    ),
    Corridor(
        "CARES Grenada",
        "GD",
        "gge",
        ("chu_martinique", "chu_guadeloupe"),
        ("gd_ministry",),
        "bilateral",
        ({"country": "GD"},),
        12,
        "0.3",
    ),
    Corridor(
        "CARES Saint Vincent and the Grenadines",
        "VC",
        "mcmh",
        ("chu_martinique", "chu_guadeloupe"),
        ("vc_ministry",),
        "bilateral",
        ({"country": "VC"},),
        12,
        "0.3",
    ),
    Corridor(
        "ZOAST MRT-Lille (Belgian residents)",
        "BE",
        "gp_mouscron",
        ("ch_tourcoing", "ch_roubaix"),
        ("mc_hainaut", "solidaris"),
        "zoast",
        ({"country": "BE", "postal_codes": sorted(ZOAST_BE_POSTCODES)},),
        18,
    ),
    Corridor(
        "ZOAST MRT-Lille (French residents)",
        "FR",
        "gp_wattrelos",
        ("ch_mouscron",),
        ("cpam_rt",),
        "zoast",
        ({"country": "FR", "postal_codes": sorted(ZOAST_FR_POSTCODES)},),
        10,
    ),
)

CITIES = {
    "LC": ["Castries", "Vieux Fort", "Soufrière", "Gros Islet", "Micoud", "Dennery"],
    "DM": ["Roseau", "Portsmouth", "Marigot", "Grand Bay", "Castle Bruce"],
    "GD": ["St. George's", "Grenville", "Gouyave", "Sauteurs", "Hillsborough"],
    "VC": ["Kingstown", "Georgetown", "Barrouallie", "Layou", "Chateaubelair"],
}
FAMILY_NAMES = {
    "LC": ["Joseph", "Charles", "Alexander", "St. Rose", "Prospere", "Jn Baptiste", "Felix"],
    "DM": ["Shillingford", "Christian", "Laville", "Lawrence", "Thomas", "Bruney", "Durand"],
    "GD": ["Mitchell", "Noel", "Francis", "Charles", "Bartholomew", "Antoine", "Frederick"],
    "VC": ["Williams", "Browne", "Ollivierre", "Cato", "John", "Samuel", "Providence"],
    "BE": ["Dubois", "Lambert", "Vandenberghe", "Desmet", "Leclercq", "Delannoy", "Vermeulen"],
    "FR": ["Lefebvre", "Dupont", "Deschamps", "Vandamme", "Delcroix", "Dujardin", "Lemaire"],
}
GIVEN_NAMES = {
    "en": [
        ("Marie", "female"),
        ("Keisha", "female"),
        ("Shanice", "female"),
        ("Jean", "male"),
        ("Kervin", "male"),
        ("Anthony", "male"),
        ("Gloria", "female"),
        ("Desmond", "male"),
    ],
    "fr": [
        ("Lucie", "female"),
        ("Nathalie", "female"),
        ("Chantal", "female"),
        ("Thomas", "male"),
        ("Julien", "male"),
        ("Marc", "male"),
        ("Élise", "female"),
    ],
}
# specialty: (reason, clinical summary, estimate in euros, unit, length of stay in days)
CARES_CARE = [
    (
        "cardiology",
        "Aortic valve replacement",
        "Severe aortic stenosis, NYHA III.",
        18500,
        "cardiac-surgery",
        9,
    ),
    (
        "cardiology",
        "Coronary angiography",
        "Unstable angina, positive stress test.",
        6200,
        "cardiology",
        3,
    ),
    (
        "oncology",
        "Radiotherapy planning",
        "Cervical carcinoma, staging complete.",
        9800,
        "oncology",
        6,
    ),
    (
        "neurosurgery",
        "Subdural haematoma evacuation",
        "Chronic subdural haematoma, GCS 14.",
        24000,
        "neurosurgery",
        8,
    ),
    (
        "nephrology",
        "Arteriovenous fistula creation",
        "End-stage renal disease on dialysis.",
        5400,
        "nephrology",
        2,
    ),
    ("ophthalmology", "Vitrectomy", "Retinal detachment, macula on.", 3400, "ophthalmology", 1),
    (
        "neonatology",
        "Neonatal intensive care",
        "Preterm birth at 29 weeks, respiratory distress.",
        31000,
        "nicu",
        21,
    ),
]
ZOAST_CARE = [
    (
        "orthopaedics",
        "Total knee replacement",
        "Osteoarthritis, failed conservative treatment.",
        9200,
        "orthopaedics",
        4,
    ),
    ("cardiology", "Pacemaker implantation", "Complete heart block.", 7600, "cardiology", 2),
    (
        "gastroenterology",
        "Colonoscopy",
        "Positive faecal immunochemical test.",
        900,
        "day-hospital",
        1,
    ),
    ("obstetrics", "Planned delivery", "Pregnancy at term, low risk.", 3100, "maternity", 3),
]


@dataclass
class DemoResult:
    cases: int = 0
    services: int = 0
    statuses: Counter = field(default_factory=Counter)
    corridors: Counter = field(default_factory=Counter)
    tokens_file: Path | None = None
    first_day: date | None = None
    last_day: date | None = None
    already_loaded: bool = False

    def summary(self) -> str:
        if self.already_loaded:
            return (
                f"{ALREADY_LOADED}; tokens for every role of every organisation written to "
                f"{self.tokens_file}"
            )
        statuses = ", ".join(f"{count} {status}" for status, count in self.statuses.most_common())
        corridors = ", ".join(f"{name} {count}" for name, count in self.corridors.most_common())
        return "\n".join(
            [
                f"Loaded {self.cases} cases from {self.first_day} to {self.last_day}, "
                f"{len(ORGANIZATIONS)} organisations, {len(CORRIDORS)} agreements, "
                f"{self.services} services in the directory.",
                f"  by status: {statuses}",
                f"  by corridor: {corridors}",
                f"Tokens for every role of every organisation (12 h): {self.tokens_file}",
                "  e.g. curl -H \"Authorization: Bearer $(jq -r '.organizations[] | "
                'select(.key=="chu_martinique") | .tokens.coordinator\' '
                f'{self.tokens_file})" http://127.0.0.1:8000/v1/cases',
            ]
        )


def roles_of(kind: str) -> list[str]:
    """The roles a demo user of this kind of organisation holds; any role beyond the four
    case roles (and the platform admin) is given to every organisation."""
    by_kind = {
        "referring_facility": [Role.REFERRER],
        "receiving_facility": [Role.COORDINATOR, Role.CLINICIAN],
        "payer": [Role.PAYER],
        "coordination_body": [Role.COORDINATOR],
    }
    case_roles = {Role.REFERRER, Role.COORDINATOR, Role.CLINICIAN, Role.PAYER, Role.ADMIN}
    extra = [role for role in Role if role not in case_roles]
    return [role.value for role in [*by_kind.get(kind, []), *extra]]


# Answers worth waiting for: rate limited (429) or unavailable for a moment (503).
RETRY_STATUSES = frozenset({429, 503})
RETRIES = 5
# A Retry-After longer than this ends the demo with the answer rather than a long wait.
MAX_RETRY_WAIT_SECONDS = 120.0


def retry_after_seconds(response: httpx.Response, attempt: int) -> float:
    """The answer's Retry-After (seconds), else 1, 2, 4... seconds."""
    value = response.headers.get("Retry-After", "").strip()
    return float(value) if value.isdigit() else float(2**attempt)


class DemoApi:
    """The app in-process; every call happens on the replayed day.

    The calls go through the app's rate limiter like anyone's: a 429 or a 503 is retried
    after its Retry-After, a few times. Every POST carries an Idempotency-Key, so a retry
    can never do a step twice; GETs are safe to repeat anyway."""

    def __init__(self, client: httpx.AsyncClient, tokens, *, sleep=asyncio.sleep) -> None:
        self.client = client
        self.tokens = tokens
        self.sleep = sleep
        self.retried = Counter()  # status -> retries, for the tests and the curious

    def as_(self, org_id: str | None, *roles: str, sub: str) -> dict[str, str]:
        token = self.tokens.issue(
            sub=sub,
            roles=list(roles),
            organization_id=uuid.UUID(org_id) if org_id else None,
            ttl_seconds=TOKEN_TTL_SECONDS,
        )
        return {"Authorization": f"Bearer {token}"}

    async def call(
        self, method: str, path: str, headers: dict, at: datetime, body: dict | None = None
    ) -> dict:
        if method != "GET":
            headers = {**headers, "Idempotency-Key": f"demo-{uuid.uuid4()}"}
        for attempt in range(RETRIES + 1):
            with replaying_at(at):
                response = await self.client.request(method, path, json=body, headers=headers)
            if response.status_code not in RETRY_STATUSES or attempt == RETRIES:
                break
            wait = retry_after_seconds(response, attempt)
            if wait > MAX_RETRY_WAIT_SECONDS:
                break
            self.retried[response.status_code] += 1
            await self.sleep(wait)
        if response.status_code >= 400:
            raise RuntimeError(f"demo step {method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else {}


def _iso(moment: datetime) -> str:
    return moment.isoformat()


class CaseStory:
    """One case's journey, decided up front, played until 'today'."""

    def __init__(self, rng: random.Random, corridor: Corridor, created: datetime, now: datetime):
        self.rng = rng
        self.corridor = corridor
        self.created = created
        self.now = now
        self.zoast = corridor.kind == "zoast"
        care = ZOAST_CARE if self.zoast else CARES_CARE
        self.specialty, self.reason, self.summary, self.estimate, self.unit, self.stay = rng.choice(
            care
        )
        self.receiver = rng.choice(corridor.receivers)
        self.payer = rng.choice(corridor.payers)
        self.route = (
            "zoast"
            if self.zoast
            else rng.choices(["third_party_guarantee", "self_pay"], [85, 15])[0]
        )
        roll = rng.random()
        self.ending = "declined" if roll < 0.08 else "cancelled" if roll < 0.13 else "care"

    def day(self, days: float) -> datetime:
        return self.created + timedelta(days=days)


async def _organisations(api: DemoApi, admin: dict, now: datetime) -> tuple[dict, bool]:
    existing = await api.call("GET", "/v1/organizations?limit=200", admin, now)
    by_name = {org["name"]: org["id"] for org in existing["items"]}
    if all(name in by_name for name, _, _ in ORGANIZATIONS.values()):
        return {key: by_name[name] for key, (name, _, _) in ORGANIZATIONS.items()}, True
    orgs = {}
    for key, (name, kind, country) in ORGANIZATIONS.items():
        if name in by_name:
            orgs[key] = by_name[name]
            continue
        body = {"name": name, "kind": kind, "country": country}
        orgs[key] = (await api.call("POST", "/v1/organizations", admin, now, body))["id"]
    return orgs, False


async def _agreements(api: DemoApi, admin: dict, orgs: dict, start: date, now: datetime) -> dict:
    agreements = {}
    for corridor in CORRIDORS:
        body: dict[str, Any] = {
            "name": corridor.name,
            "kind": corridor.kind,
            "receiving_organization_ids": [orgs[key] for key in corridor.receivers],
            "payer_organization_ids": [orgs[key] for key in corridor.payers],
            "coordinating_organization_ids": [
                orgs[key] for key in COORDINATORS_BY_KIND.get(corridor.kind, ())
            ],
            "zone": list(corridor.zone),
            "valid_from": start.isoformat(),
        }
        if corridor.kind == "bilateral":
            body |= {
                "prior_authorisation_required": True,
                "advance_payment_required": True,
                "deposit_ratio": corridor.deposit_ratio,
            }
        else:
            body["excluded_specialties"] = ["cosmetic_surgery"]
        agreements[corridor.name] = (await api.call("POST", "/v1/agreements", admin, now, body))[
            "id"
        ]
    return agreements


# What each receiving hospital publishes in the directory: its international office's
# contact, the languages spoken there, and a typical lead time per care setting.
HOSPITAL_CONTACTS = {
    "chu_martinique": ("+596 596 55 20 00", "international@chu-martinique.example"),
    "chu_guadeloupe": ("+590 590 89 10 10", "international@chu-guadeloupe.example"),
    "ch_basse_terre": ("+590 590 80 54 54", "patients-etrangers@ch-basseterre.example"),
    "ch_saint_martin": ("+590 590 52 25 25", "international@chsaintmartin.example"),
    "ch_tourcoing": ("+33 3 20 69 49 49", "zoast@ch-tourcoing.example"),
    "ch_roubaix": ("+33 3 20 99 31 31", "zoast@ch-roubaix.example"),
    "ch_mouscron": ("+32 56 85 80 00", "zoast@chmouscron.example"),
}
SETTINGS_BY_SPECIALTY = {"ophthalmology": "day_case", "gastroenterology": "day_case"}


async def _services(api: DemoApi, orgs: dict, now: datetime) -> int:
    """Each receiving hospital publishes the specialties its corridors send it."""
    published = 0
    for receiver, (phone, email) in HOSPITAL_CONTACTS.items():
        corridors = [corridor for corridor in CORRIDORS if receiver in corridor.receivers]
        zoast = any(corridor.kind == "zoast" for corridor in corridors)
        care = ZOAST_CARE if zoast else CARES_CARE
        languages = ["fr", "nl"] if receiver == "ch_mouscron" else ["fr", "en"]
        if not zoast:
            languages.append("ht")  # Haitian Creole, on every Antilles ward
        coordinator = api.as_(orgs[receiver], "coordinator", sub=f"demo-{receiver}-io")
        for specialty in sorted({item[0] for item in care}):
            body = {
                "specialty": specialty,
                "care_setting": SETTINGS_BY_SPECIALTY.get(specialty, "inpatient"),
                "languages": languages,
                "lead_time_days": 7 if zoast else 21,
                "contact": {
                    "phone": phone,
                    "email": email,
                    "department": "International patients office",
                },
            }
            path = f"/v1/organizations/{orgs[receiver]}/services"
            await api.call("POST", path, coordinator, now, body)
            published += 1
    return published


async def _answer_claim(
    api: DemoApi, story: CaseStory, claim: dict, payer: dict, billed: str, day: float, n: int
) -> None:
    """The payer's answer, as payers answer: most claims are paid in full in time, some
    wait for an answer, some are contested, some are paid in instalments."""
    fate = story.rng.random()
    # The advances were deducted from the final claim: the payer owes the net amount.
    due = claim["net_amount_due"]["amount"]
    if float(due) == 0:
        return  # settled by the advances already
    if fate < 0.12 or story.day(day + 40) > story.now:
        return  # still open: the payer has not answered yet
    claim_path = f"/v1/claims/{claim['id']}"
    if fate < 0.27:
        await api.call(
            "POST",
            f"{claim_path}/contest",
            payer,
            story.day(day + 40),
            {"reason": "The length of stay exceeds the authorisation; send the medical report."},
        )
        return
    await api.call("POST", f"{claim_path}/accept", payer, story.day(day + 40), {})
    if story.day(day + 75) > story.now:
        return
    partly = fate < 0.45
    amount = f"{float(due) * story.rng.uniform(0.3, 0.6):.2f}" if partly else due
    await api.call(
        "POST",
        f"{claim_path}/pay",
        payer,
        story.day(day + 75),
        {
            "amount": {"amount": amount, "currency": "EUR"},
            "paid_at": story.day(day + 75).date().isoformat(),
            "reference": f"PAY-{story.payer.upper()}-{n:05d}",
        },
    )


async def _play(api: DemoApi, story: CaseStory, orgs: dict, agreements: dict, n: int) -> str:
    """Walk one case as far as its days allow; returns its last status."""
    rng, corridor = story.rng, story.corridor
    referrer = api.as_(orgs[corridor.referrer], "referrer", sub=f"demo-{corridor.referrer}-dr")
    hospital = api.as_(
        orgs[story.receiver], "coordinator", "clinician", sub=f"demo-{story.receiver}-io"
    )
    payer = api.as_(orgs[story.payer], "payer", sub=f"demo-{story.payer}-desk")
    country = corridor.country
    language = "fr" if country in ("BE", "FR") else "en"
    given, sex = rng.choice(GIVEN_NAMES[language])
    if story.zoast:
        postcodes = ZOAST_BE_POSTCODES if country == "BE" else ZOAST_FR_POSTCODES
        postal_code = rng.choice(sorted(postcodes))
        residence = {"country": country, "postal_code": postal_code, "city": postcodes[postal_code]}
        identifier = {"system": "niss" if country == "BE" else "nir", "value": f"DEMO{n:06d}"}
    else:
        residence = {"country": country, "city": rng.choice(CITIES[country])}
        identifier = {"system": "passport", "value": f"{country}D{n:06d}"}
    birth = date(rng.randint(1940, 2010), rng.randint(1, 12), rng.randint(1, 28))
    if story.specialty == "neonatology":
        birth = story.created.date() - timedelta(days=rng.randint(0, 3))
    patient = await api.call(
        "POST",
        "/v1/patients",
        referrer,
        story.day(0),
        {
            "family_name": rng.choice(FAMILY_NAMES[country]),
            "given_names": [given],
            "birth_date": birth.isoformat(),
            "sex": sex,
            "nationality": country,
            "residence": residence,
            "languages": [language],
            "identifiers": [identifier],
        },
    )
    coverage: dict[str, Any] = {"route": story.route}
    if story.route != "self_pay":
        coverage["payer_organization_id"] = orgs[story.payer]
        coverage["agreement_id"] = agreements[corridor.name]
    if story.zoast:
        coverage["member_number"] = f"{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}"
    case = await api.call(
        "POST",
        "/v1/cases",
        referrer,
        story.day(0),
        {
            "patient_id": patient["id"],
            "receiving_organization_id": orgs[story.receiver],
            "specialty": story.specialty,
            "priority": rng.choices(["routine", "urgent"], [70, 30])[0],
            "reason": story.reason,
            "clinical_summary": story.summary,
            "referring_practitioner": {"name": f"Dr {rng.choice(FAMILY_NAMES[country])}"},
            "coverage": coverage,
        },
    )
    path = f"/v1/cases/{case['id']}"
    status = "draft"

    async def step(days: float, action: str, headers: dict, body: dict | None = None) -> bool:
        nonlocal status
        moment = story.day(days)
        if moment > story.now:
            return False
        status = (await api.call("POST", f"{path}/{action}", headers, moment, body or {}))["status"]
        return True

    async def record(days: float, suffix: str, headers: dict, body: dict) -> dict | None:
        moment = story.day(days)
        if moment > story.now:
            return None
        return await api.call("POST", f"{path}/{suffix}", headers, moment, body)

    if not await step(rng.uniform(0.1, 2), "submit", referrer):
        return status
    if story.ending == "cancelled":
        await step(3, "cancel", referrer, {"reason_code": "patient_withdrew"})
        return status
    day = 3.0
    if not story.zoast and rng.random() < 0.5:
        booked = _iso(story.day(day + 4))
        mode = rng.choice(["video", "phone"])
        if not await step(
            day,
            "schedule-teleconsultation",
            hospital,
            {"scheduled_at": booked, "mode": mode, "consultant": "Dr Bérard"},
        ):
            return status
        day += 4
        outcome = "not_eligible" if story.ending == "declined" else "transfer_recommended"
        if not await step(day, "record-teleconsultation", hospital, {"outcome": outcome}):
            return status
        if story.ending == "declined":
            return status
    elif story.ending == "declined":
        await step(day, "decline", hospital, {"reason": "Can be treated locally; advice sent"})
        return status
    elif not await step(day, "accept", hospital, {"reason": "Accepted on file review"}):
        return status
    euros = f"{story.estimate * rng.uniform(0.9, 1.15):.2f}"
    total = {"amount": euros, "currency": "EUR"}
    estimate = {"total": total, "lines": []}
    if story.route != "zoast" and await record(day + 1, "estimates", hospital, estimate) is None:
        return status
    if story.route == "self_pay":
        deposit = {"amount": f"{float(euros) * 0.4:.2f}", "currency": "EUR"}  # 30 % due
        if (
            await record(
                day + 3,
                "payments",
                hospital,
                {
                    "amount": deposit,
                    "kind": "deposit",
                    "received_at": _iso(story.day(day + 3)),
                    "payer": "patient",
                },
            )
            is None
        ):
            return status
        funded = await step(day + 4, "approve-funding", hospital, {"note": "Deposit received"})
    elif story.route == "third_party_guarantee":
        # The CARES agreement asks prior authorisation and an advance (its deposit ratio),
        # and the guarantee covers the final claim (billed up to a few % over the quote).
        reference = f"MOH-{corridor.country}-{story.created.year}-{n:04d}"
        advance = {"amount": f"{float(euros) * 0.5:.2f}", "currency": "EUR"}
        paid = await record(
            day + 4,
            "payments",
            hospital,
            {
                "amount": advance,
                "kind": "deposit",
                "received_at": _iso(story.day(day + 4)),
                "payer": "third_party",
            },
        )
        if paid is None:
            return status
        granted = story.day(day + 5).date()
        funded = await step(
            day + 5,
            "approve-funding",
            payer,
            {
                "guarantee": {
                    "reference": reference,
                    "amount": {"amount": f"{float(euros) * 1.1:.2f}", "currency": "EUR"},
                },
                "authorisation": {
                    "reference": f"{reference}-PA",
                    "valid_from": (granted - timedelta(days=1)).isoformat(),
                    "valid_until": (granted + timedelta(days=180)).isoformat(),
                },
                "note": "CARES guarantee",
            },
        )
    else:
        funded = await step(day + 1, "approve-funding", hospital, {})
    if not funded:
        return status
    day += 6
    travel = rng.randint(1, 3) if story.zoast else rng.randint(4, 12)
    transport = (
        "other"
        if story.zoast
        else rng.choices(["commercial_flight", "air_ambulance", "sea"], [70, 20, 10])[0]
    )
    if not await step(
        day,
        "schedule-transfer",
        hospital,
        {
            "expected_arrival_at": _iso(story.day(day + travel)),
            "transport": transport,
            "escorts": 0 if story.zoast else 1,
            "interpreter_language": None,
        },
    ):
        return status
    day += travel
    if not story.zoast and not await step(day, "record-arrival", hospital):
        return status
    if not await step(
        day + 0.2,
        "admit",
        hospital,
        {"admitted_at": _iso(story.day(day + 0.2)), "unit": story.unit},
    ):
        return status
    length = max(1, round(story.stay * rng.uniform(0.7, 1.5)))
    if length > 3 and rng.random() < 0.4:
        await step(day + 2, "transfer-unit", hospital, {"unit": f"{story.unit}-ward"})
    day += length
    if not await step(
        day,
        "discharge",
        hospital,
        {
            "discharged_at": _iso(story.day(day)),
            "disposition": "home",
            "summary": "Stable at discharge; follow-up with the referring physician.",
        },
    ):
        return status
    if story.route == "self_pay":
        return status  # the patient settles the balance with the hospital; no payer claim
    billed = f"{float(euros) * rng.uniform(0.95, 1.02):.2f}"
    claim = await record(
        day + 12,
        "claims",
        hospital,
        {
            "number": f"{story.receiver.upper()}-{story.created.year}-{n:05d}",
            "kind": "final",
            "total": {"amount": billed, "currency": "EUR"},
        },
    )
    way_home = {"kind": "return_transport", "status": "not_needed" if story.zoast else "completed"}
    if claim is None or await record(day + 12.5, "logistics-tasks", hospital, way_home) is None:
        return status
    if not await step(day + 13, "close", hospital):
        return status
    await _answer_claim(api, story, claim, payer, billed, day, n)
    return status


def write_tokens(path: Path, api: DemoApi, orgs: dict[str, str]) -> None:
    expires = datetime.now(UTC) + timedelta(seconds=TOKEN_TTL_SECONDS)
    document = {
        "expires_at": expires.isoformat(timespec="seconds"),
        "admin": api.as_(None, "admin", sub="demo-admin")["Authorization"].removeprefix("Bearer "),
        "organizations": [
            {
                "key": key,
                "id": orgs[key],
                "name": name,
                "kind": kind,
                "country": country,
                "tokens": {
                    role: api.as_(orgs[key], role, sub=f"demo-{key}-{role}")[
                        "Authorization"
                    ].removeprefix("Bearer ")
                    for role in roles_of(kind)
                },
            }
            for key, (name, kind, country) in ORGANIZATIONS.items()
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    path.chmod(0o600)  # bearer tokens


async def load_demo(
    database_url: str,
    settings: Settings | None = None,
    *,
    cases: int = 300,
    tokens_file: Path | None = None,
    seed: int = 2026,
    progress: bool = False,
) -> DemoResult:
    settings = settings or get_settings()
    tokens_file = tokens_file or settings.home / "demo-tokens.json"
    engine = create_async_engine(database_url)
    app = create_app(settings, sessionmaker=create_sessionmaker(engine))
    result = DemoResult(tokens_file=tokens_file)
    now = datetime.now(UTC)
    start = (now - timedelta(days=730)).date()
    # Quiet: one request line per call would bury the summary.
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://demo") as client:
            api = DemoApi(client, app.state.tokens)
            admin = api.as_(None, "admin", sub="demo-admin")
            orgs, existed = await _organisations(api, admin, now)
            if existed:
                result.already_loaded = True
                write_tokens(tokens_file, api, orgs)
                return result
            agreements = await _agreements(api, admin, orgs, start, now)
            result.services = await _services(api, orgs, now)
            rng = random.Random(seed)
            moments = sorted(
                now - timedelta(days=rng.uniform(2, 730), hours=rng.uniform(0, 10))
                for _ in range(cases)
            )
            weights = [corridor.weight for corridor in CORRIDORS]
            bar = _Bar(cases, progress)
            for n, created in enumerate(moments, start=1):
                corridor = rng.choices(CORRIDORS, weights)[0]
                story = CaseStory(random.Random(rng.random()), corridor, created, now)
                status = await _play(api, story, orgs, agreements, n)
                result.cases += 1
                result.statuses[status] += 1
                result.corridors[corridor.name.split(" (")[0]] += 1
                bar.advance()
            bar.stop()
            if moments:
                result.first_day, result.last_day = moments[0].date(), moments[-1].date()
            write_tokens(tokens_file, api, orgs)
            return result
    finally:
        logging.disable(previous)
        await engine.dispose()


class _Bar:
    def __init__(self, total: int, enabled: bool) -> None:
        self.progress = None
        if enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("Loading the demo"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("cases", total=total)

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
