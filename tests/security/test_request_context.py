"""No endpoint can run without the caller's row-level security context.

`get_uow` depends on the principal itself (`PrincipalDep`), so the order in which an
endpoint declares its parameters cannot matter; work without a caller has to say so
with `UnitOfWork.system()`.
"""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import text

from app.db.row_security import configured_system_context_token
from app.db.unit_of_work import UnitOfWork
from app.http.answers import AnsweredRoute
from app.http.dependencies import PrincipalDep, UowDep, get_principal, get_uow
from app.main import create_app

CONTEXT = text(
    "SELECT current_setting('corridor.organization_id', true),"
    " current_setting('corridor.system', true)"
)


def calls(dependant: Dependant) -> list:
    found = []
    for sub in dependant.dependencies:
        found.append(sub.call)
        found.extend(calls(sub))
    return found


def uow_dependants(dependant: Dependant) -> list[Dependant]:
    found = []
    for sub in dependant.dependencies:
        if sub.call is get_uow:
            found.append(sub)
        found.extend(uow_dependants(sub))
    return found


def test_every_unit_of_work_of_every_endpoint_is_built_from_the_verified_principal(settings):
    contexts = iter_route_contexts(create_app(settings).routes)
    routes = [c.original_route for c in contexts if isinstance(c.original_route, APIRoute)]
    with_uow = [route for route in routes if uow_dependants(route.dependant)]
    assert len(with_uow) > 40  # the check looks at the real endpoints, not at nothing
    for route in with_uow:
        for dependant in uow_dependants(route.dependant):
            assert get_principal in calls(dependant), route.path


def test_a_unit_of_work_without_a_principal_is_refused(sessionmaker):
    with pytest.raises(TypeError, match="system"):
        UnitOfWork(sessionmaker, None)


async def test_the_system_context_is_only_set_when_asked_for(sessionmaker):
    async with UnitOfWork.system(sessionmaker) as uow:
        org, system = (await uow.session.execute(CONTEXT)).one()
    assert (org, system) == ("", configured_system_context_token())


@pytest.mark.parametrize("uow_first", [True, False], ids=["uow-declared-first", "principal-first"])
async def test_the_caller_context_holds_whatever_the_parameter_order(
    settings, sessionmaker, auth, uow_first
):
    import httpx

    app = create_app(settings, sessionmaker=sessionmaker)
    probe = APIRouter(route_class=AnsweredRoute)

    async def context(uow: UnitOfWork) -> dict:
        # The unit of work comes open: the pipeline closes it.
        org, system = (await uow.session.execute(CONTEXT)).one()
        return {"organization_id": org, "system": system, "principal": uow.principal.sub}

    if uow_first:

        @probe.get("/v1/probe")
        async def uow_then_principal(uow: UowDep, principal: PrincipalDep) -> dict:
            return await context(uow)
    else:

        @probe.get("/v1/probe")
        async def principal_then_uow(principal: PrincipalDep, uow: UowDep) -> dict:
            return await context(uow)

    app.include_router(probe)
    organization_id = "5f0c3c57-8d0e-4a47-9d2c-1b9a4f6f2a11"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        answer = await client.get("/v1/probe", headers=auth(organization_id, "coordinator"))
        anonymous = await client.get("/v1/probe")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "organization_id": organization_id,
        "system": "",
        "principal": "test-coordinator",
    }
    # Without a token the endpoint never opens a transaction at all.
    assert anonymous.status_code == 401


async def test_the_unit_of_work_hands_out_one_repository_per_kind_on_its_session(
    sessionmaker,
):
    from app.db.repositories.cases import CaseRepository
    from app.db.repositories.integrations import WebhookRepository

    async with UnitOfWork.system(sessionmaker) as uow:
        cases = uow.repository(CaseRepository)
        assert uow.repository(CaseRepository) is cases
        assert cases.session is uow.session
        assert uow.repository(WebhookRepository) is not cases
    with pytest.raises(RuntimeError, match="not open"):
        uow.repository(CaseRepository)
