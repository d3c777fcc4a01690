"""Where a served request's time goes, from py-spy's collapsed stacks (`--format raw`)
recorded during a `make bench` figure: the table that explains a gap in RESULTS.md.

Two views of the same samples:
- by stage of the request: each sample is charged to the innermost stage marker on its
  stack (a driver call made by the handler is the handler's; the same call made while
  opening the unit of work is the dependency's);
- by package: each sample is charged to the package of its innermost frame (its
  self time).

    python -m benchmarks.time_shares benchmarks/profiles/get-case.txt
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

# (stage, markers): a frame matches a marker when it contains it ("function (file").
# Innermost wins: the order here only names the stages for the table.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "the handler: use case, case store, presenter",
        ("run_endpoint_function (fastapi/", "(app/routers/", "(app/cases/", "(app/domain/"),
    ),
    (
        "unit of work opened (dependency: session, BEGIN and tenant context)",
        ("get_uow (app/http/", "get_read_uow (app/http/", "_answered (app/http/"),
    ),
    ("caller verified (token, revocation, rate limit)", ("BearerPrincipal.__call__ (app/",)),
    ("bad-input screen (query parameters, duplicate keys)", ("refuse_malformed_request (",)),
    ("FastAPI: dependency solving", ("solve_dependencies (fastapi/",)),
    (
        "FastAPI: response model validation and serialisation",
        ("serialize_response (fastapi/", "_prepare_response_content (fastapi/"),
    ),
    (
        "answer pipeline: idempotency, audit row, commit",
        ("Answering.finish (app/http/", "Answering.settle (app/http/"),
    ),
    (
        "routing (FastAPI, Starlette)",
        ("_match (fastapi/", "matches (fastapi/", "matches (starlette/"),
    ),
    (
        "the edge: request id, log line, headers",
        ("Edge.__call__ (app/edge.py", "log_request (app/"),
    ),
    ("audit sealer (background task)", ("run_sealer (app/access/", "seal_committed (app/")),
    ("webhook and other background tasks", ("app/integrations/worker", "deliver")),
    ("HTTP server: uvicorn, httptools", ("(uvicorn/", "(httptools/")),
)
# A stack py-spy sees from a greenlet or a resumed coroutine starts there, without its
# caller: SQLAlchemy's async session runs its work in a greenlet of its own, the driver's
# replies resume coroutines from the loop. Such a stack, with no stage above, is charged
# by where it starts (outermost first).
RESUMED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("SQLAlchemy: ORM flush (the case store's save), in its greenlet", ("Session.flush (",)),
    (
        "SQLAlchemy: session statements, BEGIN, COMMIT, in its greenlet",
        ("Session.execute (", "Session.commit (", "Session.begin (", "Session.connection ("),
    ),
    (
        "asyncpg: statements and replies, resumed from the loop",
        ("(asyncpg/", "TenantConnection", "driver_connection ("),
    ),
)
OTHER = "event loop, middleware frames and the rest"
# A thread other than the event loop's (the thread pool, mostly waiting): py-spy samples
# it unless it is idle in a way py-spy recognises.
OTHER_THREADS = "other threads (thread pool)"
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def read_stacks(path: Path) -> Counter[tuple[str, ...]]:
    """py-spy's raw format: `frame;frame;...;leaf count`, root first."""
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[tuple(stack.split(";"))] += int(count)
    return stacks


def stage_of(frames: tuple[str, ...]) -> str:
    if frames[0].startswith("_bootstrap (threading.py"):
        return OTHER_THREADS
    for frame in reversed(frames):
        for stage, markers in STAGES:
            if any(marker in frame for marker in markers):
                return stage
    for frame in frames:
        for stage, markers in RESUMED:
            if any(marker in frame for marker in markers):
                return stage
    return OTHER


def package_of(frame: str) -> str:
    """`app/db/case_store.py` -> `app/db`, `app/edge.py` -> itself;
    `sqlalchemy/orm/session.py` -> `sqlalchemy`; the standard library by module name."""
    match = _FRAME.match(frame)
    file = match.group("file") if match else frame
    parts = file.split("/")
    if parts[0] == "app":
        return "/".join(parts[:2])
    if len(parts) > 1:
        return parts[0]
    return file.removesuffix(".py") or "?"


def shares(stacks: Counter[tuple[str, ...]]) -> tuple[int, Counter[str], Counter[str]]:
    total = sum(stacks.values())
    by_stage: Counter[str] = Counter()
    by_package: Counter[str] = Counter()
    for frames, count in stacks.items():
        by_stage[stage_of(frames)] += count
        by_package[package_of(frames[-1])] += count
    return total, by_stage, by_package


def table(path: Path, *, packages: int = 10) -> list[str]:
    """Markdown lines: the stages, then the packages with the most self time."""
    total, by_stage, by_package = shares(read_stacks(path))
    if not total:
        return [f"(no samples in `{path.name}`)"]
    lines = [
        f"{total:,} samples of the API process (py-spy, 200 Hz, idle excluded).",
        "",
        "| stage of the request | share |",
        "| --- | --- |",
    ]
    lines += [f"| {stage} | {count / total:.0%} |" for stage, count in by_stage.most_common()]
    lines += ["", "| package (self time) | share |", "| --- | --- |"]
    lines += [
        f"| `{package}` | {count / total:.0%} |"
        for package, count in by_package.most_common(packages)
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stacks", type=Path, nargs="+")
    args = parser.parse_args()
    for path in args.stacks:
        print(f"### {path}\n")
        print("\n".join(table(path)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
