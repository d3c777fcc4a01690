"""Row-level security: the application role owns nothing, cannot bypass RLS, and sees
nothing without the organisation context its unit of work sets per transaction."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.db.engine import create_sessionmaker
from app.db.row_security import APP_ROLE, configured_system_context_token, core_policies
from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import Role

# Tables without tenant data: every other table must have forced row-level security.
# feed_clock: one number, the offset of feed positions (migration 0004_feed_clock).
NON_TENANT_TABLES = {
    # The digests of the system context's tokens: no grant to the application role at all.
    "corridor_system_context_keys",
    "organizations",
    "agreements",
    "alembic_version",
    "audit_chain_head",
    "regime_country_lists",
    "feed_clock",
    # A corridor's suspensions (reason, when, by whom): about an agreement, no case in it.
    "agreement_suspensions",
}
# Migration 0003 (integrators) creates these; their policies are app.db.row_security.
# integrator_policies(), to be applied there. Remove a name once it has its policy.
POLICIES_PENDING = {"webhook_endpoints", "webhook_deliveries", "webhook_attempts"}

CONTEXT = (
    "SELECT set_config('corridor.organization_id', :org, true),"
    " set_config('corridor.is_admin', :admin, true),"
    " set_config('corridor.system', :system, true)"
)


async def _as(connection, org: str = "", admin: str = "off", system: str = "off") -> None:
    await connection.execute(text(CONTEXT), {"org": org, "admin": admin, "system": system})


async def _count(connection, table: str) -> int:
    return (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()


async def test_the_application_role_owns_nothing_and_cannot_bypass_rls(connection):
    who = (
        await connection.execute(
            text(
                "SELECT current_user, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb"
                " FROM pg_roles WHERE rolname = current_user"
            )
        )
    ).one()
    assert tuple(who) == (APP_ROLE, False, False, False, False)
    owned = (
        await connection.execute(
            text(
                "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles"
                " WHERE rolname = current_user)"
            )
        )
    ).scalar_one()
    assert owned == 0
    for statement in (
        "ALTER TABLE cases DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE cases NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY corridor_tenant ON cases",
        "TRUNCATE cases CASCADE",
        "SET row_security = off; SELECT count(*) FROM cases",
    ):
        savepoint = await connection.begin_nested()
        with pytest.raises(DBAPIError):
            await connection.execute(text(statement.split("; ")[0]))
            if "; " in statement:
                await connection.execute(text(statement.split("; ")[1]))
        await savepoint.rollback()


async def test_every_table_with_tenant_data_has_forced_row_level_security(connection):
    tables = {
        row.relname: (row.relrowsecurity, row.relforcerowsecurity)
        for row in await connection.execute(
            text(
                "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
                " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
            )
        )
    }
    assert set(core_policies()) <= set(tables)
    unprotected = sorted(
        name
        for name, flags in tables.items()
        if flags != (True, True) and name not in NON_TENANT_TABLES | POLICIES_PENDING
    )
    assert not unprotected, f"tables without forced row-level security: {unprotected}"


async def test_without_a_context_the_application_role_sees_zero_rows(security_world):
    connection = security_world.connection
    savepoint = await connection.begin_nested()
    try:
        await _as(connection, system=configured_system_context_token())
        seen = {table: await _count(connection, table) for table in core_policies()}
        for table in ("cases", "patients", "case_events", "claims", "teleconsultations"):
            assert seen[table] > 0, f"the world has rows in {table}"
        await _as(connection)
        for table in core_policies():
            assert await _count(connection, table) == 0, table
        # An admin administers organisations and clients, and reads no case or patient.
        await _as(connection, admin="on")
        for table in ("cases", "patients", "case_events", "claims", "stays", "payments"):
            assert await _count(connection, table) == 0, table
        assert await _count(connection, "api_clients") > 0
    finally:
        await savepoint.rollback()


async def test_an_organisation_sees_its_own_rows_even_without_a_where_clause(security_world):
    connection = security_world.connection
    a, b = security_world.tenants["A"], security_world.tenants["B"]
    savepoint = await connection.begin_nested()
    try:
        await _as(connection, org=a.orgs["recv"])
        cases = {str(row[0]) for row in await connection.execute(text("SELECT id FROM cases"))}
        assert cases == {case["id"] for case in a.cases.values()}
        event_cases = {
            str(row[0]) for row in await connection.execute(text("SELECT case_id FROM case_events"))
        }
        assert event_cases <= cases
        patients = {
            str(row[0]) for row in await connection.execute(text("SELECT id FROM patients"))
        }
        assert patients == {a.patient["id"]}
        claims = {str(row[0]) for row in await connection.execute(text("SELECT id FROM claims"))}
        assert claims == {a.claim["id"]}
        # Writing into the other tenant's case is refused by the policy's check.
        with pytest.raises(DBAPIError, match="row-level security"):
            await connection.execute(
                text(
                    "INSERT INTO logistics_tasks (case_id, kind, status)"
                    " VALUES (:case, 'visa', 'requested')"
                ),
                {"case": uuid.UUID(b.cases["funding_approved"]["id"])},
            )
    finally:
        await savepoint.rollback()
    savepoint = await connection.begin_nested()
    try:
        await _as(connection, org=a.orgs["recv"])
        changed = await connection.execute(
            text("UPDATE cases SET status = 'closed' WHERE id = :id"),
            {"id": uuid.UUID(b.cases["draft"]["id"])},
        )
        assert changed.rowcount == 0
    finally:
        await savepoint.rollback()


async def test_the_context_ends_with_the_transaction(engine):
    """What a pooled connection carries into its next transaction: nothing."""
    async with engine.connect() as connection:
        async with connection.begin():
            token = configured_system_context_token()
            await _as(connection, org=str(uuid.uuid4()), system=token)
            assert (
                await connection.execute(text("SELECT current_setting('corridor.system', true)"))
            ).scalar_one() == token
        async with connection.begin():
            values = (
                await connection.execute(
                    text(
                        "SELECT coalesce(current_setting('corridor.organization_id', true), ''),"
                        " coalesce(current_setting('corridor.system', true), '')"
                    )
                )
            ).one()
            assert tuple(values) == ("", "")
            assert await _count(connection, "cases") == 0


async def test_the_unit_of_work_sets_the_context_again_after_a_commit(engine):
    organization = uuid.uuid4()
    principal = Principal(sub="rls", organization_id=organization, roles=frozenset({Role.PAYER}))
    query = text(
        "SELECT current_setting('corridor.organization_id', true),"
        " current_setting('corridor.system', true)"
    )
    async with UnitOfWork(create_sessionmaker(engine), principal) as uow:
        assert tuple((await uow.session.execute(query)).one()) == (str(organization), "")
        await uow.commit()
        # The session begins a new transaction here: it must carry the same caller.
        assert tuple((await uow.session.execute(query)).one()) == (str(organization), "")


async def test_the_application_role_may_not_change_the_audit_trail(connection):
    for statement in (
        "UPDATE audit_events SET outcome = 'allowed'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "UPDATE audit_chain_head SET id = 2",
        "DELETE FROM audit_chain_head",
    ):
        savepoint = await connection.begin_nested()
        with pytest.raises(DBAPIError):
            await connection.execute(text(statement))
        await savepoint.rollback()
