"""Copy a whole tracker from one database to another (`foia-assist track migrate`).

Any backend to any backend (SQLite file, PostgreSQL server): requests with their events,
reminders, letter records and history of versions, the agency contact book, attachments with
their bytes and their text, and the mailbox watch's bookmarks, all under their own ids.

A target that already holds anything is refused unless `replace`. The bytes of attachments
are copied first (chunk by chunk, never a whole file in memory; each store keeps a file once),
then every row in ONE transaction, so a failure leaves the target's rows as they were.
Afterwards both sides are read back and compared: the counts of every table, one SHA-256 over
all the rows (a canonical JSON of the same document a backup writes), and every attachment's
bytes hashed again as read from the target. Any difference is an error naming it.

`migrate` is a generator of progress lines (the window shows them, the CLI prints them).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from foia_assist.errors import UserError
from foia_assist.services.backup import backup_document
from foia_assist.storage.agencies_repo import AgenciesRepository
from foia_assist.storage.attachments_repo import AttachmentsRepository
from foia_assist.storage.blob_store import CHUNK, Blobs
from foia_assist.storage.database import Database
from foia_assist.storage.requests_repo import RequestsRepository

_EPOCH = datetime(2000, 1, 1)  # the backup document's "made", the same on both sides


@dataclass(frozen=True)
class Side:
    """One end of a migration: a tracker's database and where its attachments' bytes are."""

    db: Database
    blobs: Blobs
    label: str  # shown in messages: the file or the server (never a password)


@dataclass(frozen=True)
class TrackerDigest:
    counts: dict[str, int]
    sha256: str  # over every row (see `digest`)


@dataclass(frozen=True)
class Progress:
    message: str
    done: int = 0
    total: int = 0


def _count(db: Database, table: str) -> int:
    with db.reading() as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608


_TABLES = (
    "requests",
    "events",
    "reminders",
    "letters",
    "request_changes",
    "agencies",
    "attachments",
    "mailbox_seen",
)


def digest(side: Side) -> TrackerDigest:
    """The counts of the tracker's tables and one SHA-256 over all their rows.

    The rows go in as the canonical JSON of a backup document (requests with events,
    reminders, letters and their hashes, history; agencies), then each attachment's record
    and its text, then the mailbox bookmarks: equal digests mean equal data."""
    db = side.db
    requests, agencies = RequestsRepository(db), AgenciesRepository(db)
    attachments = AttachmentsRepository(db)
    h = hashlib.sha256()
    with db.reading():  # one snapshot
        doc = backup_document(requests, agencies, _EPOCH)
        h.update(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        for a in attachments.all():
            h.update(json.dumps(a.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
            h.update(hashlib.sha256(attachments.text(a.id).encode("utf-8")).digest())
        for row in _mailbox_rows(db):
            h.update(json.dumps(list(row), ensure_ascii=False).encode("utf-8"))
        counts = {table: _count(db, table) for table in _TABLES}
    return TrackerDigest(counts, h.hexdigest())


def _mailbox_rows(db: Database) -> list[tuple[Any, ...]]:
    with db.reading() as conn:
        return [
            (str(m), int(v), int(u))
            for m, v, u in conn.execute(
                "SELECT mailbox, uidvalidity, last_uid FROM mailbox_seen ORDER BY mailbox"
            )
        ]


def _is_empty(side: Side) -> bool:
    return all(_count(side.db, t) == 0 for t in ("requests", "agencies", "attachments"))


class _ChunkStream(io.RawIOBase):
    """A raw stream over a store's chunks (wrapped in a BufferedReader for `put_stream`)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._left = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._left = memoryview(chunk)
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n


def _reader(chunks: Iterator[bytes]) -> io.BufferedReader:
    return io.BufferedReader(_ChunkStream(chunks), CHUNK)


def migrate(
    source: Side,
    target: Side,
    *,
    replace: bool = False,
    now: Callable[[], datetime] = datetime.now,
) -> Iterator[Progress]:
    """Copy everything from `source` to `target`, then check the copy (see the module)."""
    if not _is_empty(target):
        if not replace:
            raise UserError(
                f"{target.label} already holds a tracker (requests, agencies or attachments); "
                "migrating would mix two trackers. Use --replace to swap its contents for "
                f"{source.label}'s"
            )
        kept = target.db.copy_to_backups("before-migrate", now())
        yield Progress(f"A copy of what {target.label} held is in {kept}")
    yield Progress(f"Reading {source.label}")
    src_requests = RequestsRepository(source.db)
    src_agencies = AgenciesRepository(source.db)
    src_attachments = AttachmentsRepository(source.db)
    with source.db.reading():  # one snapshot of the source
        requests = src_requests.all()
        history = src_requests.all_changes()
        agencies = src_agencies.all()
        attachments = [(a, src_attachments.text(a.id)) for a in src_attachments.all()]
        mailbox = _mailbox_rows(source.db)
        before = digest(source)  # the same snapshot as what is copied

    shas = sorted({a.sha256 for a, _ in attachments})
    for i, sha in enumerate(shas, 1):
        if not target.blobs.has(sha):
            got, _ = target.blobs.put_stream(_reader(source.blobs.chunks(sha)))
            if got != sha:
                raise UserError(
                    f"the attachment {sha[:12]}… in {source.label} does not match its hash "
                    f"(read back as {got[:12]}…); nothing was migrated"
                )
        yield Progress(f"Copied the bytes of {i} of {len(shas)} attachments", i, len(shas))

    yield Progress(f"Writing {len(requests)} requests to {target.label}")
    dst_requests = RequestsRepository(target.db)
    dst_agencies = AgenciesRepository(target.db)
    dst_attachments = AttachmentsRepository(target.db)
    replaced = dst_attachments.sha256s_in_use()
    with target.db.transaction() as conn:
        dst_attachments.clear()
        dst_requests.clear()
        dst_agencies.clear()
        conn.execute("DELETE FROM mailbox_seen")
        dst_requests.add_many(requests, keep_ids=True)
        dst_requests.add_changes(history)
        dst_agencies.add_many(agencies, keep_ids=True)
        dst_attachments.add_with_ids(attachments)
        for row in mailbox:
            conn.execute(
                "INSERT INTO mailbox_seen (mailbox, uidvalidity, last_uid) VALUES (?, ?, ?)", row
            )
    # Bytes only the replaced tracker used go with it.
    target.blobs.remove_unreferenced(replaced, set(shas))
    yield Progress("Checking the copy")
    yield from _verify(source, target, before, shas)


def _verify(
    source: Side, target: Side, before: TrackerDigest, shas: list[str]
) -> Iterator[Progress]:
    after = digest(target)
    if after.counts != before.counts:
        differ = ", ".join(
            f"{t}: {before.counts[t]} in {source.label}, {after.counts.get(t)} in {target.label}"
            for t in before.counts
            if before.counts[t] != after.counts.get(t)
        )
        raise UserError(f"the copy differs from the original ({differ})")
    if after.sha256 != before.sha256:
        raise UserError(
            f"the copy's data differs from the original's (SHA-256 {after.sha256[:12]}… "
            f"instead of {before.sha256[:12]}…)"
        )
    for i, sha in enumerate(shas, 1):
        h = hashlib.sha256()
        for chunk in target.blobs.chunks(sha):
            h.update(chunk)
        if h.hexdigest() != sha:
            raise UserError(f"the attachment {sha[:12]}… was not copied intact to {target.label}")
        yield Progress(f"Checked the bytes of {i} of {len(shas)} attachments", i, len(shas))
    counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in after.counts.items())
    yield Progress(f"Copied and checked: {counts}; data SHA-256 {after.sha256}")
