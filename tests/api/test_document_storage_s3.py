"""Documents in an S3-compatible bucket: moto's S3 server runs as its own process on
loopback, spoken to with boto3 (the app's client) over real HTTP."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import boto3
import httpx
import pytest
from pydantic import SecretStr

from app.documents.storage import S3_PART_BYTES
from app.main import create_app
from tests.api.test_documents import PDF, cares_case, coordinator, referrer, streamed_form, upload

BUCKET = "corridor-documents"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"},
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(endpoint, timeout=1)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto did not start: {log.read_text()}") from None
                time.sleep(0.2)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def bucket(s3_endpoint):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-3", **CREDENTIALS)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    return client


@pytest.fixture
async def s3_client(settings, sessionmaker, s3_endpoint, bucket):
    s3_settings = settings.model_copy(
        update={
            "documents_storage": "s3",
            "documents_s3_bucket": BUCKET,
            "documents_s3_endpoint_url": s3_endpoint,
            "documents_s3_access_key_id": "testing",
            "documents_s3_secret_access_key": SecretStr("testing"),
            "documents_s3_prefix": "test/",
        }
    )
    app = create_app(s3_settings, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def _keys(bucket) -> set[str]:
    return {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


async def test_small_and_multipart_documents_round_trip_through_the_bucket(
    world, s3_client, bucket
):
    case = await cares_case(world)
    small = (await upload(s3_client, case, referrer(world), PDF)).json()
    # Over one S3 part: goes up as a multipart upload, part by part.
    large_content = PDF * (S3_PART_BYTES // len(PDF) + 2)
    assert len(large_content) > S3_PART_BYTES
    large = (await upload(s3_client, case, referrer(world), large_content)).json()

    for document, content in ((small, PDF), (large, large_content)):
        stored = bucket.get_object(Bucket=BUCKET, Key=f"test/{document['id']}")["Body"].read()
        assert stored == content
        assert document["sha256"] == hashlib.sha256(content).hexdigest()
        path = f"/v1/cases/{case['id']}/documents/{document['id']}/content"
        whole = await s3_client.get(path, headers=coordinator(world))
        assert whole.status_code == 200 and whole.content == content
        assert whole.headers["etag"] == f'"{document["sha256"]}"'
        middle = await s3_client.get(
            path, headers={**coordinator(world), "Range": "bytes=1000-5999"}
        )
        assert middle.status_code == 206 and middle.content == content[1000:6000]
    # The database holds the metadata.
    listed = await s3_client.get(f"/v1/cases/{case['id']}/documents", headers=referrer(world))
    assert {item["id"] for item in listed.json()["items"]} == {small["id"], large["id"]}


async def test_a_refused_upload_leaves_no_object_and_no_pending_upload(
    world, settings, sessionmaker, s3_endpoint, bucket
):
    limited = settings.model_copy(
        update={
            "documents_storage": "s3",
            "documents_s3_bucket": BUCKET,
            "documents_s3_endpoint_url": s3_endpoint,
            "documents_s3_access_key_id": "testing",
            "documents_s3_secret_access_key": SecretStr("testing"),
            "documents_s3_prefix": "refused/",
            "documents_max_bytes": S3_PART_BYTES + 1000,
        }
    )
    app = create_app(limited, sessionmaker=sessionmaker)
    case = await cares_case(world)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        sent = [0]
        headers, body = streamed_form(PDF * (2 * S3_PART_BYTES // len(PDF)), sent)
        refused = await client.post(
            f"/v1/cases/{case['id']}/documents",
            content=body,
            headers={**referrer(world), **headers},
        )
        assert refused.status_code == 413 and refused.json()["code"] == "document_too_large"
        executable = await upload(client, case, referrer(world), b"MZ" + b"\x00" * 9000, expect=415)
        assert executable.json()["code"] == "unsupported_content_type"
    assert not any(key.startswith("refused/") for key in _keys(bucket))
    pending = bucket.list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])
    assert [item for item in pending if item["Key"].startswith("refused/")] == []


async def test_documents_kept_in_postgresql_stay_served_after_a_move_to_a_bucket(
    world, s3_client, bucket
):
    case = await cares_case(world)
    before_the_move = (await upload(world.client, case, referrer(world), PDF)).json()
    after_the_move = (await upload(s3_client, case, referrer(world), PDF[:9000])).json()
    assert f"test/{after_the_move['id']}" in _keys(bucket)
    assert f"test/{before_the_move['id']}" not in _keys(bucket)
    for document, content in ((before_the_move, PDF), (after_the_move, PDF[:9000])):
        answer = await s3_client.get(
            f"/v1/cases/{case['id']}/documents/{document['id']}/content",
            headers=coordinator(world),
        )
        assert answer.status_code == 200 and answer.content == content


async def test_orphaned_objects_are_found_and_swept_but_recent_ones_and_documents_stay(
    world, bucket, settings, sessionmaker, s3_endpoint
):
    from datetime import timedelta

    from app.documents.service import sweep_orphaned_objects
    from app.documents.storage import S3Storage

    # A prefix of its own: other tests' objects (their rows rolled back) are not its own.
    sweep_settings = settings.model_copy(
        update={
            "documents_storage": "s3",
            "documents_s3_bucket": BUCKET,
            "documents_s3_endpoint_url": s3_endpoint,
            "documents_s3_access_key_id": "testing",
            "documents_s3_secret_access_key": SecretStr("testing"),
            "documents_s3_prefix": "sweep/",
        }
    )
    transport = httpx.ASGITransport(
        app=create_app(sweep_settings, sessionmaker=sessionmaker), raise_app_exceptions=False
    )
    s3_client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
    case = await cares_case(world)
    kept = (await upload(s3_client, case, referrer(world), PDF)).json()
    # A withdrawn document's bytes stay too ("the bytes and the audit stay").
    withdrawn = (await upload(s3_client, case, referrer(world), PDF)).json()
    answer = await s3_client.post(
        f"/v1/cases/{case['id']}/documents/{withdrawn['id']}/withdraw",
        json={"reason": "wrong patient"},
        headers=referrer(world),
    )
    assert answer.status_code == 200, answer.text
    # An upload whose transaction failed after its bytes went up: no row points at it.
    bucket.put_object(Bucket=BUCKET, Key="sweep/orphan-1", Body=b"%PDF-1.7 lost")
    storage = S3Storage(
        boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-3", **CREDENTIALS),
        BUCKET,
        "sweep/",
    )

    # Recent objects are left alone: an upload in flight has its bytes before its row.
    recent = await sweep_orphaned_objects(
        sessionmaker, storage, older_than=timedelta(hours=1), delete=True
    )
    assert recent.orphans == [] and "sweep/orphan-1" in _keys(bucket)

    listed = await sweep_orphaned_objects(
        sessionmaker, storage, older_than=timedelta(0), delete=False
    )
    assert listed.orphans == ["orphan-1"] and "sweep/orphan-1" in _keys(bucket)
    swept = await sweep_orphaned_objects(
        sessionmaker, storage, older_than=timedelta(0), delete=True
    )
    assert swept.orphans == ["orphan-1"]
    keys = _keys(bucket)
    assert "sweep/orphan-1" not in keys
    assert {f"sweep/{kept['id']}", f"sweep/{withdrawn['id']}"} <= keys
    await s3_client.aclose()
