"""A full disk under a running `corridor serve`: 503 `storage_full` with Retry-After (never
a 500), readiness red, and both back once space is freed (issue 22, item 6).

The disk is real: the database lives in a tablespace on a 40 MB tmpfs that a table of
random text fills, so PostgreSQL itself raises 53100 ("could not extend file: No space
left on device"). The object store's "full" is MinIO's answer, sent by a socket server
to a real boto3 client: moto cannot fill up.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import subprocess
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import asyncpg
import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from app.db.embedded import SYSTEM_USER, ensure_server, stop_server
from app.platform.database_errors import is_database_unavailable, is_storage_full
from tests.operations.conftest import admin_headers, corridor, corridor_env, request, serve

SIZE_MB = 40


def _organization() -> dict:
    return {
        "name": f"Full disk clinic {uuid.uuid4().hex[:8]}",
        "kind": "referring_facility",
        "country": "LC",
    }


async def _fill(url: str) -> int:
    """Rows of random text until the disk is full; then single rows, to use the last
    pages too. Returns how many statements went in."""
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    inserted = 0
    try:
        await connection.execute("CREATE TABLE filler (x text)")
        for rows in (2000, 1):
            while True:
                try:
                    await connection.execute(
                        "INSERT INTO filler SELECT string_agg(md5(random()::text), '')"
                        " FROM generate_series(1, 30), generate_series(1, $1) AS g GROUP BY g",
                        rows,
                    )
                    inserted += 1
                except asyncpg.DiskFullError:
                    break
    finally:
        await connection.close()
    return inserted


async def _execute(url: str, sql: str) -> None:
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _poll(condition, timeout: float, message: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(message)


def test_a_full_disk_is_503_storage_full_readiness_red_then_both_recover(server_home):
    """Needs root (mount), as the embedded server's own tests do."""
    home = server_home / "home"
    env = corridor_env(home)
    small = server_home / "small"
    small.mkdir()
    mounted = False
    serving = None
    try:
        migrated = corridor(env, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m", "tmpfs", str(small)],
            check=True,
        )
        mounted = True
        account = pwd.getpwnam(SYSTEM_USER)
        os.chown(small, account.pw_uid, account.pw_gid)
        server = ensure_server(home)
        maintenance, url = server.url("postgres"), server.url("corridor")
        asyncio.run(_execute(maintenance, f"CREATE TABLESPACE small LOCATION '{small}'"))
        asyncio.run(_execute(maintenance, "ALTER DATABASE corridor SET TABLESPACE small"))

        serving = serve(env, home)
        headers = admin_headers(home)
        created = request(serving.port, "POST", "/v1/organizations", _organization(), headers)
        assert created[0] == 201, created[2]

        assert asyncio.run(_fill(url)) > 0
        # Writes go on until one needs a page the disk has no room for: a 503, no 500.
        answers = []
        for _ in range(300):
            answer = request(serving.port, "POST", "/v1/organizations", _organization(), headers)
            answers.append(answer)
            if answer[0] != 201:
                break
        status, response_headers, problem = answers[-1]
        assert {answer[0] for answer in answers[:-1]} <= {201}
        assert status == 503, problem
        assert response_headers["content-type"] == "application/problem+json"
        assert problem["code"] == "storage_full"
        assert int(response_headers["retry-after"]) > 0

        status, response_headers, problem = request(serving.port, "GET", "/readyz")
        assert status == 503 and problem["code"] == "storage_full"
        assert int(response_headers["retry-after"]) > 0
        log_text = serving.log_path.read_text()
        assert "internal_error" not in log_text
        # The refused request's audit row cannot be written either: one warning, no trace.
        assert "audit: could not record" not in log_text

        # Space freed: writes work again at once, readiness turns green within its window.
        asyncio.run(_execute(url, "DROP TABLE filler"))
        _poll(
            lambda: (
                request(serving.port, "POST", "/v1/organizations", _organization(), headers)[0]
                == 201
            ),
            60,
            "writes did not recover once space was freed",
        )
        _poll(
            lambda: request(serving.port, "GET", "/readyz")[0] == 200,
            120,
            "readiness did not turn green once space was freed",
        )
    finally:
        if serving is not None:
            serving.stop()
        stop_server(home)
        if mounted:
            subprocess.run(["umount", str(small)], check=False)


class _FullMinio(BaseHTTPRequestHandler):
    """Answers every request as a MinIO whose drives are full."""

    BODY = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>XMinioStorageFull</Code>'
        b"<Message>Storage backend has reached its minimum free drive threshold. Please "
        b"delete a few objects to proceed.</Message><Resource>/bucket/key</Resource>"
        b"<RequestId>17C1</RequestId><HostId>dd9025ba</HostId></Error>"
    )

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(507)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    do_PUT = do_POST = do_GET = _answer

    def log_message(self, *args) -> None:
        pass


def test_what_boto3_raises_for_a_full_object_store_is_storage_full():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FullMinio)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{server.server_port}",
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 1}),
        )
        with pytest.raises(ClientError) as raised:
            client.put_object(Bucket="bucket", Key="key", Body=b"x" * 1024)
        assert raised.value.response["Error"]["Code"] == "XMinioStorageFull"
        assert is_storage_full(raised.value)
        # Wrapped, as a service may re-raise it.
        try:
            raise RuntimeError("upload failed") from raised.value
        except RuntimeError as wrapped:
            assert is_storage_full(wrapped)
        assert not is_storage_full(RuntimeError("something else"))
    finally:
        server.shutdown()


def test_sqlstate_class_53_is_storage_full_only_for_a_full_disk():
    """53100 lasts until someone frees space; the rest of class 53 passes with the load."""
    full = asyncpg.exceptions.DiskFullError("could not extend file")
    assert is_storage_full(full) and not is_database_unavailable(full)
    for passing in (
        asyncpg.exceptions.InsufficientResourcesError("insufficient resources"),
        asyncpg.exceptions.OutOfMemoryError("out of memory"),
        asyncpg.exceptions.TooManyConnectionsError("too many clients"),
        asyncpg.exceptions.ConfigurationLimitExceededError("out of shared memory"),
    ):
        assert is_database_unavailable(passing) and not is_storage_full(passing), passing
