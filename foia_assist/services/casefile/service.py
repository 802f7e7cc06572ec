"""Attach what the agency sent back to a tracked request, read it, and search it.

`attach` is a generator: it yields one `AttachOutcome` per file as it goes (the window shows
progress, the CLI prints), and a bad file is reported and skipped, never stopping the batch.
Each file is kept byte for byte, once, under its SHA-256 (`storage.blob_store`); its text goes
to the full-text index; replies (emails, letters) also get proposed events, which the user
confirms before anything is logged.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from foia_assist.errors import UserError
from foia_assist.services.casefile.extract import Extracted, extract
from foia_assist.services.casefile.reply_reader import Suggestion, suggest_events
from foia_assist.services.casefile.sources import Incoming, Skipped, expand
from foia_assist.storage.attachments_repo import Attachment, AttachmentsRepository, SearchHit
from foia_assist.storage.blob_store import Blobs, BlobStore
from foia_assist.storage.database import Database

BATCH_FILES = 50  # files saved per database commit

# Replies worth reading for events; released records (inside a ZIP or a folder) are not.
_REPLY_KINDS = frozenset({"email", "pdf", "docx", "text"})


@dataclass(frozen=True)
class AttachOutcome:
    name: str
    attachment: Attachment | None = None  # None: skipped (see `skipped`)
    new: bool = True  # False: this file was already attached under this name
    suggestions: tuple[Suggestion, ...] = field(default=())
    skipped: str = ""  # why it was not attached

    def to_dict(self) -> dict[str, object]:
        if self.attachment is None:
            return {"name": self.name, "attachment_id": None, "skipped": self.skipped}
        out = self.attachment.to_dict()
        out["already_attached"] = not self.new
        out["suggestions"] = [s.to_dict() for s in self.suggestions]
        return out


class CaseFileService:
    def __init__(self, db: Database, blobs: Blobs | Path) -> None:
        """`blobs`: where the bytes go (a folder for a local tracker, the database for a
        shared one: see `storage.blob_store` and `storage.db_blob_store`)."""
        self.attachments = AttachmentsRepository(db)
        self.blobs: Blobs = BlobStore(blobs) if isinstance(blobs, Path) else blobs

    def attach(
        self,
        request_id: int,
        paths: Iterable[Path],
        *,
        today: date,
        received: date | None = None,
    ) -> Generator[AttachOutcome, None, None]:
        """Keep each file (folders and ZIPs expanded) with the request; one outcome each.

        Files are saved in batches of up to BATCH_FILES (one database commit each; every
        file's bytes are on disk before its row is committed), and a batch's outcomes are
        yielded once it is saved, so what was reported attached is attached."""
        self.attachments.require_request(request_id)  # before a single byte is copied in
        pending: list[tuple[Attachment, str, AttachOutcome]] = []
        for path in paths:
            for item in expand(Path(path)):
                if isinstance(item, Skipped):
                    yield from self._save(pending)
                    yield AttachOutcome(item.name, skipped=item.reason)
                    continue
                kept = self._keep(request_id, item, today=today, received=received)
                if isinstance(kept, AttachOutcome):
                    yield from self._save(pending)
                    yield kept
                    continue
                pending.append(kept)
                if len(pending) >= BATCH_FILES:
                    yield from self._save(pending)
        yield from self._save(pending)

    def _save(
        self, pending: list[tuple[Attachment, str, AttachOutcome]]
    ) -> Iterator[AttachOutcome]:
        if not pending:
            return
        saved = self.attachments.add_all([(a, text) for a, text, _ in pending])
        batch = list(pending)
        pending.clear()
        for (record, _, outcome), (attachment_id, new) in zip(batch, saved, strict=True):
            yield replace(outcome, attachment=replace(record, id=attachment_id), new=new)

    def _keep(
        self, request_id: int, item: Incoming, *, today: date, received: date | None
    ) -> tuple[Attachment, str, AttachOutcome] | AttachOutcome:
        """Store the bytes and read the text; the row is saved later, with its batch."""
        try:
            with item.open() as stream:
                sha, size = self.blobs.put_stream(stream, limit=item.limit)
        except ValueError as exc:
            return AttachOutcome(item.name, skipped=f"skipped: {exc} (the archive lied about it)")
        except OSError as exc:
            return AttachOutcome(item.name, skipped=f"cannot be read: {exc.strerror or exc}")
        except Exception as exc:  # zlib/bz2/lzma errors from a damaged archive member
            return AttachOutcome(item.name, skipped=f"cannot be read ({type(exc).__name__}: {exc})")
        with self.blobs.local_file(sha) as kept:
            found: Extracted = extract(kept, item.name)
        on = received or found.sent_on or today
        record = Attachment(
            0,
            request_id,
            sha,
            size,
            item.name,
            found.kind,
            on,
            today,
            item.container,
            found.problem,
        )
        suggestions: tuple[Suggestion, ...] = ()
        if not item.container and found.kind in _REPLY_KINDS and found.text:
            suggestions = tuple(suggest_events(found.text, found.sent_on or on))
        return record, _searchable(found), AttachOutcome(item.name, suggestions=suggestions)

    def remove(self, attachment_id: int) -> Attachment:
        """Take one attachment off its request; its bytes go when nothing else uses them."""
        gone = self.attachments.delete(attachment_id)
        self.blobs.remove_unreferenced([gone.sha256], self.attachments.sha256s_in_use())
        return gone

    def for_request(self, request_id: int) -> list[Attachment]:
        return self.attachments.for_request(request_id)

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        if not text.strip():
            raise UserError("search for what? give one or more words")
        return self.attachments.search(text, limit)

    def copy_out(self, attachment_id: int, folder: Path) -> Path:
        """A copy of the kept file under its own name in `folder` (to open it in another
        program without touching the kept file). The name is reduced to its last part."""
        a = self.attachments.get(attachment_id)
        name = a.name.replace("\\", "/").rsplit("/", 1)[-1].strip() or f"attachment-{a.id}"
        name = "".join(c if c.isprintable() and c not in '<>:"|?*' else "_" for c in name)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        self.blobs.copy_to(a.sha256, target)
        return target

    def stored_path(self, attachment_id: int) -> Path:
        """The kept copy (read-only) in the attachments folder of a local tracker; a shared
        tracker keeps it in the database (use `copy_out`)."""
        sha = self.attachments.get(attachment_id).sha256
        if not isinstance(self.blobs, BlobStore):
            raise UserError("this attachment is kept in the shared database: copy it out first")
        return self.blobs.path_of(sha)


def _searchable(found: Extracted) -> str:
    header = "\n".join(x for x in (found.subject, found.sender) if x)
    return f"{header}\n\n{found.text}" if header else found.text
