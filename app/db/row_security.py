"""Row-level security: the database's own tenancy check, behind the services' queries.

The unit of work sets three transaction-local settings at the start of every
transaction (app.db.unit_of_work): `corridor.organization_id` ('' when none),
`corridor.is_admin` ('on' / 'off') and `corridor.system` (the system context's token,
or ''; 'on' opens nothing since issue 23). The policies below read them. Without
a context (a new connection, a new transaction, a pooled connection after commit)
every setting is empty, so every policy is false and the application role sees no
row at all.

Migrations call `enable_rls(table, using_sql)` / `disable_rls(table)`; a table
that holds case or patient data gets a policy in the migration that creates it.
The expressions are plain SQL built here; the one function they call,
`corridor_is_system()`, is installed by `enable_rls` itself (idempotently), so a
migration on another branch can use them whichever order Alembic applies them in.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Callable

from app.domain.parties import CaseParties

# The login role the application connects as: owns nothing, cannot bypass RLS.
APP_ROLE = "corridor_app"

CURRENT_ORG = "NULLIF(current_setting('corridor.organization_id', true), '')::uuid"

# -- the system context ------------------------------------------------------------------
# `corridor.system` opens every row: the worker, the audit sealer, an anonymous request's
# audit row, a corridor's suspension, a coordination body's statistics need it. Any role
# may set any `corridor.*` setting, so 'on' would let the application role (an SQL
# injection, a stolen connection) open every organisation's rows with one set_config.
# The setting must instead carry a token: HMAC(CORRIDOR_SECRET_KEY), which the process
# knows and the database role does not. The database keeps only its SHA-256, in a table
# the application role may not read, and checks it in `corridor_is_system()`, a
# SECURITY DEFINER function; policies call it once per statement (an InitPlan).
SYSTEM_KEYS_TABLE = "corridor_system_context_keys"
IS_SYSTEM = "(SELECT corridor_is_system())"
# What migrations before 0012 wrote into their policies, replaced by IS_SYSTEM there.
LEGACY_IS_SYSTEM = "coalesce(current_setting('corridor.system', true), '') = 'on'"


def system_context_token(secret_key: str) -> str:
    """The value of `corridor.system` that opens the system context, from the secret key."""
    return hmac.new(secret_key.encode(), b"corridor.system-context", hashlib.sha256).hexdigest()


@functools.cache
def configured_system_context_token() -> str:
    """The token for this process's CORRIDOR_SECRET_KEY (what migrations register too)."""
    from app.platform.settings import get_settings

    return system_context_token(get_settings().secret_key.get_secret_value())


def system_context_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def install_system_context_check(execute: Callable[[str], None], digest: str | None = None) -> None:
    """The table of accepted token digests and `corridor_is_system()`; idempotent (every
    `enable_rls` runs it, so any migration order finds the function its policy names).
    `digest` (default: the configured token's) is registered as accepted."""
    digest = digest or system_context_digest(configured_system_context_token())
    role, _ = app_role_credentials()
    execute(f"CREATE TABLE IF NOT EXISTS {SYSTEM_KEYS_TABLE} (digest text PRIMARY KEY)")
    execute(f"REVOKE ALL ON {SYSTEM_KEYS_TABLE} FROM PUBLIC")
    execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}')
               AND (SELECT current_user) <> '{role}' THEN
                REVOKE ALL ON {SYSTEM_KEYS_TABLE} FROM "{role}";
            END IF;
        END
        $$
        """  # noqa: S608 - our table and role names
    )
    execute(
        f"""
        CREATE OR REPLACE FUNCTION corridor_is_system() RETURNS boolean
        LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, public
        AS $$
        BEGIN
            RETURN EXISTS (
                SELECT 1 FROM {SYSTEM_KEYS_TABLE}
                WHERE digest = encode(sha256(convert_to(
                    coalesce(current_setting('corridor.system', true), ''), 'UTF8')), 'hex')
            );
        END
        $$
        """  # noqa: S608 - our table name
    )
    if len(digest) != 64 or any(char not in "0123456789abcdef" for char in digest):
        raise ValueError("a system context digest is 64 hexadecimal digits")
    register = f"INSERT INTO {SYSTEM_KEYS_TABLE} (digest) VALUES ('{digest}')"  # noqa: S608 - hex
    execute(f"{register} ON CONFLICT DO NOTHING")


IS_ADMIN = "coalesce(current_setting('corridor.is_admin', true), '') = 'on'"

POLICY_NAME = "corridor_tenant"
PATIENT_IN_VISIBLE_CASE = "EXISTS (SELECT 1 FROM cases AS c WHERE c.patient_id = patients.id)"


def app_role_credentials() -> tuple[str, str | None]:
    """The application role's name (and password, to set) from CORRIDOR_APP_DATABASE_URL.

    Unset: `corridor_app` with no password, which the embedded server's trust
    authentication accepts on loopback.
    """
    from sqlalchemy.engine import make_url

    from app.platform.settings import get_settings

    url = get_settings().app_database_url
    if not url:
        return APP_ROLE, None
    parsed = make_url(url)
    return parsed.username or APP_ROLE, parsed.password


def case_party(alias: str = "") -> str:
    """The caller's organisation refers, receives or pays for the case row."""
    prefix = f"{alias}." if alias else ""
    parties = ", ".join(f"{prefix}{party}" for party in CaseParties.ATTRIBUTES)
    return f"{CURRENT_ORG} IN ({parties})"


def visible_case(table: str, column: str = "case_id") -> str:
    """A child row is visible when its case is: the subquery runs under the cases policy."""
    return f"EXISTS (SELECT 1 FROM cases AS c WHERE c.id = {table}.{column})"  # noqa: S608 - our names


def visible_patient(table: str, column: str = "patient_id") -> str:
    return f"EXISTS (SELECT 1 FROM patients AS p WHERE p.id = {table}.{column})"  # noqa: S608


def enable_rls(
    table: str, using_sql: str, check_sql: str | None = None, *, execute: Callable[[str], None]
) -> None:
    """Forced RLS on `table`: rows pass when the context is the system, or `using_sql` holds.

    `check_sql` (default: `using_sql`) is what a written row must satisfy. FORCE makes
    the policy apply to the table's owner too; only superusers and BYPASSRLS roles
    escape it, and the application role is neither.
    """
    check = check_sql or using_sql
    install_system_context_check(execute)
    execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    execute(
        f"CREATE POLICY {POLICY_NAME} ON {table}"
        f" USING (({IS_SYSTEM}) OR ({using_sql}))"
        f" WITH CHECK (({IS_SYSTEM}) OR ({check}))"
    )


def disable_rls(table: str, *, execute: Callable[[str], None]) -> None:
    execute(f"DROP POLICY IF EXISTS {POLICY_NAME} ON {table}")
    execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


# Table -> policy of every table 0002 protects. A later migration adds its own tables
# with enable_rls(...); tests/security/test_row_security.py lists the tables that may
# go without (reference data, the audit chain head).
def core_policies() -> dict[str, tuple[str, str | None]]:
    return {
        "cases": (case_party(), None),
        # Registered by the caller's organisation, or the subject of a case it can see.
        "patients": (f"organization_id = {CURRENT_ORG} OR {PATIENT_IN_VISIBLE_CASE}", None),
        "patient_identifiers": (visible_patient("patient_identifiers"), None),
        "teleconsultations": (visible_case("teleconsultations"), None),
        "transfers": (visible_case("transfers"), None),
        "stays": (visible_case("stays"), None),
        "unit_movements": (visible_case("unit_movements"), None),
        "logistics_tasks": (visible_case("logistics_tasks"), None),
        "estimates": (visible_case("estimates"), None),
        "payments": (visible_case("payments"), None),
        "claims": (f"{CURRENT_ORG} IN (creditor_organization_id, debtor_organization_id)", None),
        "case_events": (f"{CURRENT_ORG} = ANY (visible_to)", None),
        # Stored answers hold case and patient bodies: an organisation's keys are its own.
        "idempotency_records": (
            f"scope = 'org:' || {CURRENT_ORG}::text OR (({IS_ADMIN}) AND scope LIKE 'sub:%')",
            None,
        ),
        # Integrators' credentials: the platform admin manages them; the token
        # endpoint reads them in the system context.
        "api_clients": (IS_ADMIN, None),
        # An organisation reads its own audit rows; every context appends.
        "audit_events": (
            f"({IS_ADMIN}) OR organization_id = {CURRENT_ORG}",
            f"({IS_ADMIN}) OR organization_id IS NULL OR organization_id = {CURRENT_ORG}",
        ),
    }


def claim_debtor_policies() -> dict[str, tuple[str, str | None]]:
    """Migration 0012's cases policy (issue 24): the debtor of a claim on a case may read
    the case row at the database level, so that the institution of the place of stay (a
    `liaison_body`, no party to the case) can answer the claims addressed to it (their
    events carry the case's version and status) and export them with the stay's dates.
    The services still show it no case (app/db/case_tenancy.py): no clinical data. Only
    the case's parties write it."""
    debtor = f"EXISTS (SELECT 1 FROM claims AS cl WHERE cl.case_id = cases.id AND cl.debtor_organization_id = {CURRENT_ORG})"  # noqa: E501, S608 - our names
    return {"cases": (f"{case_party()} OR {debtor}", case_party())}


def integrator_policies() -> dict[str, tuple[str, str | None]]:
    """Policies for the webhook tables of migration 0003, for it (or a later migration) to
    apply with `enable_rls(table, using, check, execute=op.execute)`: an endpoint is its
    organisation's; deliveries and attempts follow their endpoint."""
    return {
        "webhook_endpoints": (f"organization_id = {CURRENT_ORG}", None),
        "webhook_deliveries": (
            "EXISTS (SELECT 1 FROM webhook_endpoints AS e"
            " WHERE e.id = webhook_deliveries.endpoint_id)",
            None,
        ),
        "webhook_attempts": (
            "EXISTS (SELECT 1 FROM webhook_deliveries AS d"
            " WHERE d.id = webhook_attempts.delivery_id)",
            None,
        ),
    }


def access_policies() -> dict[str, tuple[str, str | None]]:
    """Policies migration 0006 puts in place of 0002's for these tables (issue 11):
    - idempotency keys belong to a caller within its organisation (`org:<id>/<caller>`;
      the bare `org:<id>` of earlier records stays readable until they expire);
    - an organisation's `org_admin` manages its own API clients (the service checks the
      role; the database keeps organisations apart)."""
    org_scope = f"'org:' || {CURRENT_ORG}::text"
    return {
        "idempotency_records": (
            f"scope = {org_scope} OR starts_with(scope, {org_scope} || '/')"
            f" OR (({IS_ADMIN}) AND scope LIKE 'sub:%')",
            None,
        ),
        "api_clients": (f"({IS_ADMIN}) OR organization_id = {CURRENT_ORG}", None),
    }
