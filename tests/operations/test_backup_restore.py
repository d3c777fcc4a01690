"""`corridor backup` on one server, `corridor restore` into a brand-new one.

Afterwards: every table holds the same rows, `corridor audit verify` passes, a feed
reader from the start sees every event, a consumer resumes from its old cursor, and
events written after the restore come after the old ones (the new server's
transaction ids start low again: feed positions must not depend on them).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.access.keys import KeyRing
from app.access.tokens import TokenService
from app.db.embedded import APP_ROLE, ensure_server, stop_server
from app.db.engine import create_sessionmaker
from app.db.row_security import configured_system_context_token
from app.main import create_app
from app.platform.settings import Settings
from tests.operations.conftest import corridor, corridor_env


async def _fetch(url: str, sql: str, *args):
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        return await connection.fetch(sql, *args)
    finally:
        await connection.close()


async def _counts(url: str) -> dict[str, int]:
    tables = await _fetch(
        url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    )
    counts = {}
    for row in tables:
        name = row["tablename"]
        counts[name] = (await _fetch(url, f'SELECT count(*) AS n FROM "{name}"'))[0]["n"]
    return counts


class Feed:
    """GET /v1/events through the app, on `home`'s server, as one organisation."""

    def __init__(self, home: Path, organization_id: str) -> None:
        server = ensure_server(home)
        self.settings = Settings(
            home=home,
            environment="test",
            database_url=server.url("corridor"),
            app_database_url=server.url("corridor", user=APP_ROLE),
            rate_limit_per_minute=0,
        )
        token = TokenService(self.settings, KeyRing.from_settings(self.settings)).issue(
            sub="feed-reader", roles=["coordinator"], organization_id=uuid.UUID(organization_id)
        )
        self.headers = {"Authorization": f"Bearer {token}"}

    async def read(self, after: str | None = None) -> tuple[list[str], str, None]:
        """Every event after `after`: (ids, the cursor to read on)."""
        engine = create_async_engine(self.settings.app_database_url, poolclass=NullPool)
        app = create_app(self.settings, sessionmaker=create_sessionmaker(engine))
        ids: list[str] = []
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                while True:
                    params = {"limit": 200, **({"after": after} if after else {})}
                    response = await client.get("/v1/events", params=params, headers=self.headers)
                    assert response.status_code == 200, response.text
                    page = response.json()
                    ids += [item["id"] for item in page["items"]]
                    after = page["next_cursor"]
                    if not page["items"]:
                        return ids, after, None
        finally:
            await engine.dispose()


async def _write_event(url: str, organization_id: str) -> None:
    """An event as the services write it: its feed position comes from the default."""
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        async with connection.transaction():
            await connection.execute(
                "SELECT set_config('corridor.system', $1, true)", configured_system_context_token()
            )
            await connection.execute(
                "INSERT INTO case_events (type, case_id, case_version, from_status, to_status,"
                " actor_sub, actor_role, visible_to, occurred_at)"
                " VALUES ('case.submitted', $1, 2, 'draft', 'submitted', 'after-restore',"
                " 'referrer', ARRAY[$2::uuid], $3)",
                uuid.uuid4(),
                uuid.UUID(organization_id),
                datetime.now(UTC),
            )
    finally:
        await connection.close()


def test_a_backup_restored_into_a_new_server_keeps_counts_audit_and_the_feed(server_home):
    old_home, new_home = server_home / "old" / "home", server_home / "new" / "home"
    old_env, new_env = corridor_env(old_home), corridor_env(new_home)
    backup = server_home / "corridor.backup"
    try:
        loaded = corridor(old_env, "demo", "--cases", "12")
        assert loaded.returncode == 0, loaded.stderr
        assert loaded.stderr == ""  # no httpx or request chatter from the demo's calls
        old_url = ensure_server(old_home).url("corridor")
        # The organisation that sees the most events reads the feed.
        busiest = asyncio.run(
            _fetch(
                old_url,
                # The feed serves the retention window (400 days); the demo spans two years.
                "SELECT org::text, count(*) AS n FROM case_events, unnest(visible_to) AS org"
                " WHERE occurred_at > now() - interval '400 days'"
                " GROUP BY org ORDER BY n DESC LIMIT 1",
            )
        )[0]
        organization_id = busiest["org"]
        old_ids, _, _ = asyncio.run(Feed(old_home, organization_id).read())
        assert len(old_ids) == busiest["n"] > 10
        # A consumer that stopped halfway: its cursor is the feed's next_cursor there.
        halfway = len(old_ids) // 2
        _, halfway_cursor, _ = asyncio.run(_read_first(Feed(old_home, organization_id), halfway))

        done = corridor(old_env, "backup", str(backup))
        assert done.returncode == 0, done.stderr
        assert backup.stat().st_mode & 0o077 == 0  # it holds patient data
        old_counts = asyncio.run(_counts(old_url))
        stop_server(old_home)  # the old server is gone

        restored = corridor(new_env, "restore", str(backup))
        assert restored.returncode == 0, restored.stderr
        new_url = ensure_server(new_home).url("corridor")
        new_counts = asyncio.run(_counts(new_url))
        assert new_counts == old_counts
        assert new_counts["case_events"] > 10 and new_counts["audit_events"] > 10

        verified = corridor(new_env, "audit", "verify")
        assert verified.returncode == 0, verified.stderr
        assert f"{old_counts['audit_events']} rows" in verified.stdout

        feed = Feed(new_home, organization_id)
        new_ids, end_cursor, _ = asyncio.run(feed.read())
        assert new_ids == old_ids  # a reader from the start sees every event, in order
        resumed, _, _ = asyncio.run(feed.read(halfway_cursor))
        assert resumed == old_ids[halfway:]  # the old cursor resumes where it was

        for _ in range(3):
            asyncio.run(_write_event(new_url, organization_id))
        fresh, _, _ = asyncio.run(feed.read(end_cursor))
        assert len(fresh) == 3  # new events come after the old ones
        everything, _, _ = asyncio.run(feed.read())
        assert everything == old_ids + fresh

        # Restoring over data needs --replace, and says so in one line.
        refused = corridor(new_env, "restore", str(backup))
        assert refused.returncode == 2
        assert "--replace" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    finally:
        stop_server(old_home)
        stop_server(new_home)


async def _read_first(feed: Feed, count: int) -> tuple[list[str], str, None]:
    """The first `count` events, and the cursor after them (as a consumer's checkpoint)."""
    engine = create_async_engine(feed.settings.app_database_url, poolclass=NullPool)
    app = create_app(feed.settings, sessionmaker=create_sessionmaker(engine))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/v1/events", params={"limit": count}, headers=feed.headers)
            page = response.json()
            assert len(page["items"]) == count
            return [item["id"] for item in page["items"]], page["next_cursor"], None
    finally:
        await engine.dispose()
