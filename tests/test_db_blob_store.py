"""Attachments kept in the database (a shared tracker's store), streamed in 1 MiB chunks,
on SQLite and on a real (throwaway) PostgreSQL server."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from postgres_server import on_both_backends

from foia_assist.services.casefile.service import CaseFileService
from foia_assist.storage.blob_store import CHUNK
from foia_assist.storage.database import Database
from foia_assist.storage.db_blob_store import DatabaseBlobStore

TODAY = date(2027, 1, 10)


class _CountingStream(io.RawIOBase):
    """A readable stream of `size` pseudo-random bytes that remembers its largest read."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.largest = 0
        self.digest = hashlib.sha256()
        self._seed = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        assert n != -1, "the store must never ask for the whole stream at once"
        self.largest = max(self.largest, n)
        n = min(n, self.left)
        out = bytearray()
        while len(out) < n:
            self._seed += 1
            out += hashlib.sha256(self._seed.to_bytes(8, "big")).digest()
        data = bytes(out[:n])
        self.left -= n
        self.digest.update(data)
        return data


pytestmark = on_both_backends


@pytest.fixture
def db(database_target: Any, tmp_path: Path) -> Iterator[Database]:
    from foia_assist.storage.database_open import open_database

    database = open_database(database_target, tmp_path / "backups")
    yield database
    database.close()


def test_a_file_goes_in_and_out_in_chunks_of_one_mib(db: Database, tmp_path: Path) -> None:
    store = DatabaseBlobStore(db, spool_dir=tmp_path / "spool")
    stream = _CountingStream(3 * CHUNK + 12345)
    sha, size = store.put_stream(stream)  # type: ignore[arg-type]
    assert size == 3 * CHUNK + 12345
    assert sha == stream.digest.hexdigest()
    assert stream.largest <= CHUNK
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT seq, length(data) FROM blob_chunks WHERE sha256 = ? ORDER BY seq", (sha,)
        ).fetchall()
    assert rows == [(0, CHUNK), (1, CHUNK), (2, CHUNK), (3, 12345)]
    pieces = list(store.chunks(sha))
    assert max(len(p) for p in pieces) == CHUNK
    assert hashlib.sha256(b"".join(pieces)).hexdigest() == sha
    out = tmp_path / "out.bin"
    store.copy_to(sha, out)
    assert out.stat().st_size == size
    assert hashlib.sha256(out.read_bytes()).hexdigest() == sha
    with store.local_file(sha) as local:
        assert hashlib.sha256(local.read_bytes()).hexdigest() == sha
    assert not local.exists()  # the temporary copy goes with the `with`
    assert os.listdir(tmp_path / "spool") == []


def test_the_same_bytes_are_kept_once_and_removed_when_unused(db: Database) -> None:
    store = DatabaseBlobStore(db)
    first = store.put_stream(io.BytesIO(b"same bytes"))
    second = store.put_stream(io.BytesIO(b"same bytes"))
    assert first == second
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM blob_chunks").fetchone()[0] == 1
    assert store.remove_unreferenced([first[0]], still_used={first[0]}) == 0
    assert store.has(first[0])
    assert store.remove_unreferenced([first[0]], still_used=set()) == 1
    assert not store.has(first[0])
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM blob_chunks").fetchone()[0] == 0


def test_a_stream_over_its_limit_leaves_nothing(db: Database) -> None:
    store = DatabaseBlobStore(db)
    with pytest.raises(ValueError, match="larger than 10 bytes"):
        store.put_stream(io.BytesIO(b"x" * 11), limit=10)
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0


def test_the_case_file_works_over_the_database_store(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tracking_helpers import tracked_spec

    rid = tracker.add_request(tracked_spec("WA"), today=TODAY, sent=date(2027, 1, 2))
    db = tracker.requests.db
    service = CaseFileService(db, DatabaseBlobStore(db))
    reply = tmp_path / "reply.txt"
    reply.write_text("We deny the request for the Clearview contract.", encoding="utf-8")
    [outcome] = list(service.attach(rid, [reply], today=TODAY))
    assert outcome.attachment is not None
    assert [h.attachment_id for h in service.search("Clearview")] == [outcome.attachment.id]
    copy = service.copy_out(outcome.attachment.id, tmp_path / "out")
    assert copy.read_bytes() == reply.read_bytes()
    assert not any((tmp_path / "data").rglob(outcome.attachment.sha256))  # not in a folder
    service.remove(outcome.attachment.id)
    assert not service.blobs.has(outcome.attachment.sha256)
