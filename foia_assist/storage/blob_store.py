"""Files kept byte for byte, once each, under their SHA-256 (a content-addressed folder).

`Blobs` is what the case file needs of a store; `BlobStore` (this folder) is the local
tracker's, `storage.db_blob_store.DatabaseBlobStore` a shared tracker's (in the database).

`attachments/ab/abcdef…` holds the bytes of every file whose SHA-256 starts with `ab`. A file
is copied in chunks (a 2 GB release never sits in memory), hashed as it is copied, and moved
into place only when complete (a crash leaves at most a temporary file, never a wrong one).
The same content attached twice is stored once. Stored files are made read-only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Protocol

CHUNK = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def check_sha256(sha256: str) -> str:
    if not _SHA256.match(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return sha256


class Blobs(Protocol):
    """Where attachments' bytes are kept, each once under its SHA-256."""

    def has(self, sha256: str) -> bool: ...

    def put_file(self, source: Path) -> tuple[str, int]: ...

    def put_stream(self, stream: IO[bytes], limit: int | None = None) -> tuple[str, int]: ...

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The bytes, at most CHUNK at a time (never the whole file at once)."""
        ...

    def copy_to(self, sha256: str, target: Path) -> None: ...

    def local_file(self, sha256: str) -> contextlib.AbstractContextManager[Path]:
        """A file on this computer with the bytes, for as long as the `with` lasts."""
        ...

    def remove_unreferenced(self, sha256s: Iterable[str], still_used: set[str]) -> int: ...


class BlobStore:
    """The local tracker's store: the `attachments/` folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def chunks(self, sha256: str) -> Iterator[bytes]:
        with open(self.path_of(sha256), "rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def copy_to(self, sha256: str, target: Path) -> None:
        shutil.copyfile(self.path_of(sha256), target)

    @contextlib.contextmanager
    def local_file(self, sha256: str) -> Iterator[Path]:
        yield self.path_of(sha256)

    def put_file(self, source: Path) -> tuple[str, int]:
        """Copy `source` in; returns (sha256, size). The source is only read."""
        with open(source, "rb") as fh:
            return self.put_stream(fh)

    def put_stream(self, stream: IO[bytes], limit: int | None = None) -> tuple[str, int]:
        """Copy a stream in (at most `limit` bytes, else ValueError); returns (sha256, size)."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming.", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise ValueError(f"larger than {limit} bytes")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            target = self.path_of(sha)
            if target.is_file() and target.stat().st_size == size:
                os.unlink(tmp_name)  # already kept: stored once
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(tmp_name, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
                os.replace(tmp_name, target)
            return sha, size
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise

    def remove_unreferenced(self, sha256s: Iterable[str], still_used: set[str]) -> int:
        """Delete the blobs of `sha256s` that no attachment uses any more; how many."""
        removed = 0
        for sha in set(sha256s) - still_used:
            path = self.path_of(sha)
            with contextlib.suppress(FileNotFoundError):
                os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
                path.unlink()
                removed += 1
        return removed
