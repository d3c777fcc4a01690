"""Issue 26 figures for docs/scaling.md: requests/s of one `corridor serve` with the
application role direct and through PgBouncer (transaction mode), and a streaming
replica's replay lag. `python -m benchmarks.scale_out [--seconds 10]` (needs pgbouncer)."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.db.embedded import ensure_server
from app.db.row_security import APP_ROLE
from tests.integration.test_scale_out import Deployment
from tests.operations.conftest import request
from tests.operations.test_webhook_delivery import Demo, wait_ready
from tests.replica import start_standby, wait_replayed


def requests_per_second(demo: Demo, case_ids: list[str], seconds: float, threads: int) -> float:
    headers = demo.headers("okeu", "referrer")
    stop = time.monotonic() + seconds

    def hammer(index: int) -> int:
        done = 0
        while time.monotonic() < stop:
            case_id = case_ids[(index + done) % len(case_ids)]
            assert request(demo.port, "GET", f"/v1/cases/{case_id}", None, headers)[0] == 200
            done += 1
        return done

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        total = sum(pool.map(hammer, range(threads)))
    return total / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="scale-", dir=Path(".corridor").resolve()))
    deployment = Deployment(base)
    try:
        direct_url = ensure_server(deployment.home).url("corridor", user=APP_ROLE)
        for label, env in (
            (
                "direct",
                {**deployment.process_env(pooler="none"), "CORRIDOR_APP_DATABASE_URL": direct_url},
            ),
            ("pgbouncer", deployment.process_env()),
        ):
            serving = wait_ready(deployment.serve(env, "--no-worker"))
            demo = Demo(serving.port, deployment.organizations)
            case_ids = [demo.refer() for _ in range(20)]
            requests_per_second(demo, case_ids, 2, args.threads)  # warm-up
            rate = requests_per_second(demo, case_ids, args.seconds, args.threads)
            print(f"GET /v1/cases/{{id}}, {args.threads} clients, {label}: {rate:.0f} requests/s")
            serving.stop()
        standby = start_standby(ensure_server(deployment.home), base / "replica")
        try:
            print(f"replica replay lag after a commit: {asyncio.run(lag(deployment, standby))}")
        finally:
            standby.stop()
    finally:
        deployment.stop()


async def lag(deployment: Deployment, standby) -> str:
    primary = ensure_server(deployment.home)
    engine = create_async_engine(primary.url("corridor"), poolclass=NullPool)
    samples = []
    try:
        for _ in range(50):
            async with engine.begin() as connection:
                await connection.execute(text("SELECT set_config('corridor.system', 'on', true)"))
                await connection.execute(
                    text("UPDATE feed_clock SET offset_ = offset_ WHERE id = 1")
                )
            started = time.monotonic()
            await asyncio.to_thread(wait_replayed, primary, standby)
            samples.append((time.monotonic() - started) * 1000)
    finally:
        await engine.dispose()
    samples.sort()
    return f"median {statistics.median(samples):.1f} ms, max {samples[-1]:.1f} ms (50 commits)"


if __name__ == "__main__":
    main()
