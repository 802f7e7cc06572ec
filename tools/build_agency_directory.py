"""Build resources/agencies/agencies-fbi-cde-2018.jsonl.gz from the FBI Crime Data Explorer CSV.

    python tools/build_agency_directory.py [/path/to/agencies.csv]

Cleans what is certain (whitespace, NB -> NE, GM -> GU, county case), maps each agency to
our type, level and jurisdiction (foia_assist/domain/agency_directory.py), and writes one
JSON object per line, sorted by state, name and ORI, gzip'd with a fixed timestamp so the
same CSV always gives the same bytes. Judgments are documented in resources/agencies/README.md.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from foia_assist.domain.agency_directory import from_fbi_row  # noqa: E402
from foia_assist.fileio import atomic_write_bytes  # noqa: E402
from foia_assist.storage.agency_directory_files import FBI_FILE, agency_record  # noqa: E402

DEFAULT_CSV = Path("/work/shared/data/agencies-fbi-cde-2018.csv")
OUT = ROOT / "resources" / "agencies" / FBI_FILE


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else DEFAULT_CSV
    known = frozenset(p.stem for p in (ROOT / "resources" / "jurisdictions").glob("*.toml"))
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    agencies = [from_fbi_row(r, known) for r in rows]
    ids = Counter(a.id for a in agencies)
    dupes = [i for i, n in ids.items() if n > 1 or not i]
    if dupes:
        print(f"refusing: ORIs missing or repeated: {dupes[:5]}", file=sys.stderr)
        return 2
    agencies.sort(key=lambda a: (a.state, a.name.casefold(), a.id))
    text = "".join(
        json.dumps(agency_record(a), ensure_ascii=False, separators=(",", ":")) + "\n"
        for a in agencies
    )
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    atomic_write_bytes(OUT, buf.getvalue())
    print(f"{len(agencies)} agencies -> {OUT.relative_to(ROOT)} ({len(buf.getvalue())} bytes)")
    print("types:", dict(Counter(a.type.value for a in agencies)))
    print("no jurisdiction:", [(a.id, a.state) for a in agencies if a.jurisdiction is None])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
