"""Atomic file writes: a reader sees the old file or the new one, never half of either.

A symbolic link is written through (its target gets the new content, the link stays); a
target that exists but is not a regular file (a folder, a device such as /dev/stdout, a
pipe) is refused: renaming over it would replace the node itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from foia_assist.errors import UserError


class NotARegularFileError(UserError, OSError):
    """The path names a folder, device, pipe or socket: a user error and an OSError, so
    callers that catch either report it as one line."""

    def __init__(self, path: Path, target: Path | None, kind: str) -> None:
        via = f" (it links to {target})" if target is not None else ""
        self.message = f"cannot write {path}{via}: it is not a regular file ({kind})"
        code = errno.EISDIR if kind == "a folder" else errno.EINVAL
        OSError.__init__(self, code, f"not a regular file ({kind})", str(path))

    def __str__(self) -> str:
        return self.message


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link that loops or cannot be followed"
    return "a special file"


def _write_target(path: Path) -> tuple[Path, int | None]:
    """Where to write for `path` (symlinks followed) and the existing file's mode, if any."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.lstat(target)
    except OSError:  # not there yet (or a parent is missing or not a folder: reported later)
        return target, None
    if not stat.S_ISREG(st.st_mode):
        linked = target if target is not path and target != Path(os.path.abspath(path)) else None
        raise NotARegularFileError(path, linked, _kind(st.st_mode))
    return target, st.st_mode & 0o777


def atomic_write_bytes(path: Path | str, data: bytes, *, durable: bool = True) -> Path:
    """Write `data` to `path` via a temporary file in the same folder, fsync and rename.

    Returns `path`; when it is a symlink, its target is what gets replaced. Raises
    `NotARegularFileError` when `path` exists and is not a regular file.

    The rename makes the write atomic for other processes and against the writer being
    killed. `durable=False` skips the fsyncs (about 5 ms a file here), for batches of
    files whose hashes are recorded elsewhere (bulk export checks them on a rerun); the
    file can then be lost or empty after a power cut, never half-written after a crash.
    """
    given = Path(path)
    target, mode = _write_target(given)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temporary file goes beside the real file (a link's target), so the rename stays
    # within one file system and replaces that file, not the link.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a normal save would have:
        # the old file's mode when replacing one, otherwise 0666 less the user's umask.
        os.chmod(tmp_name, mode if mode is not None else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
        _fsync_dir(target.parent)
    return given


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return atomic_write_bytes(path, text.encode(encoding))


def _umask() -> int:
    """The process umask, read without changing it where the platform allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, then put it back
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable where the platform allows it (not on Windows).
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
