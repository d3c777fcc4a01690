"""The embedded PostgreSQL keeps its data across a stop and a start."""

import asyncio

import asyncpg

from app.platform.embedded import ensure_database, ensure_server, stop_server


async def _query(port: int, sql: str):
    connection = await asyncpg.connect(
        host="127.0.0.1", port=port, user="postgres", database="corridor"
    )
    try:
        return await connection.fetch(sql)
    finally:
        await connection.close()


async def test_data_survives_a_restart(tmp_path):
    home = tmp_path / "home"
    server = await asyncio.to_thread(ensure_server, home, durable=True)
    try:
        await asyncio.to_thread(ensure_database, server, "corridor")
        await _query(server.port, "CREATE TABLE kept (note text)")
        await _query(server.port, "INSERT INTO kept VALUES ('still here')")
        await asyncio.to_thread(stop_server, home)
        again = await asyncio.to_thread(ensure_server, home)
        assert again.port == server.port  # the port is remembered under CORRIDOR_HOME
        rows = await _query(again.port, "SELECT note FROM kept")
        assert [row["note"] for row in rows] == ["still here"]
    finally:
        await asyncio.to_thread(stop_server, home)
