"""`make bench-data`: a benchmark database of N cases, loaded through COPY.

The demo data set (`corridor demo`: one case in every status, built through the API so
every rule applied) is the template; each template case is then cloned with its stay,
transfer, teleconsultation, unit movements, logistics tasks, estimates, payments,
claims and events, new ids and references, by `COPY` (asyncpg's binary copy).

    python -m benchmarks.data --database corridor_bench_large --cases 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import asyncpg

from app.db.embedded import ensure_server

ROOT = Path(__file__).resolve().parent.parent
# Child tables cloned with each case; `id` columns get new ids, `seq` and
# `transaction_id` come from their defaults.
CHILDREN = [
    "transfers",
    "stays",
    "teleconsultations",
    "unit_movements",
    "logistics_tasks",
    "estimates",
    "payments",
    "claims",
    "case_events",
]
FROM_DEFAULTS = {"seq", "transaction_id"}
CHUNK = 20_000


def bench_home() -> Path:
    return Path(os.environ.get("CORRIDOR_HOME", ROOT / ".corridor")) / "bench-pg"


def prepare_database(name: str, *, fresh: bool) -> str:
    """The owner's URL of database `name` on the benchmark server, migrated."""
    from tests.conftest import alembic, recreate_database

    server = ensure_server(bench_home(), durable=False)
    if fresh:
        url = recreate_database(server.url("postgres"), name)
        alembic(url, "upgrade", "heads")
        return url
    url = server.url(name)
    alembic(url, "upgrade", "heads")
    return url


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def load_templates(url: str) -> None:
    from app.demo import load_demo
    from app.platform.settings import Settings

    home = Path(tempfile.mkdtemp(prefix="corridor-bench-demo-"))
    settings = Settings(environment="test", home=home, database_url=url, rate_limit_per_minute=0)
    await load_demo(url, settings)


async def clone_cases(url: str, cases: int) -> dict[str, float]:
    """Clone the demo's cases until the database holds about `cases` cases."""
    connection = await asyncpg.connect(_plain(url))
    timings: dict[str, float] = {}
    try:
        await connection.execute("SELECT set_config('corridor.system', 'on', false)")
        templates = await connection.fetch("SELECT * FROM cases ORDER BY created_at")
        children = {table: await connection.fetch(f"SELECT * FROM {table}") for table in CHILDREN}
        by_case = {
            table: {
                template["id"]: [r for r in rows if r["case_id"] == template["id"]]
                for template in templates
            }
            for table, rows in children.items()
        }
        copies = max(0, (cases - len(templates)) // len(templates))
        started = time.perf_counter()
        # Generated columns (e.g. cases.priority_rank) are computed, never copied in.
        generated = {
            (row["table_name"], row["column_name"])
            for row in await connection.fetch(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND is_generated = 'ALWAYS'"
            )
        }
        case_columns = [c for c in templates[0].keys() if ("cases", c) not in generated]  # noqa: SIM118
        batch: list[tuple] = []
        child_batches: dict[str, list[tuple]] = {table: [] for table in CHILDREN}
        child_columns = {
            table: [
                c
                for c in rows[0].keys()  # noqa: SIM118 (a Record)
                if c not in FROM_DEFAULTS and (table, c) not in generated
            ]
            for table, rows in children.items()
            if rows
        }

        async def flush(final: bool = False) -> None:
            if batch and (final or len(batch) >= CHUNK):
                await connection.copy_records_to_table("cases", records=batch, columns=case_columns)
                batch.clear()
                for table, rows in child_batches.items():
                    if rows:
                        await connection.copy_records_to_table(
                            table, records=rows, columns=child_columns[table]
                        )
                        rows.clear()

        for copy in range(copies):
            for index, template in enumerate(templates):
                case_id = uuid.uuid4()
                values = dict(template)
                values["id"] = case_id
                values["reference"] = f"B{copy:07d}-{index:02d}"
                # Spread the copies over time, so statuses interleave in (created_at, id).
                shift = timedelta(minutes=copy + 1)
                values["created_at"] = template["created_at"] - shift
                values["updated_at"] = template["updated_at"] - shift
                batch.append(tuple(values[c] for c in case_columns))
                for table, columns in child_columns.items():
                    for row in by_case[table][template["id"]]:
                        child = dict(row)
                        child["case_id"] = case_id
                        if "id" in child:
                            child["id"] = uuid.uuid4()
                        if table == "claims":
                            child["number"] = f"{row['number']}-{copy}"
                            child["replaces_claim_id"] = None
                        child_batches[table].append(tuple(child[c] for c in columns))
            await flush()
        await flush(final=True)
        timings["copy_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        await connection.execute("ANALYZE")
        timings["analyze_seconds"] = time.perf_counter() - started
        timings["cases"] = await connection.fetchval("SELECT count(*) FROM cases")
        timings["events"] = await connection.fetchval("SELECT count(*) FROM case_events")
        timings["claims"] = await connection.fetchval("SELECT count(*) FROM claims")
    finally:
        await connection.close()
    return timings


# The demo, loaded once per process into this database and copied from there (CREATE
# DATABASE ... TEMPLATE): loading it through the API is most of a small data set's time,
# and a run that builds two data sets would load it twice.
DEMO_TEMPLATE = "corridor_bench_demo"


@functools.cache
def _demo_template() -> str:
    """The demo's database, loaded once per process."""
    asyncio.run(load_templates(prepare_database(DEMO_TEMPLATE, fresh=True)))
    return DEMO_TEMPLATE


def _from_demo_template(name: str) -> str:
    """Database `name`, afresh: a copy of this process's demo template."""
    from tests.conftest import recreate_database

    server = ensure_server(bench_home(), durable=False)
    return recreate_database(server.url("postgres"), name, template=_demo_template())


def build(name: str, cases: int) -> tuple[str, dict[str, float]]:
    started = time.perf_counter()
    url = _from_demo_template(name)
    timings = asyncio.run(clone_cases(url, cases))
    timings["total_seconds"] = time.perf_counter() - started
    return url, timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", default="corridor_bench_large")
    parser.add_argument("--cases", type=int, default=1_000_000)
    args = parser.parse_args()
    url, timings = build(args.database, args.cases)
    print(f"{args.database}: " + ", ".join(f"{k} {v:,.1f}" for k, v in timings.items()))
    print(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
