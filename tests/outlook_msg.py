"""Outlook .msg files for tests: a minimal Compound File (OLE2) writer, since no kept library
writes them. Streams are padded to 4,096 bytes so no mini stream is needed (readers then take
them from normal sectors). Import by name: `from outlook_msg import outlook_msg`."""

import struct

SECTOR = 512
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    raw = encoded.ljust(64, b"\0")
    return (
        raw
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour black
        + struct.pack("<III", 0xFFFFFFFF, right, child)  # left, right, child
        + b"\0" * 16
        + struct.pack("<I", 0)
        + b"\0" * 16  # clsid, state, times
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """Every stream padded to at least 4096 bytes (no mini stream needed)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data = [streams[n].ljust(4096, b"\0") for n in names]
    chains, sectors = [], 0
    for d in data:
        n = -(-len(d) // SECTOR)
        chains.append((sectors, n))
        sectors += n
    dir_entries = 1 + len(names)
    dir_sectors = -(-dir_entries * 128 // SECTOR)
    fat_sectors = 1
    while (sectors + dir_sectors + fat_sectors) > fat_sectors * 128:
        fat_sectors += 1
    first_data = fat_sectors + dir_sectors
    fat = [FATSECT] * fat_sectors
    dir_start = len(fat)
    for i in range(dir_sectors):
        fat.append(dir_start + i + 1 if i < dir_sectors - 1 else END)
    for start, n in chains:
        for i in range(n):
            fat.append(first_data + start + i + 1 if i < n - 1 else END)
    fat += [FREE] * (fat_sectors * 128 - len(fat))
    entries = [_entry("Root Entry", 5, 1 if names else 0xFFFFFFFF, 0xFFFFFFFF, END, 0)]
    for i, (name, (start, _)) in enumerate(zip(names, chains, strict=True)):
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        entries.append(_entry(name, 2, 0xFFFFFFFF, right, first_data + start, len(data[i])))
    directory = b"".join(entries).ljust(dir_sectors * SECTOR, b"\0")
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    body = b"".join(struct.pack("<128I", *fat[i * 128 : (i + 1) * 128]) for i in range(fat_sectors))
    return (
        header
        + body
        + directory
        + b"".join(d.ljust(-(-len(d) // SECTOR) * SECTOR, b"\0") for d in data)
    )


def outlook_msg(subject: str, body: str, sender: str) -> bytes:
    u = lambda s: s.encode("utf-16-le")  # noqa: E731
    return compound_file(
        {
            "__properties_version1.0": b"\0" * 32,
            "__substg1.0_0037001F": u(subject),
            "__substg1.0_1000001F": u(body),
            "__substg1.0_0C1F001F": u(sender),
        }
    )
