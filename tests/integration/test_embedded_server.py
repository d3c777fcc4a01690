"""The embedded PostgreSQL: data kept across a stop and a start; no one enters without
its password, whatever their OS account."""

import asyncio
import os
import pwd
import shutil
import stat
import subprocess

import asyncpg
import pytest

from app.db.embedded import (
    APP_ROLE,
    SUPERUSER,
    ensure_database,
    ensure_server,
    stop_server,
    superuser_password_file,
    tool,
)
from tests.conftest import new_server_home


async def _query(server, sql: str, user: str = SUPERUSER):
    connection = await asyncpg.connect(
        host="127.0.0.1",
        port=server.port,
        user=user,
        password=server.password(user),
        database="corridor",
    )
    try:
        return await connection.fetch(sql)
    finally:
        await connection.close()


async def test_data_survives_a_restart(server_home):
    home = server_home / "home"
    server = await asyncio.to_thread(ensure_server, home, durable=True)
    try:
        await asyncio.to_thread(ensure_database, server, "corridor")
        await _query(server, "CREATE TABLE kept (note text)")
        await _query(server, "INSERT INTO kept VALUES ('still here')")
        await asyncio.to_thread(stop_server, home)
        again = await asyncio.to_thread(ensure_server, home)
        assert again.port == server.port  # the port is remembered under CORRIDOR_HOME
        assert again.superuser_password == server.superuser_password
        rows = await _query(again, "SELECT note FROM kept")
        assert [row["note"] for row in rows] == ["still here"]
    finally:
        await asyncio.to_thread(stop_server, home)


@pytest.fixture(scope="module")
def secured_server():
    base = new_server_home("secured")
    home = base / "home"
    server = ensure_server(home, durable=False)
    ensure_database(server, "corridor")
    yield home, server
    stop_server(home)
    shutil.rmtree(base, ignore_errors=True)


async def test_no_connection_without_the_password(secured_server):
    _, server = secured_server
    for user in (SUPERUSER, APP_ROLE):
        with pytest.raises(asyncpg.InvalidPasswordError):
            await asyncpg.connect(
                host="127.0.0.1", port=server.port, user=user, password="guess", database="corridor"
            )
    # With it, the app role gets in (and is no superuser).
    rows = await _query(
        server, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", APP_ROLE
    )
    assert rows[0]["rolsuper"] is False


def test_passwords_are_readable_by_their_owner_only(secured_server):
    home, _ = secured_server
    secret = superuser_password_file(home)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert stat.S_IMODE(secret.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((secret.parent / f"{APP_ROLE}.password").stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "pgdata").stat().st_mode) == 0o700


@pytest.mark.skipif(os.geteuid() != 0, reason="switching to another OS account needs root")
def test_another_os_account_cannot_connect(secured_server):
    """`nobody` on the same machine: refused over TCP as every role, and the socket's
    directory and the password files are closed to it."""
    home, server = secured_server
    nobody = pwd.getpwnam("nobody")
    as_nobody = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    env = {"PATH": "/usr/bin:/bin", "HOME": "/"}
    for user in (SUPERUSER, APP_ROLE):
        for target in (["-h", "127.0.0.1", "-p", str(server.port)], ["-h", str(home / "pgdata")]):
            result = subprocess.run(
                [str(tool("psql")), *target, "-U", user, "-d", "corridor", "-w", "-c", "SELECT 1"],
                capture_output=True,
                text=True,
                env=env,
                check=False,
                **as_nobody,
            )
            assert result.returncode != 0, (user, target)
            assert "SELECT" not in result.stdout
            # Refused for want of the password, or kept out of the socket's directory (or
            # no socket at all, when the data directory's path is too long for one).
            refusals = ("password", "Permission denied", "No such file")
            assert any(refusal in result.stderr for refusal in refusals), result.stderr
    # Nor can it read the password.
    read = subprocess.run(
        ["cat", str(superuser_password_file(home))],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        **as_nobody,
    )
    assert read.returncode != 0
    assert server.superuser_password not in read.stdout
