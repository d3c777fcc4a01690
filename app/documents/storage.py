"""Where a document's bytes live: one small interface, two implementations.

- `PostgresStorage` (the default: `make run` needs nothing else) keeps the bytes in
  `document_chunks`. An upload is first spooled to a temporary file, outside any
  transaction; its chunks are copied in by the short transaction that records the
  document, so a refused or failed upload leaves nothing behind.
- `S3Storage` keeps them in any S3-compatible bucket (a setting), through boto3's
  multipart upload: an upload spools straight into the bucket; a refused upload is
  aborted, one not recorded after all is deleted (and `corridor documents sweep` finds
  any left by a crash).

Either way the database holds the metadata, no transaction is open while a client sends
its bytes, and neither side ever holds a whole document in memory: writes go out chunk by
chunk, reads come back chunk by chunk.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db.models import DocumentChunkRow

if TYPE_CHECKING:
    from app.domain.principal import Principal
    from app.platform.settings import Settings

# PostgreSQL rows of 256 KiB: small enough to stream, large enough to be few.
PG_CHUNK_BYTES = 256 * 1024
# S3 refuses parts under 5 MiB (but the last).
S3_PART_BYTES = 5 * 1024 * 1024
READ_BYTES = 256 * 1024


class Writer(Protocol):
    async def write(self, data: bytes) -> None: ...
    async def finish(self) -> None: ...
    async def abort(self) -> None: ...


class Spool(Protocol):
    """Where an upload's bytes wait while they stream in, outside any transaction."""

    async def write(self, data: bytes) -> None: ...
    async def finish(self) -> None: ...
    async def abort(self) -> None:
        """The upload was refused while streaming: nothing of it stays."""
        ...

    async def keep(self, session: AsyncSession) -> None:
        """Make the bytes the document's, in the transaction that records it."""
        ...

    async def discard(self) -> None:
        """Complete, but not recorded after all (a replay, a refusal, a failed commit)."""
        ...

    async def release(self) -> None:
        """Recorded: let go of whatever the spool still holds (its temporary file)."""
        ...


class DocumentStorage(Protocol):
    name: str

    def spool(self, key: str) -> Spool:
        """A spool for an upload that will become object `key`."""
        ...

    def writer(self, session: AsyncSession, key: str) -> Writer:
        """A writer for a new object; PostgreSQL writes in `session`'s transaction."""
        ...

    def read(
        self, key: str, start: int, end: int, principal: Principal | None
    ) -> AsyncIterator[bytes]:
        """Bytes start..end (inclusive) of an object, in chunks."""
        ...


# -- PostgreSQL -------------------------------------------------------------------------


class _PostgresWriter:
    def __init__(self, session: AsyncSession, key: str) -> None:
        self.session = session
        self.key = key
        self.buffer = bytearray()
        self.seq = 0

    async def _flush(self, data: bytes) -> None:
        await self.session.execute(
            insert(DocumentChunkRow).values(storage_key=self.key, seq=self.seq, data=data)
        )
        self.seq += 1

    async def write(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= PG_CHUNK_BYTES:
            chunk = bytes(self.buffer[:PG_CHUNK_BYTES])
            del self.buffer[:PG_CHUNK_BYTES]
            await self._flush(chunk)

    async def finish(self) -> None:
        if self.buffer or self.seq == 0:
            await self._flush(bytes(self.buffer))
            self.buffer.clear()

    async def abort(self) -> None:
        # The chunks went out in the request's transaction, which rolls back with the error.
        self.buffer.clear()


class _FileSpool:
    """An upload in a temporary file (on disk, not in memory: a 20 MB upload must not grow
    the process), copied into `document_chunks` by the recording transaction. The file
    has no name (deleted on close, or with the process)."""

    def __init__(self, key: str, directory: Path | None) -> None:
        self.key = key
        self.file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115 - closed by release/discard

    async def write(self, data: bytes) -> None:
        # A thread: a slow disk must not stall the event loop.
        await asyncio.to_thread(self.file.write, data)

    async def finish(self) -> None:
        await asyncio.to_thread(self.file.flush)

    async def abort(self) -> None:
        self.file.close()

    async def keep(self, session: AsyncSession) -> None:
        writer = _PostgresWriter(session, self.key)
        await asyncio.to_thread(self.file.seek, 0)
        while chunk := await asyncio.to_thread(self.file.read, PG_CHUNK_BYTES):
            await writer.write(chunk)
        await writer.finish()

    async def discard(self) -> None:
        self.file.close()

    async def release(self) -> None:
        self.file.close()


class PostgresStorage:
    name = "postgresql"

    def __init__(
        self,
        sessionmaker_of: Callable[[], async_sessionmaker[AsyncSession]],
        spool_directory: Path | None = None,
    ) -> None:
        # The app's sessionmaker, looked up when reading (the lifespan creates it).
        self._sessionmaker_of = sessionmaker_of
        self.spool_directory = spool_directory

    def writer(self, session: AsyncSession, key: str) -> Writer:
        return _PostgresWriter(session, key)

    def spool(self, key: str) -> Spool:
        return _FileSpool(key, self.spool_directory)

    async def read(
        self, key: str, start: int, end: int, principal: Principal | None
    ) -> AsyncIterator[bytes]:
        from app.db.unit_of_work import UnitOfWork

        sessionmaker: async_sessionmaker[AsyncSession] = self._sessionmaker_of()
        first, last = start // PG_CHUNK_BYTES, end // PG_CHUNK_BYTES
        for seq in range(first, last + 1):
            # One short transaction per chunk, as the caller (row-level security applies):
            # a slow reader holds no transaction open.
            async with UnitOfWork(sessionmaker, principal=principal) as uow:
                data = (
                    await uow.session.execute(
                        select(DocumentChunkRow.data).where(
                            DocumentChunkRow.storage_key == key, DocumentChunkRow.seq == seq
                        )
                    )
                ).scalar_one()
            offset = seq * PG_CHUNK_BYTES
            low = max(start - offset, 0)
            high = min(end - offset + 1, len(data))
            yield bytes(data[low:high])


# -- S3-compatible ----------------------------------------------------------------------


class _S3Writer:
    def __init__(self, storage: S3Storage, key: str) -> None:
        self.storage = storage
        self.key = storage.object_key(key)
        self.buffer = bytearray()
        self.upload_id: str | None = None
        self.parts: list[dict] = []

    async def _call(self, method: str, **arguments):
        return await asyncio.to_thread(getattr(self.storage.client, method), **arguments)

    async def _send_part(self) -> None:
        if self.upload_id is None:
            started = await self._call(
                "create_multipart_upload", Bucket=self.storage.bucket, Key=self.key
            )
            self.upload_id = started["UploadId"]
        body = bytes(self.buffer)
        self.buffer.clear()
        number = len(self.parts) + 1
        answer = await self._call(
            "upload_part",
            Bucket=self.storage.bucket,
            Key=self.key,
            UploadId=self.upload_id,
            PartNumber=number,
            Body=body,
        )
        self.parts.append({"PartNumber": number, "ETag": answer["ETag"]})

    async def write(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) >= S3_PART_BYTES:
            await self._send_part()

    async def finish(self) -> None:
        if self.upload_id is None:
            # Small object: one request.
            await self._call(
                "put_object", Bucket=self.storage.bucket, Key=self.key, Body=bytes(self.buffer)
            )
            self.buffer.clear()
            return
        if self.buffer:
            await self._send_part()
        await self._call(
            "complete_multipart_upload",
            Bucket=self.storage.bucket,
            Key=self.key,
            UploadId=self.upload_id,
            MultipartUpload={"Parts": self.parts},
        )

    async def abort(self) -> None:
        self.buffer.clear()
        if self.upload_id is not None:
            await self._call(
                "abort_multipart_upload",
                Bucket=self.storage.bucket,
                Key=self.key,
                UploadId=self.upload_id,
            )


class _S3Spool(_S3Writer):
    """An upload goes straight into the bucket as it streams; recording it only writes
    its row. One not recorded after all is deleted."""

    def __init__(self, storage: S3Storage, key: str) -> None:
        super().__init__(storage, key)
        self.name = key

    async def keep(self, session: AsyncSession) -> None:
        return None

    async def discard(self) -> None:
        await self.storage.forget(self.name)

    async def release(self) -> None:
        return None


class S3Storage:
    name = "s3"

    def __init__(self, client, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    @classmethod
    def from_settings(cls, settings: Settings) -> S3Storage:
        import boto3

        secret = settings.documents_s3_secret_access_key
        client = boto3.client(
            "s3",
            endpoint_url=settings.documents_s3_endpoint_url,
            region_name=settings.documents_s3_region,
            aws_access_key_id=settings.documents_s3_access_key_id,
            aws_secret_access_key=secret.get_secret_value() if secret else None,
        )
        return cls(client, settings.documents_s3_bucket or "", settings.documents_s3_prefix)

    def object_key(self, key: str) -> str:
        return f"{self.prefix}{key}"

    async def older_keys(self, before: datetime) -> AsyncIterator[list[str]]:
        """Our keys (prefix removed) of objects last written before `before`, a page at
        a time (S3 lists 1,000 keys per call)."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        iterator = iter(pages)
        while True:
            page = await asyncio.to_thread(next, iterator, None)
            if page is None:
                return
            yield [
                item["Key"][len(self.prefix) :]
                for item in page.get("Contents", [])
                if item["LastModified"] < before
            ]

    async def delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            batch = keys[start : start + 1000]
            await asyncio.to_thread(
                self.client.delete_objects,
                Bucket=self.bucket,
                Delete={"Objects": [{"Key": self.object_key(key)} for key in batch]},
            )

    def writer(self, session: AsyncSession, key: str) -> Writer:
        return _S3Writer(self, key)

    def spool(self, key: str) -> Spool:
        return _S3Spool(self, key)

    async def forget(self, key: str) -> None:
        await asyncio.to_thread(
            self.client.delete_object, Bucket=self.bucket, Key=self.object_key(key)
        )

    async def read(
        self, key: str, start: int, end: int, principal: Principal | None
    ) -> AsyncIterator[bytes]:
        answer = await asyncio.to_thread(
            self.client.get_object,
            Bucket=self.bucket,
            Key=self.object_key(key),
            Range=f"bytes={start}-{end}",
        )
        body = answer["Body"]
        try:
            while True:
                data = await asyncio.to_thread(body.read, READ_BYTES)
                if not data:
                    break
                yield data
        finally:
            body.close()


def storages_from_settings(
    settings: Settings, sessionmaker_of: Callable[[], async_sessionmaker[AsyncSession]]
) -> dict[str, DocumentStorage]:
    """Every storage a document may live in, by name; the configured one first (new
    uploads go there). PostgreSQL is always readable: documents stored there before a
    move to a bucket stay served."""
    postgres = PostgresStorage(sessionmaker_of, settings.documents_spool_directory)
    if settings.documents_storage == "s3":
        return {S3Storage.name: S3Storage.from_settings(settings), postgres.name: postgres}
    return {postgres.name: postgres}
