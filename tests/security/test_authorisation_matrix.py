"""The authorisation matrix: every operation of app.openapi(), two tenants, every role.

For each operation the MATRIX says which object its path names, which roles may call
it, and for which roles the object simply does not exist. The test then asserts, for
every caller:
- on an object of its own tenant: allowed roles are not refused (no 401/403/404),
  roles for whom it is hidden get 404, every other role 403;
- on an object of the other tenant: 404, or the same 403 the role gets on an id that
  exists nowhere (so the answer tells nothing about the object);
- in any answer (lists, feeds, exports, statistics, errors): no identifier or clinical
  text of the other tenant, and no clinical text at all for a payer.

A new route fails `test_every_operation_is_in_the_matrix` until it gets its line.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from app.domain.regimes import DEFAULT_COUNTRY_LISTS
from app.domain.transitions import rows_leaving
from app.domain.vocabulary import Action, CareSetting, CaseStatus, Priority
from tests.security.conftest import ORG_ROLES, ROLES, TENANTS, SecurityWorld, Tenant, action_body

Body = Callable[[SecurityWorld, Tenant], dict | None]


@dataclass(frozen=True)
class Op:
    # What the path parameters name, in order: "case:<status>", "patient", "task", "claim",
    # "webhook", "delivery", "org", "agreement", "api_client".
    target: tuple[str, ...] = ()
    allow: frozenset[str] = frozenset()
    # Roles for whom another organisation's object does not exist at all (404).
    hidden: frozenset[str] = frozenset({"admin"})
    # Reference data every caller reads (organisations, agreements): no tenant to cross.
    shared: bool = False
    # Public: no token needed (health, token endpoint, JWKS).
    public: bool = False
    body: Body | None = None
    query: Callable[[SecurityWorld, Tenant], dict] | None = None
    # The audit trail shows admins every organisation's ids (never names or clinical text).
    ids_for_admin: bool = False
    # Statuses an allowed caller may get besides 2xx: the rules of the object's state.
    ok: frozenset[int] = frozenset()
    # The body names no tenant's objects: another tenant's "data" is as good as one's own.
    tenant_free: bool = False
    # A multipart body instead of JSON: (form fields, files).
    form: Callable[[SecurityWorld, Tenant], tuple[dict, dict]] | None = None
    # Shared reference data acted on by its own parties only (a corridor's suspension):
    # another tenant's object is 403 for every organisation's role.
    own_parties: bool = False


def op(
    *target: str,
    allow: str = "",
    hidden: str = "admin",
    shared: bool = False,
    public: bool = False,
    body: Body | None = None,
    query: Callable[[SecurityWorld, Tenant], dict] | None = None,
    ids_for_admin: bool = False,
    ok: tuple[int, ...] = (),
    tenant_free: bool = False,
    form: Callable[[SecurityWorld, Tenant], tuple[dict, dict]] | None = None,
    own_parties: bool = False,
) -> Op:
    everyone = " ".join(ROLES)
    return Op(
        target=target,
        allow=frozenset((everyone if allow == "*" else allow).split()),
        hidden=frozenset(hidden.split()),
        shared=shared,
        public=public,
        body=body,
        query=query,
        ids_for_admin=ids_for_admin,
        ok=frozenset(ok),
        tenant_free=tenant_free,
        form=form,
        own_parties=own_parties,
    )


ORG = "referrer coordinator clinician payer"
# Case, patient and claim data: the organisation roles, and admins (who see none of it).
# An org_admin without a data role is refused every one of these (403, before any lookup).
DATA = f"{ORG} admin"

# Which case each action is tried on: a status the action leaves.
ACTION_SOURCE = {
    Action.SUBMIT: CaseStatus.DRAFT,
    Action.REQUEST_INFORMATION: CaseStatus.SUBMITTED,
    Action.PROVIDE_INFORMATION: CaseStatus.INFORMATION_REQUESTED,
    Action.RECORD_ATTENDANCE: CaseStatus.ARRIVED,
    Action.SCHEDULE_FOLLOW_UP: CaseStatus.DISCHARGED,
    Action.RECORD_FOLLOW_UP: CaseStatus.DISCHARGED,
    Action.ACKNOWLEDGE_DISCHARGE: CaseStatus.DISCHARGED,
    Action.SCHEDULE_TELECONSULTATION: CaseStatus.SUBMITTED,
    Action.RECORD_TELECONSULTATION: CaseStatus.TELECONSULTATION_SCHEDULED,
    Action.ACCEPT: CaseStatus.SUBMITTED,
    Action.DECLINE: CaseStatus.SUBMITTED,
    Action.APPROVE_FUNDING: CaseStatus.ACCEPTED,
    Action.SCHEDULE_TRANSFER: CaseStatus.FUNDING_APPROVED,
    Action.RECORD_ARRIVAL: CaseStatus.TRANSFER_SCHEDULED,
    Action.ADMIT: CaseStatus.ARRIVED,
    Action.TRANSFER_UNIT: CaseStatus.ADMITTED,
    Action.DISCHARGE: CaseStatus.ADMITTED,
    Action.CLOSE: CaseStatus.DISCHARGED,
    Action.CANCEL: CaseStatus.DRAFT,
    Action.HOLD: CaseStatus.SUBMITTED,
    Action.RESUME: CaseStatus.ON_HOLD,
    Action.EXTEND_AUTHORISATION: CaseStatus.ADMITTED,
    Action.AMEND_GUARANTEE: CaseStatus.ADMITTED,
}


def _action_entry(action: Action) -> Op:
    """The lifecycle table's "who" column decides who may act from that status."""
    source = ACTION_SOURCE[action]
    # The world's arrived case is outpatient care (see conftest); the others inpatient.
    setting = CareSetting.OUTPATIENT if source == CaseStatus.ARRIVED else CareSetting.INPATIENT
    roles = {
        str(role)
        for row in rows_leaving(source, action, Priority.ROUTINE, setting)
        for role in row.roles
    }
    return op(
        f"case:{source.value}",
        allow=" ".join(sorted(roles)),
        body=lambda w, t, a=action.value: action_body(a, t.name),
        # Calls not begun yet (teleconsultation) or not booked (follow-up): the guard
        # answers, after the role check this matrix is about.
        ok=(422,) if action in (Action.RECORD_TELECONSULTATION, Action.RECORD_FOLLOW_UP) else (),
    )


def _patient_body(w: SecurityWorld, t: Tenant) -> dict:
    return {
        "family_name": "Newcomer",
        "sex": "male",
        "residence": {"country": "BE", "postal_code": "7000", "city": "Mons"},
        "identifiers": [{"system": "passport", "value": f"NEW-{uuid.uuid4().hex[:10]}"}],
    }


def _case_body(w: SecurityWorld, t: Tenant) -> dict:
    # No referring_organization_id: a case is referred by the caller's own organisation.
    return {
        "patient_id": t.patient["id"],
        "receiving_organization_id": t.orgs["recv"],
        "specialty": "cardiology",
    }


def _claim_body(w: SecurityWorld, t: Tenant) -> dict:
    return {
        "number": f"NEW-{uuid.uuid4().hex[:8]}",
        "kind": "interim",
        "total": {"amount": "10.00", "currency": "EUR"},
        "lines": [],
        "debtor_organization_id": t.orgs["pay"],
    }


MONEY = {"amount": "10.00", "currency": "EUR"}
OFFICES = "referrer coordinator"
COMPANION = {
    "full_name": "New Companion",
    "relationship": "parent",
    "passport_number": "NEW12345",
    "nationality": "BE",
}


def _document_form(w: SecurityWorld, t: Tenant) -> tuple[dict, dict]:
    # A quote: every side of a case, the payer included, may add one.
    return (
        {"kind": "quote", "language": "en", "title": "Quote"},
        {"file": ("quote.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")},
    )


# A webhook's managers in its own organisation (the world's webhook: the receiving hospital's).
HOOKS = "coordinator org_admin"

MATRIX: dict[str, Op] = {
    "health-liveness": op(public=True),
    "health-readiness": op(public=True),
    "health-metrics": op(public=True),
    "oauth-token": op(public=True),
    "oauth-jwks": op(public=True),
    "organizations-create": op(
        allow="admin",
        tenant_free=True,
        body=lambda w, t: {"name": "New org", "kind": "payer", "country": "FR"},
    ),
    "organizations-list": op(allow="*", shared=True),
    "organizations-get": op("org", allow="*", shared=True),
    "agreements-create": op(
        allow="admin",
        body=lambda w, t: {
            "name": "New corridor",
            "kind": "bilateral",
            "receiving_organization_ids": [t.orgs["recv"]],
            "payer_organization_ids": [t.orgs["pay"]],
            "zone": [{"country": "LC"}],
            "valid_from": "2024-01-01",
        },
    ),
    "agreements-list": op(allow="*", shared=True),
    "agreements-list-regime-country-lists": op(allow="*", shared=True),
    "agreements-replace-regime-country-list": op(
        "regime_list",
        allow="admin",
        tenant_free=True,
        body=lambda w, t: {"countries": sorted(DEFAULT_COUNTRY_LISTS["eu_eea_ch"])},
    ),
    "agreements-get": op("agreement", allow="*", shared=True),
    "agreements-replace-coordinators": op(
        "agreement",
        allow="admin",
        shared=True,
        tenant_free=True,
        body=lambda w, t: {"organization_ids": []},
    ),
    # A shared corridor stops by the coordination bodies it names (none in this world) and
    # the platform admin, never by one receiving hospital; the next allowed caller finds it
    # suspended (or resumed) already: 409.
    "agreements-suspend": op(
        "corridor",
        allow="admin",
        hidden="",
        shared=True,
        own_parties=True,
        ok=(409,),
        body=lambda w, t: {"reason": "border_closure"},
    ),
    "agreements-resume": op(
        "corridor", allow="admin", hidden="", shared=True, own_parties=True, ok=(409,)
    ),
    # A receiving hospital's coordinators pause (and resume) its own intake on the corridor.
    "agreements-pause-intake": op(
        "corridor",
        allow="coordinator",
        hidden="",
        shared=True,
        own_parties=True,
        ok=(409,),
        body=lambda w, t: {"reason": "capacity"},
    ),
    "agreements-resume-intake": op(
        "corridor", allow="coordinator", hidden="", shared=True, own_parties=True, ok=(409,)
    ),
    "eligibility-check": op(
        allow="*",
        shared=True,
        query=lambda w, t: {
            "residence_country": "BE",
            "postal_code": "7000",
            "receiving_organization_id": t.orgs["recv"],
        },
    ),
    # The public directory: the receiving hospital's coordinators and org_admin publish.
    "directory-search": op(public=True, query=lambda w, t: {"residence_country": "LC"}),
    "directory-search-fhir": op(public=True, query=lambda w, t: {"residence_country": "LC"}),
    "directory-publish": op(
        "org",
        allow="coordinator org_admin admin",
        hidden="",
        body=lambda w, t: {
            "specialty": "oncology",
            "care_setting": "outpatient",
            "languages": ["fr"],
            "lead_time_days": 7,
            "contact": {"phone": "+596 596 55 20 00"},
        },
    ),
    # The first allowed caller withdraws the world's service; the next find it gone (404).
    "directory-withdraw": op(
        "org", "service", allow="coordinator org_admin admin", hidden="", ok=(404,)
    ),
    "patients-create": op(
        allow="referrer coordinator clinician", hidden="", body=_patient_body, tenant_free=True
    ),
    "patients-list": op(
        allow=DATA,
        query=lambda w, t: {"identifier": f"passport|{t.patient['identifiers'][0]['value']}"},
    ),
    "patients-get": op("patient", allow=ORG),
    # The world's patient is registered by the referring facility: the receiving hospital
    # reads it through the case, and may not rewrite it.
    "patients-update": op(
        "patient",
        allow="referrer",
        hidden="",
        body=lambda w, t: {"languages": ["fr"]},
    ),
    "cases-create": op(allow="referrer coordinator", hidden="", body=_case_body),
    "cases-list": op(allow=DATA, query=lambda w, t: {"patient_id": t.patient["id"]}),
    "cases-get": op("case:discharged", allow=ORG),
    # Every side of the case may edit it; which fields depends on the status (409 otherwise).
    "cases-update": op("case:draft", allow=ORG, ok=(409,), body=lambda w, t: {"reason": "Updated"}),
    **{f"cases-{action.value}": _action_entry(action) for action in Action},
    "cases-timeline": op("case:discharged", allow=ORG),
    "cases-correct-coverage": op(
        "case:discharged",
        allow="coordinator",
        body=lambda w, t: {"coverage": {"route": "zoast"}, "reason": "Checked"},
    ),
    "cases-earlier-cases": op("case:discharged", allow="coordinator clinician"),
    # The world's cases are not under the Directive: an allowed caller gets 422
    # prior_authorisation_not_for_route.
    "cases-record-prior-authorisation": op(
        "case:accepted",
        allow="coordinator referrer",
        ok=(422,),
        body=lambda w, t: {
            "decision": "refused",
            "reference": "PA-1",
            "issuing_institution": "Home institution",
            "decided_on": "2026-01-02",
            "refusal_reason": "Not needed",
        },
    ),
    "cases-add-logistics-task": op(
        "case:funding_approved", allow="coordinator", body=lambda w, t: {"kind": "travel"}
    ),
    "cases-update-logistics-task": op(
        "case:funding_approved",
        "task",
        allow="coordinator",
        body=lambda w, t: {"status": "in_progress"},
    ),
    # Money of a case is read by its parties, payers included (they approve against quotes).
    "cases-list-estimates": op("case:discharged", allow=ORG),
    "cases-get-estimate": op("case:discharged", "estimate", allow=ORG),
    "cases-list-payments": op("case:discharged", allow=ORG),
    "cases-get-payment": op("case:discharged", "payment", allow=ORG),
    "cases-balance": op("case:discharged", allow=ORG),
    "cases-coverage-options": op("case:discharged", allow=ORG),
    "cases-issue-estimate": op(
        "case:accepted", allow="coordinator", body=lambda w, t: {"total": MONEY, "lines": []}
    ),
    "cases-record-payment": op(
        "case:accepted",
        allow="coordinator",
        body=lambda w, t: {
            "amount": MONEY,
            # A payment, not a deposit: the world's cases are ZOAST (no deposit, issue 24).
            "kind": "balance",
            "received_at": "2026-01-01T10:00:00+00:00",
            "payer": "patient",
        },
    ),
    "cases-submit-claim": op("case:discharged", allow="coordinator", body=_claim_body),
    "cases-fhir": op("case:discharged", allow=ORG),
    "documents-upload": op("case:discharged", allow=ORG, form=_document_form),
    "documents-list": op("case:discharged", allow=ORG),
    "documents-get": op("case:discharged", "document", allow=ORG),
    "documents-content": op("case:discharged", "document", allow=ORG),
    # The organisation that added it (the receiving hospital) or a receiving coordinator.
    "documents-withdraw": op("case:discharged", "document", allow="coordinator clinician"),
    "documents-generate-letter": op(
        "case:discharged",
        allow="coordinator",
        body=lambda w, t: {"kind": "visa_invitation", "language": "en"},
    ),
    # Companions exist only for the two hospitals' offices: to everyone else, 404.
    "documents-list-companions": op(
        "case:discharged", allow=OFFICES, hidden="admin clinician payer"
    ),
    "documents-add-companion": op(
        "case:discharged",
        allow=OFFICES,
        hidden="admin clinician payer",
        body=lambda w, t: dict(COMPANION),
    ),
    "documents-remove-companion": op(
        "case:discharged", "companion", allow=OFFICES, hidden="admin clinician payer"
    ),
    "stats-flows": op(allow=DATA),
    "stats-census": op(allow=DATA),
    "stats-flows-chart": op(allow=DATA),
    "stats-census-chart": op(allow=DATA),
    "events-list": op(allow=DATA),
    "webhooks-create": op(
        allow="referrer coordinator payer org_admin",
        hidden="",
        body=lambda w, t: {"url": "http://127.0.0.1:9/new", "event_types": ["case.accepted"]},
        tenant_free=True,
    ),
    "webhooks-list": op(allow="referrer coordinator payer org_admin", hidden=""),
    # A webhook belongs to one organisation (here the receiving hospital's): the
    # tenant's referrer and payer are other organisations and do not see it.
    "webhooks-get": op("webhook", allow=HOOKS, hidden="referrer payer"),
    "webhooks-delete": op("webhook", allow=HOOKS, hidden="referrer payer"),
    "webhooks-enable": op("webhook", allow=HOOKS, hidden="referrer payer"),
    "webhooks-list-deliveries": op("webhook", allow=HOOKS, hidden="referrer payer"),
    "webhooks-retry-delivery": op("webhook", "delivery", allow=HOOKS, hidden="referrer payer"),
    "claims-list": op(allow=DATA),
    # Claims are the creditor's (the receiving hospital) and the debtor's (the payer).
    "claims-get": op("claim", allow="coordinator clinician payer", hidden="admin referrer"),
    "claims-accept": op("claim", allow="payer", hidden="admin referrer"),
    "claims-contest": op(
        "claim",
        allow="payer",
        hidden="admin referrer",
        body=lambda w, t: {"reason": "Wrong tariff"},
    ),
    "claims-pay": op(
        "claim",
        allow="payer",
        hidden="admin referrer",
        ok=(409,),  # the world's claim is submitted, not yet accepted
        body=lambda w, t: {"amount": MONEY, "paid_at": "2026-01-02", "reference": "PAY-1"},
    ),
    # The home steps of a Directive invoice: the world's claim is a payer's, not a patient's
    # Directive invoice, so an allowed caller gets 409 home_reimbursement_not_applicable.
    "claims-submit-at-home": op(
        "claim",
        allow="coordinator",
        hidden="admin referrer",
        ok=(409,),
        body=lambda w, t: {"submitted_on": "2026-01-02", "reference": "H-1", "insurer_name": "X"},
    ),
    "claims-record-home-reimbursement": op(
        "claim",
        allow="coordinator",
        hidden="admin referrer",
        ok=(409,),
        body=lambda w, t: {"decided_on": "2026-01-02", "refusal_reason": "Not covered"},
    ),
    "billing-export": op(allow="coordinator payer", hidden=""),
    "audit-list": op(allow="admin org_admin coordinator payer", hidden="", ids_for_admin=True),
    # An org_admin manages its own organisation's clients (the world's client is the
    # receiving hospital's); another organisation's client does not exist for it.
    "api-clients-create": op(
        allow="admin org_admin",
        hidden="",
        body=lambda w, t: {"name": "x", "organization_id": t.orgs["recv"], "roles": ["payer"]},
    ),
    "api-clients-list": op(allow="admin org_admin", hidden=""),
    "api-clients-get": op("api_client", allow="admin org_admin", hidden=""),
    "api-clients-revoke": op("api_client", allow="admin org_admin", hidden=""),
}

REFUSED = {401, 403, 404}


def operations(app) -> dict[str, tuple[str, str]]:
    found = {}
    for path, item in app.openapi()["paths"].items():
        for method, operation in item.items():
            found[operation["operationId"]] = (method.upper(), path)
    return found


def object_ids(tenant: Tenant, target: tuple[str, ...]) -> list[str]:
    ids = []
    for name in target:
        kind, _, status = name.partition(":")
        ids.append(
            {
                "case": lambda status=status: tenant.cases[status]["id"],
                "patient": lambda: tenant.patient["id"],
                "task": lambda: tenant.task["id"],
                "estimate": lambda: tenant.estimate["id"],
                "regime_list": lambda: "eu_eea_ch",
                "payment": lambda: tenant.payment["id"],
                "claim": lambda: tenant.claim["id"],
                "webhook": lambda: tenant.webhook["id"],
                "delivery": lambda: tenant.delivery_id,
                "org": lambda: tenant.orgs["recv"],
                "agreement": lambda: tenant.agreement,
                "corridor": lambda: tenant.corridor,
                "api_client": lambda: tenant.api_client["id"],
                "document": lambda: tenant.document["id"],
                "companion": lambda: tenant.companion["id"],
                "service": lambda: tenant.service["id"],
            }[kind]()
        )
    return ids


def fill(path: str, ids: list[str]) -> str:
    parts, index = [], 0
    for part in path.split("/"):
        if part.startswith("{") and part.endswith("}"):
            parts.append(ids[index])
            index += 1
        else:
            parts.append(part)
    return "/".join(parts)


class Caller:
    def __init__(self, tenant: str | None, role: str) -> None:
        self.tenant, self.role = tenant, role

    def __repr__(self) -> str:
        return f"{self.role}@{self.tenant or '-'}"


CALLERS = [Caller(t, r) for t in TENANTS for r in ORG_ROLES] + [Caller(None, "admin")]


def assert_discloses_nothing(
    world, caller: Caller, response, path: str, what: str, entry: Op | None = None
) -> None:
    """No identifier of the other tenant; for payers no clinical text. The request's own
    path is cut out first: a problem's `instance` repeats it."""
    text = response.text.replace(path, "")
    forbidden: set[str] = set()
    if caller.tenant is None:
        for tenant in world.tenants.values():
            forbidden |= tenant.text_markers if entry and entry.ids_for_admin else tenant.markers
    else:
        forbidden |= world.other(caller.tenant).markers
        if caller.role == "payer":
            forbidden |= world.tenants[caller.tenant].clinical_markers
    leaked = sorted(marker for marker in forbidden if marker in text)
    assert not leaked, f"{what} as {caller}: {response.status_code} discloses {leaked}"


async def call(world: SecurityWorld, caller: Caller, method, path, entry: Op, data_tenant: Tenant):
    kwargs = {}
    if entry.body is not None and method in ("POST", "PATCH", "PUT"):
        kwargs["json"] = entry.body(world, data_tenant)
    if entry.form is not None:
        kwargs["data"], kwargs["files"] = entry.form(world, data_tenant)
    if entry.query is not None:
        kwargs["params"] = entry.query(world, data_tenant)
    headers = {**world.headers(caller.tenant, caller.role), "If-Match": "*"}
    return await world.request(method, path, headers, **kwargs)


def test_every_operation_is_in_the_matrix(security_world):
    served = operations(security_world.app)
    missing = sorted(set(served) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(served))
    assert not missing, f"operations without a line in MATRIX: {missing}"
    assert not stale, f"MATRIX lines for operations that no longer exist: {stale}"


@pytest.mark.parametrize("operation_id", sorted(MATRIX))
async def test_operation(security_world, operation_id):
    world = security_world
    served = operations(world.app)
    if operation_id not in served:
        pytest.fail(f"{operation_id} is in MATRIX but not served")
    method, template = served[operation_id]
    entry = MATRIX[operation_id]

    if entry.public:
        for caller in CALLERS:
            response = await call(world, caller, method, template, entry, world.tenants["A"])
            assert response.status_code < 500, (operation_id, response.text)
            assert_discloses_nothing(world, caller, response, template, operation_id)
        return

    # Without a token, nothing.
    anonymous = await world.request(method, fill(template, [str(uuid.uuid4())] * 4), {})
    assert anonymous.status_code == 401, (operation_id, anonymous.status_code)

    for caller in CALLERS:
        own = world.tenants[caller.tenant or "A"]
        other = world.other(own.name)
        role = caller.role

        if not entry.target:
            # Collections: the caller's own query, and one naming the other tenant's ids.
            variants = (own,) if caller.tenant is None else (own, other)
            for data_tenant in variants:
                response = await call(world, caller, method, template, entry, data_tenant)
                what = f"{operation_id} (data of {data_tenant.name})"
                if role in entry.allow or role in entry.hidden:
                    if data_tenant is own or entry.tenant_free:
                        assert response.status_code < 400 or response.status_code in entry.ok, (
                            what,
                            caller,
                            response.text,
                        )
                    elif method == "GET":
                        # Another tenant's ids in a filter: an empty answer, or refused.
                        assert response.status_code in (200, 404, 422), (what, caller)
                    else:
                        # Another tenant's ids in a body: refused, as unknown.
                        assert response.status_code in (404, 422), (what, caller, response.text)
                elif data_tenant is own:
                    assert response.status_code == 403, (what, caller, response.status_code)
                else:
                    # 422: the other tenant's ids are unknown to the caller (checked first).
                    assert response.status_code in (403, 422), (what, caller, response.status_code)
                assert_discloses_nothing(world, caller, response, template, what, entry)
            continue

        path = fill(template, object_ids(own, entry.target))
        response = await call(world, caller, method, path, entry, own)
        what = f"{operation_id} on its own object"
        if role in entry.allow:
            assert response.status_code < 400 or response.status_code in entry.ok, (
                what,
                caller,
                response.text,
            )
        elif role in entry.hidden:
            assert response.status_code == 404, (what, caller, response.status_code)
        else:
            assert response.status_code == 403, (what, caller, response.status_code)
        assert_discloses_nothing(world, caller, response, path, what)

        if caller.tenant is None:
            continue
        foreign_path = fill(template, object_ids(other, entry.target))
        response = await call(world, caller, method, foreign_path, entry, other)
        what = f"{operation_id} on the other tenant's object"
        if entry.shared and entry.own_parties:
            assert response.status_code == 403, (what, caller, response.status_code)
        elif entry.shared:
            expected_own = role in entry.allow
            assert (response.status_code not in REFUSED) == expected_own, (
                what,
                caller,
                response.status_code,
            )
        elif role in entry.allow or role in entry.hidden:
            assert response.status_code == 404, (what, caller, response.status_code)
        else:
            assert response.status_code in (403, 404), (what, caller, response.status_code)
            nowhere = fill(template, [str(uuid.uuid4()) for _ in entry.target])
            unknown = await call(world, caller, method, nowhere, entry, other)
            assert unknown.status_code == response.status_code, (what, caller, "existence leaks")
        assert_discloses_nothing(world, caller, response, foreign_path, what)


# -- tokens of one organisation do nothing for another ------------------------------------


async def test_a_cursor_from_another_tenant_pages_only_your_own_rows(security_world):
    world = security_world
    a, b = world.tenants["A"], world.tenants["B"]
    # The feed's cursor is `after` (it was silently ignored as `cursor`, which now is 400).
    for path, name in (
        ("/v1/cases", "cursor"),
        ("/v1/events", "after"),
        ("/v1/audit-events", "cursor"),
    ):
        first = await world.request(
            "GET", path, world.headers("A", "coordinator"), params={"limit": 1}
        )
        assert first.status_code == 200, (path, first.text)
        cursor = first.json()["next_cursor"]
        assert cursor, f"{path}: tenant A has more than one row, so a cursor"
        replayed = await world.request(
            "GET", path, world.headers("B", "coordinator"), params={name: cursor}
        )
        assert replayed.status_code in (200, 422), (path, replayed.text)
        text = replayed.text
        assert not [marker for marker in a.markers if marker in text], path
        if replayed.status_code == 200:
            assert all(
                item.get("case_id", item.get("id")) not in a.markers
                for item in replayed.json()["items"]
            )
    assert b.markers  # B's own rows exist: the check above is not vacuous


async def test_an_etag_of_another_tenant_opens_nothing(security_world):
    world = security_world
    case = world.tenants["A"].cases["draft"]
    read = await world.request("GET", f"/v1/cases/{case['id']}", world.headers("A", "referrer"))
    etag = read.headers["ETag"]
    for method, path, body in (
        ("GET", f"/v1/cases/{case['id']}", None),
        ("PATCH", f"/v1/cases/{case['id']}", {"reason": "Hijack"}),
        ("POST", f"/v1/cases/{case['id']}/submit", {}),
    ):
        headers = {**world.headers("B", "referrer"), "If-Match": etag, "If-None-Match": etag}
        response = await world.request(method, path, headers, json=body)
        assert response.status_code == 404, (method, path, response.status_code)


async def test_an_idempotency_key_of_another_tenant_never_replays_its_answer(security_world):
    world = security_world
    key = f"shared-key-{uuid.uuid4()}"
    body = _patient_body(world, world.tenants["A"])
    savepoint = await world.connection.begin_nested()
    try:
        first = await world.client.post(
            "/v1/patients",
            json=body,
            headers={**world.headers("A", "referrer"), "Idempotency-Key": key},
        )
        assert first.status_code == 201, first.text
        again = await world.client.post(
            "/v1/patients",
            json=body,
            headers={**world.headers("A", "referrer"), "Idempotency-Key": key},
        )
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert again.json()["id"] == first.json()["id"]
        # Organisation B, same key, same path, same body: its own answer, never A's.
        other = await world.client.post(
            "/v1/patients",
            json=body,
            headers={**world.headers("B", "referrer"), "Idempotency-Key": key},
        )
        assert other.headers.get("Idempotent-Replayed") is None
        # B registers its own record (identifiers are unique per organisation).
        assert other.status_code == 201, other.text
        assert first.json()["id"] not in other.text
    finally:
        await savepoint.rollback()


# -- property-level rules -------------------------------------------------------------------


def test_every_request_body_refuses_unknown_fields(security_world):
    spec = security_world.app.openapi()
    schemas = spec["components"]["schemas"]

    def resolve(schema: dict) -> dict:
        while "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def closed(schema: dict, seen: set[str]) -> list[str]:
        open_ = []
        for option in schema.get("anyOf", []) + schema.get("allOf", []):
            open_ += closed(option, seen)
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name in seen:
                return open_
            seen.add(name)
            target = resolve(schema)
            if target.get("type") == "object" and target.get("additionalProperties") is not False:
                open_.append(name)
            for prop in target.get("properties", {}).values():
                open_ += closed(prop, seen)
        if schema.get("type") == "array":
            open_ += closed(schema.get("items", {}), seen)
        return open_

    unchecked = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is not None:
                unchecked += [f"{method.upper()} {path}: {name}" for name in closed(schema, set())]
    assert not unchecked, unchecked


async def test_an_unknown_field_is_refused_not_ignored(security_world):
    world = security_world
    case = world.tenants["A"].cases["draft"]
    response = await world.request(
        "PATCH",
        f"/v1/cases/{case['id']}",
        {**world.headers("A", "referrer"), "If-Match": "*"},
        json={"reason": "ok", "status": "closed", "referring_organization_id": str(uuid.uuid4())},
    )
    assert response.status_code == 422
    assert {error["pointer"] for error in response.json()["errors"]} >= {"/body/status"}


async def test_a_payer_reads_no_clinical_text_where_a_care_party_does(security_world):
    world = security_world
    tenant = world.tenants["A"]
    case = tenant.cases["discharged"]
    for role, sees in (("coordinator", True), ("payer", False)):
        body = (
            await world.request("GET", f"/v1/cases/{case['id']}", world.headers("A", role))
        ).json()
        assert bool(body.get("clinical_summary")) is sees
        assert ("discharge_summary" in (body["stay"] or {})) is sees
        assert all(("notes" in t) is sees for t in body["teleconsultations"])
        assert body["teleconsultations"], "the case had a teleconsultation"
