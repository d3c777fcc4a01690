"""Slow uploads do not take the API down (issue 22, item 3), against a live uvicorn with a
small pool (4 connections): 25 uploads trickling in at 2 KB/s over raw sockets hold no transaction
and no pooled connection, so another organisation's reads stay fast, its new events reach
the feed at once, and no connection sits "idle in transaction" while the bodies stream.
Both storages: PostgreSQL (spooled to a temporary file) and S3 (moto's server).

Also the refusals around it: a client's uploads past its cap (429 `too_many_uploads`),
an upload under the minimum rate (408 `upload_too_slow`, connection closed) and a `file`
part without a filename (422 `file_filename_missing`, item 7), each audited."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import asyncpg
import boto3
import httpx
import pytest

from tests.api.test_document_storage_s3 import BUCKET, CREDENTIALS, s3_endpoint  # noqa: F401
from tests.conftest import alembic, drop_database, recreate_database
from tests.e2e.conftest import LiveServer, start_server, stop_server

POOL = 4
CAP = 3
MIN_RATE = 256
GRACE = 3
UPLOADS = 25  # trickling at once, against 4 connections, from 9 clients (CAP each)
SERVER_ENV = {
    "CORRIDOR_DATABASE_POOL_SIZE": str(POOL),
    "CORRIDOR_DATABASE_MAX_OVERFLOW": "0",
    "CORRIDOR_DOCUMENTS_MAX_CONCURRENT_UPLOADS_PER_CLIENT": str(CAP),
    "CORRIDOR_DOCUMENTS_UPLOAD_MIN_BYTES_PER_SECOND": str(MIN_RATE),
    "CORRIDOR_DOCUMENTS_UPLOAD_GRACE_SECONDS": str(GRACE),
    "CORRIDOR_RATE_LIMIT_PER_MINUTE": "0",
}
BOUNDARY = "slow-upload-boundary"
FILE_BYTES = 256 * 1024
TRICKLE_BYTES = 512  # every TRICKLE_EVERY seconds: 2 KB/s per upload, 8x the minimum
TRICKLE_EVERY = 0.25


def _server(server_root_url, settings, extra: dict[str, str]) -> Iterator[LiveServer]:
    name = f"corridor_slow_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = recreate_database(server_root_url, name)
    alembic(url, "upgrade", "heads")
    home = settings.home
    server = start_server(home, url, {**SERVER_ENV, **extra})
    yield server
    stop_server(server)
    drop_database(server_root_url, name)


@pytest.fixture(scope="module")
def pg_server(server_root_url, settings) -> Iterator[LiveServer]:
    yield from _server(server_root_url, settings, {})


@pytest.fixture(scope="module")
def s3_server(server_root_url, settings, s3_endpoint) -> Iterator[LiveServer]:  # noqa: F811
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-3", **CREDENTIALS)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    yield from _server(
        server_root_url,
        settings,
        {
            "CORRIDOR_DOCUMENTS_STORAGE": "s3",
            "CORRIDOR_DOCUMENTS_S3_BUCKET": BUCKET,
            "CORRIDOR_DOCUMENTS_S3_ENDPOINT_URL": s3_endpoint,
            "CORRIDOR_DOCUMENTS_S3_ACCESS_KEY_ID": "testing",
            "CORRIDOR_DOCUMENTS_S3_SECRET_ACCESS_KEY": "testing",
            "CORRIDOR_DOCUMENTS_S3_PREFIX": "slow/",
        },
    )


# -- over HTTP --------------------------------------------------------------------------


def _headers(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}


def _post(base: str, path: str, body: dict | None, token: str, expect: int) -> dict:
    response = httpx.post(f"{base}{path}", json=body, headers=_headers(token), timeout=60)
    assert response.status_code == expect, response.text
    return response.json()


def castries_case(world) -> str:
    """A CARES case of Castries's referrer (to the CHU de Martinique)."""
    base, token = world.server.base_url, world.token("castries", "referrer", sub="dr-slow")
    patient = _post(
        base,
        "/v1/patients",
        {
            "family_name": "Slow",
            "given_names": ["Upload"],
            "sex": "female",
            "nationality": "LC",
            "residence": {"country": "LC", "city": "Castries"},
            "identifiers": [{"system": "passport", "value": f"SLOW-{time.time_ns()}"}],
        },
        token,
        201,
    )
    case = _post(
        base,
        "/v1/cases",
        {
            "patient_id": patient["id"],
            "receiving_organization_id": world.orgs["chu_martinique"],
            "specialty": "cardiology",
        },
        token,
        201,
    )
    return case["id"]


def mons_case(world) -> str:
    """A ZOAST case of another organisation (Mons's referrer, to Tourcoing)."""
    base, token = world.server.base_url, world.token("mons_gp", "referrer", sub="dr-mons")
    patient = _post(
        base,
        "/v1/patients",
        {
            "family_name": "Other",
            "given_names": ["Tenant"],
            "sex": "male",
            "residence": {"country": "BE", "postal_code": "7000", "city": "Mons"},
            "identifiers": [{"system": "passport", "value": f"MONS-{time.time_ns()}"}],
        },
        token,
        201,
    )
    case = _post(
        base,
        "/v1/cases",
        {
            "patient_id": patient["id"],
            "receiving_organization_id": world.orgs["tourcoing"],
            "specialty": "cardiology",
            "priority": "emergency",
            "clinical_summary": "Chest pain.",
            "coverage": {
                "route": "zoast",
                "payer_organization_id": world.orgs["mutuality"],
                "member_number": f"M-{time.time_ns()}",
            },
        },
        token,
        201,
    )
    return case["id"]


def feed_end(base: str, token: str) -> str | None:
    cursor = None
    while True:
        page = httpx.get(
            f"{base}/v1/events",
            params={"limit": 1000, **({"after": cursor} if cursor else {})},
            headers=_headers(token),
            timeout=60,
        ).json()
        if not page["items"]:
            return cursor
        cursor = page["next_cursor"]


def feed_mentions(base: str, token: str, after: str | None, case_id: str) -> bool:
    page = httpx.get(
        f"{base}/v1/events",
        params={"limit": 1000, **({"after": after} if after else {})},
        headers=_headers(token),
        timeout=60,
    )
    assert page.status_code == 200, page.text
    return any(case_id in json.dumps(item) for item in page.json()["items"])


def audit_rows(world, request_id: str) -> list[tuple[str, int]]:
    admin = world.token(None, "admin", sub="slow-admin")
    deadline = time.monotonic() + 30
    while True:
        rows = httpx.get(
            f"{world.server.base_url}/v1/audit-events",
            params={"caller_request_id": request_id},
            headers=_headers(admin),
            timeout=30,
        ).json()["items"]
        if rows or time.monotonic() > deadline:
            return [(row["operation"], row["status"]) for row in rows]
        time.sleep(0.2)


# -- raw sockets ------------------------------------------------------------------------


def _form_head(filename: str | None = "scan.pdf") -> bytes:
    fields = "".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in (("kind", "imaging_report"), ("language", "en"), ("title", "CT"))
    )
    named = f'; filename="{filename}"' if filename is not None else ""
    return (
        fields + f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"{named}\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()


TAIL = f"\r\n--{BOUNDARY}--\r\n".encode()


def pdf_bytes(seed: int, size: int = FILE_BYTES) -> bytes:
    return b"%PDF-1.7\n" + bytes([48 + seed % 10]) * (size - 9)


@dataclass
class RawUpload:
    """One multipart upload over its own socket, sent as slowly as the test says."""

    base_url: str
    path: str
    token: str
    content: bytes
    request_id: str = field(default_factory=lambda: f"slow-{uuid.uuid4().hex}")
    filename: str | None = "scan.pdf"

    def __post_init__(self) -> None:
        self.body = _form_head(self.filename) + self.content + TAIL
        self.sent = 0
        url = urlsplit(self.base_url)
        self.sock = socket.create_connection((url.hostname, url.port), timeout=60)
        self.sock.sendall(
            (
                f"POST {self.path} HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\n"
                f"Authorization: Bearer {self.token}\r\nX-Request-Id: {self.request_id}\r\n"
                f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
                f"Content-Length: {len(self.body)}\r\n\r\n"
            ).encode()
        )

    def send(self, size: int) -> None:
        piece = self.body[self.sent : self.sent + size]
        self.sock.sendall(piece)
        self.sent += len(piece)

    def answered(self) -> bool:
        """Has the server said something (or closed) already?"""
        self.sock.setblocking(False)
        try:
            return self.sock.recv(1, socket.MSG_PEEK) is not None
        except BlockingIOError:
            return False
        finally:
            self.sock.setblocking(True)

    def answer(self, timeout: float = 60) -> tuple[int, dict]:
        """Status and JSON body; the connection is closed afterwards."""
        self.sock.settimeout(timeout)
        data = b""
        try:
            while True:
                head, separator, rest = data.partition(b"\r\n\r\n")
                if separator:
                    length = next(
                        int(line.split(b":", 1)[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    )
                    if len(rest) >= length:
                        self.head = head.decode("latin-1")
                        return int(head.split()[1]), json.loads(rest[:length])
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise AssertionError(f"closed without an answer: {data[:300]!r}")
                data += chunk
        finally:
            self.sock.close()


class Trickle:
    """Feeds every upload TRICKLE_BYTES each TRICKLE_EVERY seconds, from a thread, but
    never its last byte (the test finishes them)."""

    def __init__(self, uploads: list[RawUpload]) -> None:
        self.uploads = uploads
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(TRICKLE_EVERY):
            for upload in self.uploads:
                room = len(upload.body) - 1 - upload.sent
                if room > 0:
                    upload.send(min(TRICKLE_BYTES, room))

    def __enter__(self) -> Trickle:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# -- the database's view ----------------------------------------------------------------


def held_transactions(database_url: str) -> list[dict]:
    """Backends of the server's database in a transaction that began over a second ago
    (an upload holding one while its body streams); the sealer's and the reads' own
    transactions last milliseconds."""
    url = database_url.replace("postgresql+asyncpg://", "postgresql://")
    database = urlsplit(url).path.lstrip("/")

    async def run() -> list[dict]:
        connection = await asyncpg.connect(url)
        try:
            rows = await connection.fetch(
                "SELECT pid, state, usename, now() - xact_start AS age, left(query, 80) AS query"
                " FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()"
                " AND xact_start < now() - interval '1 second'",
                database,
            )
            return [dict(row) for row in rows]
        finally:
            await connection.close()

    return asyncio.run(run())


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


# -- the tests --------------------------------------------------------------------------


@pytest.mark.parametrize("server_fixture", ["pg_server", "s3_server"])
def test_trickling_uploads_leave_other_tenants_fast_and_the_feed_current(
    request, server_fixture, org_setup
) -> None:
    server: LiveServer = request.getfixturevalue(server_fixture)
    world = org_setup(server)
    base = server.base_url
    path = f"/v1/cases/{castries_case(world)}/documents"
    other = mons_case(world)
    mons = world.token("mons_gp", "referrer", sub="dr-mons")
    tourcoing = world.token("tourcoing", "coordinator", sub="tourcoing-office")
    cursor = feed_end(base, tourcoing)

    def read_other() -> float:
        started = time.monotonic()
        read = httpx.get(f"{base}/v1/cases/{other}", headers=_headers(mons), timeout=60)
        assert read.status_code == 200, read.text
        return time.monotonic() - started

    # The same reads on the same (shared, loaded) machine before any upload: the bar.
    baseline = [read_other() for _ in range(40)]

    uploads = [
        RawUpload(
            base,
            path,
            world.token("castries", "referrer", sub=f"dr-trickle-{index // CAP}"),
            pdf_bytes(index),
        )
        for index in range(UPLOADS)
    ]
    for upload in uploads:
        upload.send(len(_form_head()) + 64)  # the form and the file's first bytes
    latencies: list[float] = []
    with Trickle(uploads):
        time.sleep(2)  # every upload is in, streaming
        for round_ in range(40):
            latencies.append(read_other())
            if round_ % 10 == 0:
                held = held_transactions(server.database_url)
                assert held == [], held
        # Another organisation's new event reaches the feed while the bodies stream.
        started = time.monotonic()
        _post(base, f"/v1/cases/{other}/submit", None, mons, 200)
        while not feed_mentions(base, tourcoing, cursor, other):
            assert time.monotonic() - started < 10, "the feed is not current"
            time.sleep(0.1)
        feed_lag = time.monotonic() - started
        assert held_transactions(server.database_url) == []
        assert not any(upload.answered() for upload in uploads), "an upload was cut"
    print(
        f"{server_fixture}: {len(uploads)} trickling uploads, pool {POOL}: other tenant's"
        f" p99 {p99(latencies) * 1000:.0f} ms (before the uploads: {p99(baseline) * 1000:.0f}"
        f" ms), max {max(latencies) * 1000:.0f} ms; feed lag {feed_lag * 1000:.0f} ms"
    )
    # Under 1 s, as the issue asks; should the shared machine be slow already before the
    # uploads, within a few times what it was then (held connections made it 30 s).
    assert p99(latencies) < max(1.0, 4 * p99(baseline)), (latencies, baseline)

    # The uploads themselves complete, whole and hashed.
    for upload in uploads:
        upload.send(len(upload.body))
    answers = [upload.answer() for upload in uploads]
    assert [status for status, _ in answers] == [201] * len(uploads), answers
    assert sorted(body["sha256"] for _, body in answers) == sorted(
        hashlib.sha256(upload.content).hexdigest() for upload in uploads
    )
    first = answers[0][1]
    content = httpx.get(
        f"{base}{path}/{first['id']}/content",
        headers=_headers(world.token("castries", "referrer", sub="dr-slow")),
        timeout=60,
    )
    assert hashlib.sha256(content.content).hexdigest() == first["sha256"]


def test_a_client_past_its_upload_cap_is_told_to_retry(pg_server, org_setup) -> None:
    world = org_setup(pg_server)
    base = pg_server.base_url
    path = f"/v1/cases/{castries_case(world)}/documents"
    token = world.token("castries", "referrer", sub="dr-capped")
    held = [RawUpload(base, path, token, pdf_bytes(index)) for index in range(CAP)]
    for upload in held:
        upload.send(len(_form_head()) + 64)
    with Trickle(held):
        time.sleep(1)
        one_more = httpx.post(
            f"{base}{path}",
            data={"kind": "other", "language": "en", "title": "one more"},
            files={"file": ("more.pdf", pdf_bytes(9, 1024), "application/pdf")},
            headers=_headers(token, **{"Accept-Language": "fr"}),
            timeout=60,
        )
        assert one_more.status_code == 429, one_more.text
        assert one_more.headers["content-type"].startswith("application/problem+json")
        assert one_more.json()["code"] == "too_many_uploads"
        assert one_more.json()["title"] == "Trop d'envois simultanés"
        assert int(one_more.headers["Retry-After"]) >= 1
        # Another client of the same organisation is not held back.
        other = httpx.post(
            f"{base}{path}",
            data={"kind": "other", "language": "en", "title": "a colleague's"},
            files={"file": ("b.pdf", pdf_bytes(8, 1024), "application/pdf")},
            headers=_headers(world.token("castries", "referrer", sub="dr-colleague")),
            timeout=60,
        )
        assert other.status_code == 201, other.text
    # Once one is done, the client may send again.
    held[0].send(len(held[0].body))
    assert held[0].answer()[0] == 201
    again = httpx.post(
        f"{base}{path}",
        data={"kind": "other", "language": "en", "title": "again"},
        files={"file": ("again.pdf", pdf_bytes(7, 1024), "application/pdf")},
        headers=_headers(token),
        timeout=60,
    )
    assert again.status_code == 201, again.text
    for upload in held[1:]:
        upload.send(len(upload.body))
        assert upload.answer()[0] == 201


def test_an_upload_under_the_minimum_rate_is_cut_and_audited(pg_server, org_setup) -> None:
    world = org_setup(pg_server)
    base = pg_server.base_url
    path = f"/v1/cases/{castries_case(world)}/documents"
    token = world.token("castries", "referrer", sub="dr-stalled")
    stalled = RawUpload(base, path, token, pdf_bytes(3))
    started = time.monotonic()
    stalled.send(len(_form_head()) + 16)  # then nothing more
    status, problem = stalled.answer(timeout=60)
    took = time.monotonic() - started
    assert status == 408, problem
    assert problem["code"] == "upload_too_slow"
    assert "connection: close" in stalled.head.lower()
    # Cut once the grace period is over (and not long after), not at the deadline.
    assert GRACE - 0.5 <= took < GRACE + 20, took
    assert audit_rows(world, stalled.request_id) == [("documents-upload", 408)]
    listed = httpx.get(f"{base}{path}", headers=_headers(token), timeout=30).json()["items"]
    assert listed == []


def test_a_file_part_without_a_filename_is_a_problem_not_a_500(pg_server, org_setup) -> None:
    world = org_setup(pg_server)
    base = pg_server.base_url
    path = f"/v1/cases/{castries_case(world)}/documents"
    token = world.token("castries", "referrer", sub="dr-nameless")
    nameless = RawUpload(base, path, token, pdf_bytes(4, 2048), filename=None)
    nameless.send(len(nameless.body))
    status, problem = nameless.answer()
    assert status == 422, problem
    assert problem["code"] == "file_filename_missing"
    assert problem["status"] == 422
    assert audit_rows(world, nameless.request_id) == [("documents-upload", 422)]
    listed = httpx.get(f"{base}{path}", headers=_headers(token), timeout=30).json()["items"]
    assert listed == []
    # The server is fine: the same upload with a filename goes through.
    named = RawUpload(base, path, token, pdf_bytes(4, 2048))
    named.send(len(named.body))
    assert named.answer()[0] == 201
