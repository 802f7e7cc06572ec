"""What a user drops on a request: files, whole folders, ZIPs of released records.

Each item becomes one or more `Incoming` files: a stream of bytes and the name to show. A ZIP
is read member by member straight into the store (no member is ever written to a path taken
from the archive), with limits that stop a ZIP bomb: at most MAX_MEMBERS files, MAX_TOTAL bytes
in all, and a member that expands more than MAX_RATIO times its compressed size beyond
RATIO_FLOOR bytes is skipped. A member whose name climbs out of the archive (`../`), is
absolute, or is a link is skipped and named. Folders are walked without following links.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

MAX_MEMBERS = 20_000
MAX_TOTAL = 8 * 1024**3  # 8 GiB expanded from one archive
MAX_RATIO = 200
RATIO_FLOOR = 50 * 1024 * 1024  # small members may compress very well (text)


@dataclass(frozen=True)
class Incoming:
    """One file to keep: `open()` gives its bytes; `name` is how the user knows it."""

    name: str
    open: Callable[[], IO[bytes]]
    container: str = ""  # the ZIP or folder ("name/") it came from; "" for a file given directly
    limit: int | None = None  # at most this many bytes may be read (ZIP members)
    local_path: Path | None = None  # the file on disk, when it is one


@dataclass(frozen=True)
class Skipped:
    """Something not attached, and why, in plain words."""

    name: str
    reason: str


def expand(path: Path) -> Iterator[Incoming | Skipped]:
    """The files `path` stands for: itself, a folder's files, or a ZIP's members."""
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        yield Skipped(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(mode):
        yield from _folder(path)
    elif not stat.S_ISREG(mode) and not stat.S_ISLNK(mode):
        yield Skipped(str(path), "not a regular file (a device, pipe or socket)")
    elif path.suffix.lower() == ".zip":
        yield from _zip(path)
    else:
        yield _file(path, path.name)


def _file(path: Path, name: str, container: str = "") -> Incoming:
    return Incoming(name, lambda: open(path, "rb"), container, local_path=path)  # noqa: SIM115


def _folder(root: Path) -> Iterator[Incoming | Skipped]:
    for path in sorted(root.rglob("*")):
        try:
            mode = path.lstat().st_mode
        except OSError as exc:
            yield Skipped(str(path), f"cannot be read: {exc.strerror or exc}")
            continue
        if stat.S_ISLNK(mode):
            yield Skipped(str(path), "a link: only the files inside the folder are attached")
        elif stat.S_ISREG(mode):
            relative = path.relative_to(root.parent).as_posix()
            if path.suffix.lower() == ".zip":
                yield from _zip(path, shown=relative)
            else:
                yield _file(path, relative, container=f"{root.name}/")


def _zip(path: Path, shown: str | None = None) -> Iterator[Incoming | Skipped]:
    shown = shown or path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Skipped(shown, f"not a readable ZIP archive ({exc})")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            yield Skipped(shown, f"has {len(members)} files; at most {MAX_MEMBERS} are read")
            members = members[:MAX_MEMBERS]
        budget = MAX_TOTAL
        for member in members:
            name = member.filename
            problem = _member_problem(member)
            if problem:
                yield Skipped(f"{shown}: {name}", problem)
                continue
            if member.file_size > budget:
                yield Skipped(f"{shown}: {name}", "the archive expands to more than 8 GiB")
                break
            budget -= member.file_size
            limit = member.file_size  # a member that claims less than it holds is stopped

            # The archive stays open while this member is consumed (the caller stores each
            # item before asking for the next), so its member list is read once, not per member.
            def opener(m: zipfile.ZipInfo = member) -> IO[bytes]:
                return archive.open(m)

            yield Incoming(str(PurePosixPath(name)), opener, container=shown, limit=limit)


def _member_problem(member: zipfile.ZipInfo) -> str:
    name = member.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
        return "skipped: its name points outside the archive (a path-traversal name)"
    if stat.S_ISLNK(member.external_attr >> 16):
        return "skipped: a link inside the archive"
    if member.flag_bits & 0x1:
        return "skipped: encrypted inside the archive (no password)"
    compressed = max(member.compress_size, 1)
    if member.file_size > RATIO_FLOOR and member.file_size / compressed > MAX_RATIO:
        ratio = member.file_size // compressed
        return f"skipped: expands {ratio} times its size (a ZIP bomb?)"
    return ""
