"""benchmarks/time_shares.py charges each py-spy sample to the innermost stage on its
stack and to its leaf frame's package: the table RESULTS.md explains gaps with."""

from __future__ import annotations

from benchmarks import time_shares

ROOT = "_run_once (asyncio/base_events.py:1845);Edge.__call__ (app/edge.py:138)"
HANDLER = (
    ROOT + ";run_endpoint_function (fastapi/routing.py:381);get_case (app/routers/cases.py:205)"
)
UOW = (
    ROOT
    + ";solve_dependencies (fastapi/dependencies/utils.py:700)"
    + ";get_uow (app/http/dependencies.py:130)"
)


def test_each_sample_goes_to_its_innermost_stage_and_its_leaf_package(tmp_path):
    stacks = tmp_path / "get-case.txt"
    stacks.write_text(
        "\n".join(
            [
                # The driver, reached from the handler: the handler's time, asyncpg's self time.
                HANDLER
                + ";CaseStore.read (app/db/case_store.py:91)"
                + ";fetchrow (asyncpg/connection.py:700) 6",
                # The same driver, reached while the unit of work opens: the dependency's.
                UOW + ";fetchrow (asyncpg/connection.py:700) 3",
                # FastAPI's own frames under the dependency solver.
                ROOT + ";solve_dependencies (fastapi/dependencies/utils.py:671) 1",
                # The edge's own frames; a line that is not a sample is ignored.
                ROOT + " 2",
                # A flush seen from SQLAlchemy's greenlet, without its caller.
                "Session.flush (sqlalchemy/orm/session.py:4300)"
                + ";_flush (sqlalchemy/orm/session.py:4400)"
                + ";execute (asyncpg/connection.py:1) 5",
                # A thread of the pool, whatever it runs.
                "_bootstrap (threading.py:995);run_endpoint_function (fastapi/routing.py:1) 4",
                "garbage line without a count",
            ]
        )
        + "\n"
    )
    total, by_stage, by_package = time_shares.shares(time_shares.read_stacks(stacks))
    assert total == 21
    assert by_stage["the handler: use case, case store, presenter"] == 6
    assert by_stage["unit of work opened (dependency: session, BEGIN and tenant context)"] == 3
    assert by_stage["FastAPI: dependency solving"] == 1
    assert by_stage["the edge: request id, log line, headers"] == 2
    assert by_stage["other threads (thread pool)"] == 4
    assert by_stage["SQLAlchemy: ORM flush (the case store's save), in its greenlet"] == 5
    assert by_package == {"asyncpg": 14, "fastapi": 5, "app/edge.py": 2}
    lines = time_shares.table(stacks)
    assert "| the handler: use case, case store, presenter | 29% |" in lines
    assert "| `asyncpg` | 67% |" in lines
