"""A 100 MB upload to the live server is refused with 413 while the server's resident
memory grows by less than 10 MB: the body is streamed and counted, never buffered."""

from __future__ import annotations

import select
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

MB = 1024 * 1024
TOTAL = 100 * MB
PIECE = 64 * 1024


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


class PeakRss:
    """Samples a process's RSS every 10 ms while the block runs; keeps the highest."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self.pid))
            time.sleep(0.01)

    def __enter__(self) -> PeakRss:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes(self.pid))


def read_answer(sock: socket.socket) -> bytes:
    """Status line, headers and the whole body (by its Content-Length)."""
    answer = b""
    try:
        while True:
            head, separator, body = answer.partition(b"\r\n\r\n")
            if separator:
                length = next(
                    (
                        int(line.split(b":", 1)[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    0,
                )
                if len(body) >= length:
                    return answer
            data = sock.recv(65536)
            if not data:
                return answer
            answer += data
    except ConnectionResetError:
        return answer


def send_streamed_upload(
    base_url: str, path: str, token: str, total: int, request_id: str
) -> tuple[int, bytes]:
    """POST a multipart body of `total` file bytes, chunked (no Content-Length), stopping
    as soon as the server answers. Returns (file bytes sent, raw answer)."""
    url = urlsplit(base_url)
    boundary = "memory-test-boundary"
    head = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in (("kind", "imaging_report"), ("language", "en"), ("title", "CT"))
        )
        + f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="ct.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\n"
        f"Authorization: Bearer {token}\r\nX-Request-Id: {request_id}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    payload = b"%PDF-1.7\n" + b"0" * (PIECE - 9)
    sock = socket.create_connection((url.hostname, url.port))
    sock.sendall(request + f"{len(head):x}\r\n".encode() + head + b"\r\n")
    sock.setblocking(False)
    sent, pending, answered = 0, b"", False
    while sent < total or pending:
        readable, writable, _ = select.select([sock], [sock], [], 30)
        if readable:
            answered = True
            break
        if not writable:
            raise AssertionError("the server neither reads nor answers")
        if not pending:
            pending = f"{PIECE:x}\r\n".encode() + payload + b"\r\n"
            sent += PIECE
            payload = b"0" * PIECE
        try:
            pending = pending[sock.send(pending) :]
        except BlockingIOError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            break
    sock.setblocking(True)
    sock.settimeout(30)
    if not answered:
        select.select([sock], [], [], 30)
    answer = read_answer(sock)
    sock.close()
    return sent, answer


def test_a_100_mb_upload_is_refused_while_memory_stays_flat(live_server, org_setup) -> None:
    world = org_setup(live_server)
    referrer = world.token("castries", "referrer", sub="dr-memory")
    auth = {"Authorization": f"Bearer {referrer}"}
    base = live_server.base_url
    patient = httpx.post(
        f"{base}/v1/patients",
        json={
            "family_name": "Memory",
            "given_names": ["Test"],
            "sex": "female",
            "nationality": "LC",
            "residence": {"country": "LC", "city": "Castries"},
            "identifiers": [{"system": "passport", "value": f"MEM-{time.time_ns()}"}],
        },
        headers=auth,
    )
    assert patient.status_code == 201, patient.text
    case = httpx.post(
        f"{base}/v1/cases",
        json={
            "patient_id": patient.json()["id"],
            "receiving_organization_id": world.orgs["chu_martinique"],
            "specialty": "cardiology",
        },
        headers=auth,
    )
    assert case.status_code == 201, case.text
    path = f"/v1/cases/{case.json()['id']}/documents"
    # Warm up the code path (imports, pools, parser) with an accepted upload.
    warm = httpx.post(
        f"{base}{path}",
        data={"kind": "other", "language": "en", "title": "warm-up"},
        files={"file": ("a.pdf", b"%PDF-1.7\n" + b"x" * 2 * MB, "application/pdf")},
        headers=auth,
        timeout=60,
    )
    assert warm.status_code == 201, warm.text
    pid = live_server.process.pid
    time.sleep(0.5)
    before = rss_bytes(pid)

    request_id = f"memory-{time.time_ns()}"
    with PeakRss(pid) as streamed:
        sent, answer = send_streamed_upload(base, path, referrer, TOTAL, request_id)
    # The server closes a connection whose body it left unread; should its reset overtake
    # the answer on the way, the audit trail still says how the request ended.
    if answer:
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert b'"code":"document_too_large"' in answer
    admin = world.token(None, "admin", sub="memory-admin")
    rows = httpx.get(
        f"{base}/v1/audit-events",
        params={"caller_request_id": request_id},
        headers={"Authorization": f"Bearer {admin}"},
    ).json()["items"]
    assert [(row["operation"], row["status"]) for row in rows] == [("documents-upload", 413)]
    # Refused at the 20 MB limit: most of the 100 MB was never read.
    assert sent < 30 * MB, sent
    growth = streamed.peak - before
    print(f"streamed 100 MB: sent {sent / MB:.1f} MB, peak RSS growth {growth / MB:.2f} MB")
    assert growth < 10 * MB, f"RSS grew by {growth / MB:.1f} MB"

    # Announced as 100 MB: refused before reading a byte of it.
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port)) as sock:
        sock.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\n"
                f"Authorization: Bearer {referrer}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {TOTAL}\r\n\r\n"
            ).encode()
        )
        sock.settimeout(30)
        declared = read_answer(sock)
    assert declared.startswith(b"HTTP/1.1 413"), declared[:200]
    assert b"request_too_large" in declared

    listed = httpx.get(f"{base}{path}", headers=auth)
    assert [item["title"] for item in listed.json()["items"]] == ["warm-up"]
