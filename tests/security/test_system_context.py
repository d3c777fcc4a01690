"""The application's database role cannot switch itself into row-level security's system
context (issue 23, item 10a): `corridor.system = 'on'` opens nothing; only the token
derived from CORRIDOR_SECRET_KEY does, checked against digests the role cannot read or
write. The system work (worker, sealer, anonymous audit rows, suspensions, statistics)
still gets every row through the unit of work."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db.row_security import (
    SYSTEM_KEYS_TABLE,
    configured_system_context_token,
    system_context_token,
)
from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import Role

CONTEXT = text(
    "SELECT set_config('corridor.organization_id', :org, true),"
    " set_config('corridor.is_admin', 'off', true),"
    " set_config('corridor.system', :system, true)"
)


async def _case_ids(connection) -> set[str]:
    return {str(row[0]) for row in await connection.execute(text("SELECT id FROM cases"))}


async def test_the_application_role_cannot_set_itself_the_system_context(security_world):
    world = security_world
    connection = world.connection
    a, b = world.tenants["A"], world.tenants["B"]
    b_cases = {case["id"] for case in b.cases.values()}
    who = (await connection.execute(text("SELECT current_user"))).scalar_one()
    assert who == "corridor_app"
    savepoint = await connection.begin_nested()
    try:
        # As tenant A's referrer organisation, with the old switch: B's cases stay hidden.
        await connection.execute(CONTEXT, {"org": a.orgs["ref"], "system": "on"})
        assert (
            await connection.execute(text("SELECT set_config('corridor.system', 'on', true)"))
        ).scalar_one() == "on"
        seen = await _case_ids(connection)
        assert seen and not seen & b_cases
        by_id = await connection.execute(
            text("SELECT count(*) FROM cases WHERE id = ANY(CAST(:ids AS uuid[]))"),
            {"ids": sorted(b_cases)},
        )
        assert by_id.scalar_one() == 0
        # Without an organisation: 'on', a guess, another secret's token: nothing at all.
        for value in ("on", "true", "1", system_context_token("another secret"), ""):
            await connection.execute(CONTEXT, {"org": "", "system": value})
            assert await _case_ids(connection) == set(), value
            count = await connection.execute(text("SELECT count(*) FROM patients"))
            assert count.scalar_one() == 0, value
        # The real token does open everything: the check is the token, nothing else.
        await connection.execute(CONTEXT, {"org": "", "system": configured_system_context_token()})
        assert b_cases <= await _case_ids(connection)
    finally:
        await savepoint.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        f"SELECT digest FROM {SYSTEM_KEYS_TABLE}",
        f"INSERT INTO {SYSTEM_KEYS_TABLE} (digest) VALUES (encode(sha256('x'), 'hex'))",
        f"DELETE FROM {SYSTEM_KEYS_TABLE}",
        "CREATE OR REPLACE FUNCTION corridor_is_system() RETURNS boolean"
        " LANGUAGE sql AS $$ SELECT true $$",
        "ALTER POLICY corridor_tenant ON cases USING (true)",
    ],
    ids=["read-digests", "add-a-digest", "remove-digests", "redefine-the-check", "alter-policy"],
)
async def test_the_application_role_cannot_read_or_change_what_the_check_trusts(
    connection, statement
):
    savepoint = await connection.begin_nested()
    try:
        with pytest.raises(DBAPIError, match=r"permission denied|must be owner"):
            await connection.execute(text(statement))
    finally:
        await savepoint.rollback()


async def test_no_policy_reads_the_system_setting_directly(connection):
    """Every policy's system clause is `corridor_is_system()` (migration 0012 rewrote the
    older ones): none compares `corridor.system` itself to a value."""
    direct = await connection.execute(
        text(
            "SELECT tablename FROM pg_policies WHERE qual LIKE '%corridor.system%'"
            " OR with_check LIKE '%corridor.system%'"
        )
    )
    assert direct.scalars().all() == []
    using = await connection.execute(
        text("SELECT count(*) FROM pg_policies WHERE qual LIKE '%corridor_is_system()%'")
    )
    assert using.scalar_one() >= 20


async def test_system_work_still_sees_every_organisations_rows(security_world):
    """The unit of work's system context (worker, sealer, anonymous audit rows) and a
    caller's widening (suspensions, statistics) still open every row."""
    world = security_world
    every = {case["id"] for tenant in world.tenants.values() for case in tenant.cases.values()}
    sessionmaker = async_sessionmaker(
        bind=world.connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    async with UnitOfWork.system(sessionmaker) as uow:
        assert every <= {
            str(row[0]) for row in await uow.session.execute(text("SELECT id FROM cases"))
        }
    a = world.tenants["A"]
    principal = Principal(
        sub="stats", organization_id=a.orgs["ref"], roles=frozenset({Role.COORDINATOR})
    )
    async with UnitOfWork(sessionmaker, principal) as uow:
        mine = {str(row[0]) for row in await uow.session.execute(text("SELECT id FROM cases"))}
        assert mine and not mine >= every
        await uow.widen_to_system()
        widened = {str(row[0]) for row in await uow.session.execute(text("SELECT id FROM cases"))}
        assert every <= widened
