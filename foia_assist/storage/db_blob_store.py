"""Attachments' bytes kept in the tracker's database (a shared tracker: every member of the
team reaches them, not a folder on one person's disk). Schema 6's `blobs` and `blob_chunks`.

A file goes in as rows of at most `CHUNK` (1 MiB) bytes and comes out the same way, one
query per chunk, so neither side ever holds the whole file in memory (psycopg would fetch a
whole result at once). Incoming bytes are first spooled to a temporary file while they are
hashed (the hash names the blob, and the case file reads its text from a file); the rows are
written in one transaction, so a blob is either all there or not there at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from foia_assist.errors import UserError
from foia_assist.storage.blob_store import CHUNK, Blobs, BlobStore, check_sha256
from foia_assist.storage.database import Database


class DatabaseBlobStore:
    def __init__(self, db: Database, spool_dir: Path | None = None) -> None:
        self.db = db
        self.spool_dir = spool_dir  # None: the system's temporary folder

    def has(self, sha256: str) -> bool:
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM blobs WHERE sha256 = ?", (check_sha256(sha256),)
            ).fetchone()
        return row is not None

    def size(self, sha256: str) -> int:
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT size FROM blobs WHERE sha256 = ?", (check_sha256(sha256),)
            ).fetchone()
        if row is None:
            raise UserError(f"the stored file {sha256[:12]}… is missing from the database")
        return int(row[0])

    def put_file(self, source: Path) -> tuple[str, int]:
        with open(source, "rb") as fh:
            return self.put_stream(fh)

    def put_stream(self, stream: IO[bytes], limit: int | None = None) -> tuple[str, int]:
        """Copy a stream in (at most `limit` bytes, else ValueError); returns (sha256, size)."""
        if self.spool_dir is not None:
            self.spool_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=self.spool_dir) as spool:
            digest = hashlib.sha256()
            size = 0
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if limit is not None and size > limit:
                    raise ValueError(f"larger than {limit} bytes")
                digest.update(chunk)
                spool.write(chunk)
            sha = digest.hexdigest()
            spool.seek(0)
            self._insert(sha, size, spool)
        return sha, size

    def _insert(self, sha: str, size: int, spool: IO[bytes]) -> None:
        with self.db.transaction() as conn:
            # Two people attaching the same file at once: the second waits for the first's
            # row, then inserts nothing (the blob is kept once).
            cur = conn.execute(
                "INSERT INTO blobs (sha256, size) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
                (sha, size),
            )
            if cur.rowcount == 0:
                return
            seq = 0
            while chunk := spool.read(CHUNK):
                conn.execute(
                    "INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)",
                    (sha, seq, chunk),
                )
                seq += 1

    def chunks(self, sha256: str) -> Iterator[bytes]:
        check_sha256(sha256)
        with self.db.reading() as conn:
            count = conn.execute(
                "SELECT count(*) FROM blob_chunks WHERE sha256 = ?", (sha256,)
            ).fetchone()[0]
        if not count and not self.has(sha256):
            raise UserError(f"the stored file {sha256[:12]}… is missing from the database")
        for seq in range(int(count)):
            # One chunk per query, each in its own short read: a reader never holds the
            # database (or the memory) for the whole file.
            with self.db.reading() as conn:
                row = conn.execute(
                    "SELECT data FROM blob_chunks WHERE sha256 = ? AND seq = ?", (sha256, seq)
                ).fetchone()
            if row is None:
                raise UserError(f"the stored file {sha256[:12]}… is incomplete in the database")
            yield bytes(row[0])

    def copy_to(self, sha256: str, target: Path) -> None:
        """Write the bytes to `target` (checked against their hash; a partial file is never
        left under the target's name)."""
        part = target.with_name(f".{target.name}.part")
        digest = hashlib.sha256()
        try:
            with open(part, "wb") as out:
                for chunk in self.chunks(sha256):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != sha256:
                raise UserError(f"the stored file {sha256[:12]}… does not match its hash")
            os.replace(part, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(part)
            raise

    @contextlib.contextmanager
    def local_file(self, sha256: str) -> Iterator[Path]:
        folder = Path(tempfile.mkdtemp(prefix="foia-assist-blob-", dir=self.spool_dir))
        try:
            path = folder / sha256
            self.copy_to(sha256, path)
            yield path
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def remove_unreferenced(self, sha256s: Iterable[str], still_used: set[str]) -> int:
        removed = 0
        with self.db.transaction() as conn:
            for sha in set(sha256s) - still_used:
                conn.execute("DELETE FROM blob_chunks WHERE sha256 = ?", (check_sha256(sha),))
                cur = conn.execute("DELETE FROM blobs WHERE sha256 = ?", (sha,))
                removed += max(cur.rowcount, 0)
        return removed


def blobs_for(db: Database, folder: Path) -> Blobs:
    """Where a tracker keeps attachments' bytes: a PostgreSQL tracker (shared by a team) in
    the database itself, a SQLite tracker in the attachments folder beside it."""
    if db.dialect == "postgresql":
        return DatabaseBlobStore(db)
    return BlobStore(folder)
