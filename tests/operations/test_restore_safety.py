"""`corridor restore` as an operator meets it: a bad file changes nothing, a running
server is not restored under, and a feed cursor across a restore is never silently
empty (issue 22, items 4 and 5)."""

from __future__ import annotations

import asyncio
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlencode

from app.access.keys import KeyRing
from app.access.tokens import TokenService
from app.db.embedded import ensure_server, stop_server, tool
from app.platform.settings import Settings
from tests.operations.conftest import corridor, corridor_env, request, serve
from tests.operations.test_backup_restore import _counts, _fetch, _write_event

EXIT_IN_USE = 75


def _headers(home: Path, organization_id: str, role: str = "coordinator") -> dict[str, str]:
    settings = Settings(home=home, environment="test")
    token = TokenService(settings, KeyRing.from_settings(settings)).issue(
        sub="ops-reader", roles=[role], organization_id=uuid.UUID(organization_id)
    )
    return {"Authorization": f"Bearer {token}"}


def _busiest_organization(url: str) -> str:
    return asyncio.run(
        _fetch(
            url,
            "SELECT org::text FROM case_events, unnest(visible_to) AS org"
            " WHERE occurred_at > now() - interval '300 days'"
            " GROUP BY org ORDER BY count(*) DESC LIMIT 1",
        )
    )[0]["org"]


def _databases(url: str) -> set[str]:
    rows = asyncio.run(_fetch(url, "SELECT datname FROM pg_database"))
    return {row["datname"] for row in rows}


def _security(url: str) -> tuple:
    """The application role's grants and the row-level security, as a restore must keep."""
    grants = asyncio.run(
        _fetch(
            url,
            "SELECT table_name, privilege_type FROM information_schema.role_table_grants"
            " WHERE grantee = 'corridor_app' ORDER BY 1, 2",
        )
    )
    forced = asyncio.run(
        _fetch(
            url,
            "SELECT relname FROM pg_class WHERE relforcerowsecurity AND relrowsecurity ORDER BY 1",
        )
    )
    policies = asyncio.run(
        _fetch(url, "SELECT tablename, policyname FROM pg_policies ORDER BY 1, 2")
    )
    return (
        [tuple(row) for row in grants],
        [row["relname"] for row in forced],
        [tuple(row) for row in policies],
    )


def test_a_failed_restore_changes_nothing_a_good_one_works_and_a_served_one_is_refused(
    server_home,
):
    home = server_home / "home"
    env = corridor_env(home)
    backup = server_home / "good.backup"
    try:
        loaded = corridor(env, "demo", "--cases", "4")
        assert loaded.returncode == 0, loaded.stderr
        assert corridor(env, "backup", str(backup)).returncode == 0
        server = ensure_server(home)
        url, maintenance = server.url("corridor"), server.url("postgres")
        before = asyncio.run(_counts(url))
        security = _security(url)
        assert before["cases"] > 0 and before["case_events"] > 0 and security[0] and security[2]
        organization_id = _busiest_organization(url)

        garbage = server_home / "garbage.backup"
        garbage.write_bytes(b"PGDMP" + bytes(range(256)) * 200)
        whole = backup.read_bytes()
        half = server_home / "half.backup"
        half.write_bytes(whole[: len(whole) // 2])
        # Cut inside the last table's data: its table of contents still reads, so this one
        # fails in pg_restore itself, half-way through the restore.
        cut = server_home / "cut.backup"
        cut.write_bytes(whole[: len(whole) - 2048])
        listed = subprocess.run(
            [str(tool("pg_restore")), "--list", str(cut)], capture_output=True, check=False
        )
        assert listed.returncode == 0, "the cut backup should still list"

        for bad in (garbage, half, cut):
            failed = corridor(env, "restore", str(bad), "--replace")
            assert failed.returncode == 1, (bad.name, failed.stderr)
            message = failed.stderr.strip()
            assert len(message.splitlines()) == 1, message
            assert "nothing was changed" in message, message
            assert asyncio.run(_counts(url)) == before, bad.name  # every row still there
            assert _databases(maintenance) == {"postgres", "template0", "template1", "corridor"}

        # A good restore replaces what changed since the backup, and keeps the grants and
        # the row-level security.
        asyncio.run(_write_event(url, organization_id))
        assert asyncio.run(_counts(url))["case_events"] == before["case_events"] + 1
        restored = corridor(env, "restore", str(backup), "--replace")
        assert restored.returncode == 0, restored.stderr
        assert asyncio.run(_counts(url)) == before
        assert _security(url) == security
        assert _databases(maintenance) == {"postgres", "template0", "template1", "corridor"}

        # With `corridor serve` connected, a restore is refused, and changes nothing.
        serving = serve(env, home)
        try:
            headers = _headers(home, organization_id)
            status, _, page = request(serving.port, "GET", "/v1/cases", headers=headers)
            assert status == 200 and page["items"]  # the app role reads through its policies
            refused = corridor(env, "restore", str(backup), "--replace")
            assert refused.returncode == EXIT_IN_USE, refused.stderr
            assert "in use" in refused.stderr and "corridor serve" in refused.stderr
            assert "nothing was changed" in refused.stderr
            now = asyncio.run(_counts(url))
            # Only the served requests' audit rows were added.
            assert {**now, "audit_events": 0} == {**before, "audit_events": 0}
            assert now["audit_events"] > before["audit_events"]
            assert request(serving.port, "GET", "/v1/cases", headers=headers)[0] == 200
        finally:
            serving.stop()
    finally:
        stop_server(home)


def _read(port: int, headers: dict[str, str], after: str | None = None):
    """Every event after `after` over HTTP: (ids, the cursor to read on)."""
    ids: list[str] = []
    while True:
        query = {"limit": 200, **({"after": after} if after else {})}
        status, _, page = request(port, "GET", "/v1/events?" + urlencode(query), headers=headers)
        assert status == 200, page
        ids += [item["id"] for item in page["items"]]
        after = page["next_cursor"]
        if not page["items"]:
            return ids, after


def _burn_transactions(url: str, count: int) -> None:
    async def run() -> None:
        import asyncpg

        connection = await asyncpg.connect(url.replace("+asyncpg", ""))
        try:
            for _ in range(count):
                await connection.execute("SELECT pg_current_xact_id()")
        finally:
            await connection.close()

    asyncio.run(run())


def test_a_cursor_across_a_restore_is_refused_or_resumes_never_silently_empty(server_home):
    old_home, new_home = server_home / "old" / "home", server_home / "new" / "home"
    old_env, new_env = corridor_env(old_home), corridor_env(new_home)
    backup = server_home / "corridor.backup"
    try:
        assert corridor(old_env, "demo", "--cases", "4").returncode == 0
        old_url = ensure_server(old_home).url("corridor")
        organization_id = _busiest_organization(old_url)
        old = serve(old_env, old_home)
        try:
            headers = _headers(old_home, organization_id)
            backed_up, before_backup = _read(old.port, headers)
            assert backed_up
            assert corridor(old_env, "backup", str(backup)).returncode == 0
            # The old server goes on after the backup; its reader keeps up.
            for _ in range(5):
                asyncio.run(_write_event(old_url, organization_id))
            # A busy server: its reader's cursor ends well above the backup's events.
            _burn_transactions(old_url, 200)
            lost, after_backup = _read(old.port, headers, before_backup)
            assert len(lost) == 5
        finally:
            old.stop()
            stop_server(old_home)

        restored = corridor(new_env, "restore", str(backup))
        assert restored.returncode == 0, restored.stderr
        new_url = ensure_server(new_home).url("corridor")
        new = serve(new_env, new_home)
        try:
            headers = _headers(new_home, organization_id)
            for _ in range(2):
                asyncio.run(_write_event(new_url, organization_id))
            # The new events lie below the old cursor's position. Enough transactions that
            # the new server's head passes that position: only the epoch still tells the
            # cursor apart then (without it: 200, an empty page, the new events skipped).
            _burn_transactions(new_url, 400)

            for stale in (after_backup, lost[-1]):
                query = urlencode({"after": stale})
                status, response_headers, problem = request(
                    new.port, "GET", f"/v1/events?{query}", headers=headers
                )
                assert status == 410, problem
                assert response_headers["content-type"] == "application/problem+json"
                assert problem["code"] == "cursor_expired"
                assert "restored" in problem["detail"] and "omit `after`" in problem["detail"]

            # A cursor from before the backup resumes: exactly the events written since.
            resumed, _ = _read(new.port, headers, before_backup)
            assert len(resumed) == 2
            # From the beginning: the restored events with their ids, then the new ones.
            everything, _ = _read(new.port, headers)
            assert everything == backed_up + resumed
            # The id of an event written after the restore is a cursor like any other.
            assert _read(new.port, headers, resumed[0])[0] == resumed[1:]
            assert not set(lost) & set(everything)
        finally:
            new.stop()
        # The epoch lives in the database: a fresh one starts at 1, a restore moves it.
        clock = asyncio.run(_fetch(new_url, "SELECT epoch, previous_epoch FROM feed_clock"))[0]
        assert clock["previous_epoch"] == 1 and clock["epoch"] > 1
    finally:
        stop_server(old_home)
        stop_server(new_home)
