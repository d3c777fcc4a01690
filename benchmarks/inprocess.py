"""The fixed cost per request without a load generator: the application called in
process (raw ASGI, one request after another), so a shared, loaded machine moves the
figures less than it moves wrk's (issue 26). Per request: the API's CPU time
(`time.process_time`), PostgreSQL's (psutil on the benchmark server's processes), and
the Python function calls made (cProfile: exact, whatever the load).

Several builds of the application can be compared on the same data set, round after
round (a build is a checkout of the repository: `git worktree add` or `git archive`):

    python -m benchmarks.inprocess --build before=/tmp/corridor-before --build after=.

Needs the data set of `python -m benchmarks.run --quick` (built on first use).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _postgres_cpu(pid_file: str) -> float:
    import psutil

    postmaster = psutil.Process(int(Path(pid_file).read_text().split()[0]))
    total = 0.0
    for process in [postmaster, *postmaster.children()]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


async def _child(config: dict) -> dict:
    """In the build's own directory: its `app` package, the data set's database."""
    from app.access.keys import KeyRing
    from app.access.tokens import TokenService
    from app.main import create_app
    from app.platform.settings import get_settings

    settings = get_settings()
    app = create_app(settings)
    tokens = TokenService(settings, KeyRing.from_settings(settings))
    token = tokens.issue(
        sub="bench-coordinator",
        roles=["coordinator"],
        organization_id=uuid.UUID(config["organization"]),
    )
    auth = [(b"authorization", f"Bearer {token}".encode())]

    async def call(path: str, query: bytes = b"", headers=()) -> None:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query,
            "root_path": "",
            "headers": [(b"host", b"bench"), *headers],
            "client": ("127.0.0.1", 5000),
            "server": ("127.0.0.1", 8000),
        }
        status = {}

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]

        await app(scope, receive, send)
        if status.get("code") != 200:
            raise RuntimeError(f"{path}: {status}")

    cases = config["cases"]
    requests = config["requests"]
    scenarios = {
        "GET /healthz": (requests, lambda i: call("/healthz")),
        "GET /v1/cases/{id}": (
            requests,
            lambda i: call(f"/v1/cases/{cases[i % len(cases)]}", headers=auth),
        ),
        "GET /v1/events?limit=1000": (
            max(5, requests // 50),
            lambda i: call("/v1/events", b"limit=1000", headers=auth),
        ),
    }
    figures = {}
    async with app.router.lifespan_context(app):
        for name, (count, request) in scenarios.items():
            for i in range(min(50, count)):
                await request(i)  # warm-up: prepared statements, caches
            await asyncio.sleep(0.6)  # the warm-up's audit rows sealed
            postgres, api = _postgres_cpu(config["pid_file"]), time.process_time()
            for i in range(count):
                await request(i)
            api = (time.process_time() - api) / count * 1000
            postgres = (_postgres_cpu(config["pid_file"]) - postgres) / count * 1000
            profiled = max(5, count // 10)
            profile = cProfile.Profile()
            profile.enable()
            for i in range(profiled):
                await request(i)
            profile.disable()
            if config.get("dump"):
                # For reading where the time goes: `python -m pstats <file>`.
                slug = "".join(c if c.isalnum() else "-" for c in name).strip("-")
                profile.dump_stats(Path(config["dump"]) / f"{slug}.pstats")
            figures[name] = {
                "api_cpu_ms": round(api, 3),
                "postgres_cpu_ms": round(postgres, 3),
                "python_calls": round(pstats.Stats(profile).total_calls / profiled),
            }
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="append", default=[], help="NAME=PATH (repeatable)")
    parser.add_argument("--requests", type=int, default=400, help="per scenario and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--dump", help="a directory: each scenario's profile written there")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.getcwd())
        print(json.dumps(asyncio.run(_child(json.loads(args.child)))))
        return 0

    from benchmarks import data
    from benchmarks import run as harness

    builds = [entry.split("=", 1) for entry in args.build] or [["this", str(ROOT)]]
    if args.dump:
        Path(args.dump).mkdir(parents=True, exist_ok=True)
    ds = harness.dataset("corridor_bench_quick", 10_000, reuse=True)
    home = Path(tempfile.mkdtemp(prefix="corridor-inprocess-"))
    env = {**os.environ, **harness._environment(home, ds), "CORRIDOR_LOG_LEVEL": "WARNING"}
    config = {
        "requests": args.requests,
        "organization": str(ds.receiver),
        "cases": [str(case) for case in ds.admitted],
        "pid_file": str(data.bench_home() / "pgdata" / "postmaster.pid"),
        "dump": str(Path(args.dump).resolve()) if args.dump else None,
    }
    for round_ in range(args.rounds):
        for name, path in builds:
            asyncio.run(harness.trim_stays(ds))
            asyncio.run(harness.seal_backlog(ds))
            child = subprocess.run(
                [sys.executable, "-m", "benchmarks.inprocess", "--child", json.dumps(config)],
                cwd=Path(path).resolve(),
                env={**env, "PYTHONPATH": str(Path(path).resolve())},
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                print(child.stderr[-3000:], file=sys.stderr)
                return 1
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            print(json.dumps({"round": round_, "build": name, **figures}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
